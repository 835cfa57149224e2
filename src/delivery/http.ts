// HTTP delivery with node:http/https rather than fetch, because fetch (undici) adds headers
// Kapacitor never sends (Accept: */*, Accept-Language: *, Sec-Fetch-Mode: cors,
// User-Agent: node, Connection: keep-alive) and a receiver that signs or logs requests would
// notice. What we send, in Go's net/http order:
//
//   Host: <url host>
//   User-Agent: Go-http-client/1.1          (unless the handler sets User-Agent)
//   Content-Length: <n>                     (when there is a body or the method is POST/PUT/PATCH)
//   <handler headers, Go-canonical names, sorted by name>
//   Accept-Encoding: gzip                   (unless the handler sets Accept-Encoding)
//
// No Connection header (HTTP/1.1 keep-alive is the default; Go sends none either).
// Redirects are not followed (Go's client follows up to 10): a 3xx is a non-success status.

import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { redactURL } from '../config/redact.js';
import { onAbort } from './abort-hooks.js';
import { DeliveryError, abortError, classifyError } from './errors.js';

export type HTTPMethod = 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE';

export interface GoRequest {
  url: string | URL;
  method?: HTTPMethod;
  /** Handler headers; names are canonicalised as Go's Header.Set does. */
  headers?: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** TLS: skip certificate verification (Kapacitor's insecure-skip-verify). */
  insecureSkipVerify?: boolean;
  /** A connection pool of the caller's (client certificates, a private CA); overrides the shared ones. */
  agent?: http.Agent;
}

export interface GoResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body, already gunzipped when we asked for gzip. Must be consumed or destroyed. */
  body: Readable;
}

// Keep-alive agents shared by all handlers, like Go's DefaultTransport.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });
const insecureHttpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

/** Headers Go writes itself and never copies from Request.Header (reqWriteExcludeHeader). */
const goOwnedHeaders: ReadonlySet<string> = new Set([
  'Host',
  'User-Agent',
  'Content-Length',
  'Transfer-Encoding',
  'Trailer',
]);

const canonicalKeys = new Map<string, string>();

/** textproto.CanonicalMIMEHeaderKey: "content-type" → "Content-Type"; odd keys unchanged. */
export function canonicalHeaderKey(key: string): string {
  // A handler sends the same few names with every event: each is worked out once.
  let canonical = canonicalKeys.get(key);
  if (canonical === undefined) {
    canonical = !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(key)
      ? key
      : key
          .toLowerCase()
          .replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
    // bounded: names are chosen by users (handler options), not by every event
    if (canonicalKeys.size >= 1000) canonicalKeys.clear();
    canonicalKeys.set(key, canonical);
  }
  return canonical;
}

const emptyBody = new Uint8Array(0);

/** Parsed URLs of the strings handlers send to (a handler sends every event to the same few). */
const urls = new Map<string, URL>();

/** `url` parsed; never changed by a request, so one parse serves every event. */
function parsedURL(url: string | URL): URL {
  if (typeof url !== 'string') return url;
  let parsed = urls.get(url);
  if (parsed === undefined) {
    parsed = new URL(url);
    // bounded: URLs come from configuration and options, and rarely change
    if (urls.size >= 1000) urls.clear();
    urls.set(url, parsed);
  }
  return parsed;
}

/** The exact header list we send for `req`, in order (exported so tests can pin it). */
export function goRequestHeaders(
  req: GoRequest,
  bodyLength: number,
  url: URL = new URL(req.url),
): [string, string][] {
  return requestHeaders(req, bodyLength, url.host).headers;
}

/** The header list, and whether Go added Accept-Encoding (it then gunzips the response). */
function requestHeaders(
  req: GoRequest,
  bodyLength: number,
  host: string,
): { headers: [string, string][]; addedAcceptEncoding: boolean } {
  const method = req.method ?? 'POST';
  const own = new Map<string, string>();
  const given = req.headers;
  if (given !== undefined)
    for (const k of Object.keys(given)) own.set(canonicalHeaderKey(k), given[k]!);

  const out: [string, string][] = [['Host', host]];
  out.push(['User-Agent', own.get('User-Agent') ?? 'Go-http-client/1.1']);
  if (bodyLength > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH') {
    out.push(['Content-Length', String(bodyLength)]);
  }
  const rest = [...own.keys()].filter((k) => !goOwnedHeaders.has(k));
  if (rest.length > 1) rest.sort();
  for (const k of rest) out.push([k, own.get(k) ?? '']);
  const addedAcceptEncoding = !own.has('Accept-Encoding');
  if (addedAcceptEncoding) out.push(['Accept-Encoding', 'gzip']);
  return { headers: out, addedAcceptEncoding };
}

function basicAuthHeader(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

/** What a request needs of its URL, worked out once per URL (a handler sends to the same few). */
interface Target {
  protocol: string;
  hostname: string;
  port: number | undefined;
  path: string;
  host: string;
  secure: boolean;
  /** Authorization from the URL's user:pass@, if any. */
  auth: string | undefined;
}

const targets = new WeakMap<URL, Target>();

function targetOf(url: URL): Target {
  let target = targets.get(url);
  if (target === undefined) {
    target = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? undefined : Number(url.port),
      path: url.pathname + url.search,
      host: url.host,
      secure: url.protocol === 'https:',
      auth: basicAuthHeader(url),
    };
    // Only URLs from the parse cache are kept: a caller's own URL object may change.
    if (urls.get(url.href) === url) targets.set(url, target);
  }
  return target;
}

/**
 * One request, sent the way Go's net/http client sends it (see the header list at the top).
 * Rejects with a DeliveryError on transport failure or abort; any status resolves.
 */
export function goHttpRequest(req: GoRequest): Promise<GoResponse> {
  const signal = req.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  let url: URL;
  try {
    url = parsedURL(req.url);
  } catch (err) {
    return Promise.reject(
      new DeliveryError('protocol', `invalid URL ${redactURL(String(req.url))}`, { cause: err }),
    );
  }
  const target = targetOf(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(
      new DeliveryError(
        'protocol',
        `unsupported protocol scheme "${target.protocol.slice(0, -1)}"`,
      ),
    );
  }
  // A text body stays text: node:http then sends it in one write with the request head, as
  // a bare request does, instead of a head and a buffer.
  const body = req.body ?? emptyBody;
  const bodyLength = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const { headers, addedAcceptEncoding } = requestHeaders(req, bodyLength, target.host);
  // Go puts user:pass@ from the URL into Authorization (after the handler's headers) when
  // the handler did not set one.
  if (target.auth !== undefined && !headers.some(([k]) => k === 'Authorization')) {
    headers.push(['Authorization', target.auth]);
  }
  // Go decompresses transparently only when it added Accept-Encoding itself.
  const requestedGzip = addedAcceptEncoding;
  const secure = target.secure;
  const agent =
    req.agent ?? (secure ? (req.insecureSkipVerify ? insecureHttpsAgent : httpsAgent) : httpAgent);

  return new Promise<GoResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      reject(signal?.aborted ? abortError(signal, err) : classifyError(err));
    };
    let request: http.ClientRequest;
    try {
      request = (secure ? https : http).request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: req.method ?? 'POST',
        agent,
        setHost: false,
        headers: Object.fromEntries(headers),
      });
      // Node adds "Connection: keep-alive" by itself; removing it keeps keep-alive but sends none.
      request.removeHeader('connection');
    } catch (err) {
      fail(err);
      return;
    }
    request.on('error', fail);
    if (signal) abortOn(signal, request);
    request.on('response', (res) => {
      if (settled) {
        res.destroy();
        return;
      }
      settled = true;
      let stream: Readable = res;
      if (requestedGzip && res.headers['content-encoding'] === 'gzip') {
        const gunzip = createGunzip();
        res.on('error', (err) => gunzip.destroy(err));
        stream = res.pipe(gunzip);
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: stream });
    });
    request.end(body);
  });
}

/**
 * Destroys the request (and so its response) when `signal` aborts, until the request closes.
 * What http.request's own `signal` option does, without the listeners it adds to the signal
 * and the stream-end watchers it attaches to every request (see abort-hooks.ts).
 */
function abortOn(signal: AbortSignal, request: http.ClientRequest): void {
  const cancel = onAbort(signal, () => {
    request.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
  });
  request.once('close', cancel);
}

/** Resolves when a discarded body has ended, failed or closed, whichever comes first. */
function drained(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      body.off('end', done);
      body.off('error', done);
      body.off('close', done);
      resolve();
    };
    body.on('end', done);
    body.on('error', done);
    body.on('close', done);
  });
}

/** The failure message includes at most this much of the response body. */
const maxFailureBodyBytes = 64 * 1024;

async function readBodyText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Retry-After: delay-seconds or an HTTP-date; undefined when absent or unparsable. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Date.parse accepts bare numbers ("-3" is a year); an HTTP-date always has a day name.
  if (!/[A-Za-z]/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface SendHTTPOptions extends GoRequest {
  /** The handler's notion of success (Kapacitor: 2xx for httppost, exactly 200 for some). */
  isSuccess(status: number): boolean;
  /** Builds the failure message from the status and (bounded) response body. */
  describeFailure?(status: number, bodyText: string): string;
}

export interface SendHTTPResult {
  status: number;
}

function defaultDescribeFailure(status: number, bodyText: string): string {
  const text = bodyText.trim();
  return text === ''
    ? `unexpected response code ${status}`
    : `unexpected response code ${status}: ${text}`;
}

/** Status → error: 5xx and 429 are retryable; anything else is the request's fault. */
function statusError(
  status: number,
  message: string,
  retryAfterMs: number | undefined,
): DeliveryError {
  if (status === 429) return new DeliveryError('http-429', message, { status, retryAfterMs });
  if (status >= 500 && status <= 599)
    return new DeliveryError('http-5xx', message, { status, retryAfterMs });
  if (status >= 400 && status <= 499) return new DeliveryError('http-4xx', message, { status });
  return new DeliveryError('http-status', message, { status });
}

/**
 * Send one request; resolve on a success status, reject with a DeliveryError otherwise.
 * The body is read only on failure, to build the message (Kapacitor does the same);
 * on success it is discarded so the connection can be reused.
 */
export async function sendHTTP(opts: SendHTTPOptions): Promise<SendHTTPResult> {
  const res = await goHttpRequest(opts);
  if (opts.isSuccess(res.status)) {
    // Discard the body, but wait for its end: only then does the socket go back to the
    // keep-alive pool, so the queue's next request reuses it instead of dialling again.
    // The receiver accepted the event; a broken or aborted discarded body changes nothing.
    res.body.resume();
    await drained(res.body);
    return { status: res.status };
  }
  let bodyText = '';
  try {
    bodyText = await readBodyText(res.body, maxFailureBodyBytes);
  } catch (err) {
    // The status is what matters; a body cut short only shortens the message,
    // unless we were aborted meanwhile.
    if (opts.signal?.aborted) throw abortError(opts.signal, err);
  }
  const describe = opts.describeFailure ?? defaultDescribeFailure;
  const retryAfter = res.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  throw statusError(res.status, describe(res.status, bodyText), retryAfterMs);
}
