// HTTP client for a running host's Kapacitor API (spec/http-api.md) and the few Condenser
// extension routes (`/condenser/v1/...`) the CLI reads. Every failure becomes
// a one-line typed error: the server's `{"error": ...}` body a ServerError carrying the
// status, an unreachable host a ConnectionError naming the URL, an answer of the wrong
// shape a ResponseError. Responses are checked with zod (./schema.ts) so callers get real types.

import type * as z from './schema.js';
import { CondenserError, errorMessage } from '../common/errors.js';
import { httpRequest, type BufferedResponse } from './http-request.js';

export const defaultURL = 'http://localhost:9092';
const apiPath = '/kapacitor/v1';
/** Paths under the Condenser extension API are given whole; every other path is under apiPath. */
export const condenserPath = '/condenser/v1';

/** The server answered with a non-2xx status; `message` is its `error` text. */
export class ServerError extends CondenserError {
  constructor(status: number, message: string) {
    super('server_refused', message, status);
    this.name = 'ServerError';
  }
}

/** The request never got an answer (connection refused, unknown host, reset, ...). */
export class ConnectionError extends CondenserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('connection_failed', message, 503, options);
    this.name = 'ConnectionError';
  }
}

/** A 2xx answer that is not what the API promises (not JSON, missing fields). */
export class ResponseError extends CondenserError {
  constructor(message: string) {
    super('bad_response', message, 502);
    this.name = 'ResponseError';
  }
}

/** The server URL given with -url / KAPACITOR_URL is unusable (a usage error: exit 2). */
export class ServerURLError extends CondenserError {
  constructor(message: string) {
    super('usage', message, 2);
    this.name = 'ServerURLError';
  }
}

/** Query parameters; an array repeats the parameter (`fields=a&fields=b`). */
export type Query = Record<string, string | readonly string[] | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
}

export class KapacitorClient {
  /** What the user gave, credentials removed (used in messages). */
  readonly url: string;
  private readonly base: string;
  private readonly authorization: string | undefined;

  constructor(url: string) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ServerURLError(
        `invalid server URL ${JSON.stringify(url)}: expected http(s)://host:port`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ServerURLError(
        `invalid server URL ${JSON.stringify(url)}: the scheme must be http or https`,
      );
    }
    // fetch refuses URLs with credentials; Go's client turns them into basic auth.
    this.authorization =
      parsed.username !== '' || parsed.password !== ''
        ? 'Basic ' +
          Buffer.from(
            `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`,
          ).toString('base64')
        : undefined;
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    this.url = parsed.href.replace(/\/+$/, '');
    this.base = this.url + apiPath;
  }

  /** The full URL of an API path. */
  private address(path: string): string {
    return path.startsWith(`${condenserPath}/`) ? this.url + path : this.base + path;
  }

  /** GET a JSON resource and check its shape. */
  async get<S extends z.ZodMiniType>(path: string, schema: S, query?: Query): Promise<z.output<S>> {
    return this.decode(path, schema, await this.send('GET', path, { query }));
  }

  /** POST/PUT/PATCH a JSON body and check the JSON answer's shape. */
  async write<S extends z.ZodMiniType>(
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    return this.decode(path, schema, await this.send(method, path, { body }));
  }

  async delete(path: string): Promise<void> {
    await this.send('DELETE', path, {});
  }

  /** GET a resource as text (e.g. /debug/vars, printed as the server sent it). */
  async getText(path: string): Promise<string> {
    return (await this.send('GET', path, {})).text;
  }

  /** POST a JSON body to a route that answers without one (204). */
  async post(path: string, body: unknown): Promise<void> {
    await this.send('POST', path, { body });
  }

  /**
   * GET a streamed resource and hand each line to `onLine` until the server ends it or
   * `signal` aborts (resolves either way).
   */
  async stream(
    path: string,
    query: Query,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const res = await this.open(path, query, signal);
    if (res === undefined || res.body === null) return;
    const decoder = new TextDecoder();
    let partial = '';
    try {
      for await (const chunk of res.body) {
        const lines = (partial + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line !== '') onLine(line);
      }
    } catch (err) {
      if (!signal.aborted)
        throw new ConnectionError(`stream from ${this.url} broke: ${networkReason(err)}`);
    }
  }

  /** GET a binary resource as a web stream (backups). */
  async download(path: string): Promise<ReadableStream<Uint8Array>> {
    const res = await this.open(path, {}, undefined);
    if (res?.body == null) throw new ResponseError(`empty answer from ${this.address(path)}`);
    return res.body;
  }

  /** A fetch whose body is left unread; undefined when `signal` aborted before an answer. */
  private async open(
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
  ): Promise<Response | undefined> {
    const target = new URL(this.address(path));
    for (const [k, v] of Object.entries(query)) {
      if (typeof v === 'string') target.searchParams.set(k, v);
      else for (const each of v ?? []) target.searchParams.append(k, each);
    }
    const headers: Record<string, string> = {};
    if (this.authorization) headers.Authorization = this.authorization;
    let res: Response;
    try {
      res = await fetch(target, { headers, signal });
    } catch (err) {
      if (signal?.aborted) return undefined;
      throw new ConnectionError(`cannot reach ${this.url}: ${networkReason(err)}`, { cause: err });
    }
    if (res.status < 200 || res.status > 299) {
      throw new ServerError(res.status, errorText(res, await res.text()));
    }
    return res;
  }

  /** GET /ping; resolves to the X-Kapacitor-Version header ('' if absent). */
  async ping(): Promise<string> {
    const res = await this.send('GET', '/ping', {});
    return res.header('x-kapacitor-version') ?? '';
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<BufferedResponse> {
    const target = new URL(this.address(path));
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (typeof v === 'string') target.searchParams.set(k, v);
      else for (const each of v ?? []) target.searchParams.append(k, each);
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.authorization) headers.Authorization = this.authorization;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: BufferedResponse;
    try {
      res = await httpRequest(
        target,
        method,
        headers,
        options.body === undefined ? undefined : JSON.stringify(options.body),
      );
    } catch (err) {
      throw new ConnectionError(`cannot reach ${this.url}: ${networkReason(err)}`, { cause: err });
    }
    if (res.status < 200 || res.status > 299) {
      throw new ServerError(res.status, errorText(res, res.text));
    }
    return res;
  }

  private decode<S extends z.ZodMiniType>(
    path: string,
    schema: S,
    res: BufferedResponse,
  ): z.output<S> {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new ResponseError(`unexpected answer from ${this.address(path)}: not JSON`);
    }
    const checked = schema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new ResponseError(
        `unexpected answer from ${this.address(path)}: ${issue?.message ?? 'bad shape'}${where}`,
      );
    }
    return checked.data;
  }
}

/** The server's `error` field, else the first line of the body, else the status line. */
function errorText(res: { status: number; statusText: string }, text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { error, message } = body as { error?: unknown; message?: unknown };
      const msg = typeof error === 'string' && error !== '' ? error : message;
      if (typeof msg === 'string' && msg !== '') return oneLine(msg);
    }
  } catch {
    // Not JSON (the write endpoint and proxies answer in plain text).
  }
  const first = text.trim().split('\n')[0]?.trim();
  return first ? first : `HTTP ${res.status} ${res.statusText}`.trim();
}

/**
 * Why a request failed: node:http's error, or fetch's `cause` (undici wraps the system
 * error), by its code when there is one.
 */
function networkReason(err: unknown): string {
  const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the host running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed by the server';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
  }
  return oneLine(cause instanceof Error ? cause.message : errorMessage(err));
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Encode one path segment (topic and handler IDs may contain ':' and non-ASCII letters). */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
