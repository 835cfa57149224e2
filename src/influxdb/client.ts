// An InfluxDB 1.x HTTP client for one cluster: /write (line protocol), /query (InfluxQL) and
// /ping, sent with the delivery layer's Go-faithful HTTP client. Failures are DeliveryErrors,
// so the shared retrier decides: connection errors and 5xx are retried, 4xx are not. A
// connection failure moves on to the cluster's next URL for the following attempt.

import { readFileSync } from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { DeliveryError } from '../delivery/errors.js';
import { goHttpRequest, sendHTTP } from '../delivery/http.js';
import type { InfluxDBConfig } from './config.js';
import type { WritePrecision } from './line-protocol.js';

export interface WriteTarget {
  database: string;
  retentionPolicy: string;
  precision: WritePrecision;
  /** any, one, quorum, all (InfluxDB Enterprise); '' = the server's default */
  consistency: string;
}

/** One series of a query result, as InfluxDB 1.x returns it. */
export interface ResultSeries {
  name?: string;
  tags?: Record<string, string>;
  columns: string[];
  values?: unknown[][];
}

export interface StatementResult {
  statement_id?: number;
  series?: ResultSeries[];
  error?: string;
}

/** Query answers larger than this are refused rather than held in memory. */
const maxQueryBodyBytes = 64 * 1024 * 1024;

async function readAll(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new DeliveryError('protocol', `query answer larger than ${limit} bytes`, {
        retryable: false,
      });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tlsAgent(c: InfluxDBConfig): http.Agent | undefined {
  if (c['ssl-ca'] === '' && c['ssl-cert'] === '') return undefined;
  return new https.Agent({
    keepAlive: true,
    rejectUnauthorized: !c['insecure-skip-verify'],
    ...(c['ssl-ca'] === '' ? {} : { ca: readFileSync(c['ssl-ca']) }),
    ...(c['ssl-cert'] === ''
      ? {}
      : { cert: readFileSync(c['ssl-cert']), key: readFileSync(c['ssl-key']) }),
  });
}

function influxError(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return `${status}: ${body.error}`;
  } catch {
    // not JSON
  }
  const trimmed = text.trim();
  return trimmed === '' ? `unexpected response code ${status}` : `${status}: ${trimmed}`;
}

export class InfluxDBClient {
  private next = 0;
  private readonly headers: Record<string, string>;
  private readonly agent: http.Agent | undefined;

  constructor(readonly config: InfluxDBConfig) {
    this.headers =
      config.username === ''
        ? {}
        : {
            Authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`,
          };
    this.agent = tlsAgent(config);
  }

  get name(): string {
    return this.config.name;
  }

  /** The URL of this attempt; a connection failure moves to the next one. */
  private url(path: string, query: Record<string, string>): URL {
    const base = this.config.urls[this.next % this.config.urls.length]!;
    const url = new URL(base.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) if (v !== '') url.searchParams.set(k, v);
    return url;
  }

  private signal(outer: AbortSignal | undefined): AbortSignal | undefined {
    const ms = this.config.timeout / 1e6;
    if (ms <= 0) return outer;
    const timeout = AbortSignal.timeout(ms);
    return outer ? AbortSignal.any([outer, timeout]) : timeout;
  }

  private failed(err: unknown): never {
    if (err instanceof DeliveryError && (err.reason === 'connection' || err.reason === 'timeout'))
      this.next++;
    throw err;
  }

  /** POST line protocol to /write; resolves on 204. */
  async write(target: WriteTarget, lines: string, signal?: AbortSignal): Promise<void> {
    const url = this.url('/write', {
      db: target.database,
      rp: target.retentionPolicy,
      precision: target.precision === 'ns' || target.precision === 'n' ? '' : target.precision,
      consistency: target.consistency,
    });
    try {
      await sendHTTP({
        url,
        headers: { ...this.headers, 'Content-Type': 'text/plain; charset=utf-8' },
        body: lines,
        signal: this.signal(signal),
        insecureSkipVerify: this.config['insecure-skip-verify'],
        agent: this.agent,
        isSuccess: (status) => status >= 200 && status <= 299,
        describeFailure: influxError,
      });
    } catch (err) {
      this.failed(err);
    }
  }

  /** Run InfluxQL; statement errors are thrown (not retryable), as InfluxDB's 4xx are. */
  async query(
    command: string,
    options: { database?: string; signal?: AbortSignal } = {},
  ): Promise<StatementResult[]> {
    const url = this.url('/query', { db: options.database ?? '' });
    let text: string;
    let status: number;
    try {
      const res = await goHttpRequest({
        url,
        method: 'POST',
        headers: { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ q: command }).toString(),
        signal: this.signal(options.signal),
        insecureSkipVerify: this.config['insecure-skip-verify'],
        agent: this.agent,
      });
      status = res.status;
      text = await readAll(res.body, maxQueryBodyBytes);
    } catch (err) {
      this.failed(err);
    }
    if (status < 200 || status > 299) {
      const message = influxError(status, text);
      throw new DeliveryError(status >= 500 ? 'http-5xx' : 'http-4xx', message, { status });
    }
    let body: { results?: StatementResult[]; error?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new DeliveryError('protocol', 'query answer is not JSON', { retryable: false });
    }
    if (typeof body.error === 'string') {
      throw new DeliveryError('http-4xx', body.error, { status, retryable: false });
    }
    const results = body.results ?? [];
    const failed = results.find((r) => typeof r.error === 'string');
    if (failed) throw new DeliveryError('http-4xx', failed.error!, { status, retryable: false });
    return results;
  }

  /** GET /ping: the server's version, or throws. */
  async ping(signal?: AbortSignal): Promise<string> {
    try {
      const res = await goHttpRequest({
        url: this.url('/ping', {}),
        method: 'GET',
        headers: this.headers,
        signal: this.signal(signal),
        insecureSkipVerify: this.config['insecure-skip-verify'],
        agent: this.agent,
      });
      res.body.resume();
      if (res.status !== 204 && res.status !== 200) {
        throw new DeliveryError(
          res.status >= 500 ? 'http-5xx' : 'http-4xx',
          influxError(res.status, ''),
          {
            status: res.status,
          },
        );
      }
      const v = res.headers['x-influxdb-version'];
      return (Array.isArray(v) ? v[0] : v) ?? '';
    } catch (err) {
      return this.failed(err);
    }
  }

  close(): void {
    this.agent?.destroy();
  }
}

/** InfluxQL identifier quoting (influxql.QuoteIdent). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
