// POST <base>/write and the InfluxDB-compatible POST /write: line protocol in, points to the
// task master. Kapacitor's order: gunzip, read, parse all-or-nothing, then `db`, then deliver.
// Errors here are plain text `<message>\n`, not the JSON errors of the other routes.

import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nowNanos } from '../../../common/gotime.js';
import { errorMessage } from '../../../common/errors.js';
import { parseLineProtocolBody } from '../../../ingest/body.js';
import { LineProtocolError, type ParsedPoint } from '../../../ingest/line-protocol.js';
import { queryParam } from '../reply.js';

export { pointFromParsed } from '../../../ingest/to-point.js';

/** Where written points go (the task master); points arrive in request order. */
export interface PointSink {
  writePoints(db: string, rp: string, points: ParsedPoint[]): void;
}

export interface WriteRouteOptions {
  /** Used when `rp` is missing or empty (Kapacitor's `default-retention-policy`, default ""). */
  defaultRetentionPolicy?: string;
}

const gunzipAsync = promisify(gunzip);

/** Apps that already have the root `/write` alias (extraRoutes runs once per API base). */
const rootAliasRegistered = new WeakSet<FastifyInstance>();

/** Registers `POST <base>/write`, and `POST /write` the first time it is called for an app. */
export function registerWriteRoutes(
  app: FastifyInstance,
  base: string,
  sink: PointSink,
  options: WriteRouteOptions = {},
): void {
  const bodyLimit = app.initialConfig.bodyLimit ?? 1024 * 1024;
  const route = {
    handler: (req: FastifyRequest, reply: FastifyReply) =>
      serveWrite(req, reply, sink, bodyLimit, options),
    // body-limit and read errors of this route are plain text too
    errorHandler: (err: unknown, _req: FastifyRequest, reply: FastifyReply) =>
      sendRequestError(reply, err, bodyLimit),
  };
  app.post(`${base}/write`, route);
  if (base !== '' && !rootAliasRegistered.has(app)) {
    rootAliasRegistered.add(app);
    app.post('/write', route);
  }
}

async function serveWrite(
  req: FastifyRequest,
  reply: FastifyReply,
  sink: PointSink,
  bodyLimit: number,
  options: WriteRouteOptions,
): Promise<FastifyReply> {
  let body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  // Go compares the header value exactly: only a lower-case `gzip` is decompressed
  if (req.headers['content-encoding'] === 'gzip') {
    try {
      body = await gunzipAsync(body, { maxOutputLength: bodyLimit });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return sendText(reply, 413, `decompressed ${tooLargeMessage(bodyLimit)}`);
      }
      return sendText(reply, 400, goGzipMessage(err, body.length));
    }
  }
  let points: ParsedPoint[];
  try {
    points = parseLineProtocolBody(body, {
      precision: queryParam(req, 'precision') || 'n',
      now: nowNanos(),
    });
  } catch (err) {
    if (err instanceof LineProtocolError) return sendText(reply, 400, err.message);
    throw err;
  }
  const db = queryParam(req, 'db');
  if (!db) return sendText(reply, 400, 'database is required');
  const rp = queryParam(req, 'rp') || (options.defaultRetentionPolicy ?? '');
  if (points.length > 0) {
    try {
      sink.writePoints(db, rp, points);
    } catch (err) {
      return sendText(reply, 500, errorMessage(err));
    }
  }
  return reply.code(204).send();
}

function sendText(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type('text/plain; charset=utf-8')
    .send(message + '\n');
}

function tooLargeMessage(limit: number): string {
  return `request body too large: limit is ${limit} bytes ([http] max-body-size)`;
}

function sendRequestError(reply: FastifyReply, err: unknown, bodyLimit: number): FastifyReply {
  const e = err as { code?: string; statusCode?: number };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendText(reply, 413, tooLargeMessage(bodyLimit));
  const status =
    typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500
      ? e.statusCode
      : 500;
  return sendText(reply, status, errorMessage(err));
}

/**
 * Go's compress/gzip text for a bad body where one exists (Kapacitor answers with it):
 * empty body → `EOF`, not gzip (or trailing garbage) → `gzip: invalid header`, cut short →
 * `unexpected EOF`, bad CRC/length → `gzip: invalid checksum`; other deflate damage keeps
 * zlib's text (Go's `flate: corrupt input before offset N` needs an offset zlib does not give).
 */
function goGzipMessage(err: unknown, inputLength: number): string {
  if (inputLength === 0) return 'EOF';
  const message = errorMessage(err);
  switch (message) {
    case 'incorrect header check':
      return 'gzip: invalid header';
    case 'unexpected end of file':
      return 'unexpected EOF';
    case 'incorrect data check':
    case 'incorrect length check':
      return 'gzip: invalid checksum';
    default:
      return message;
  }
}
