// Kapacitor's response conventions: JSON errors `{"error", "message"}` pretty-printed with
// four spaces; alerts and tasks pretty-printed, config and service tests compact with a
// trailing newline; plain text for the write endpoint.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { CondenserError } from '../../common/errors.js';
import { parseClientJSON } from '../../common/safe-json.js';

const jsonType = 'application/json; charset=utf-8';

export function sendIndented(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .type(jsonType)
    .send(JSON.stringify(body, null, 4));
}

export function sendCompact(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .type(jsonType)
    .send(JSON.stringify(body) + '\n');
}

export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return sendIndented(reply, status, { error: message, message });
}

export function sendNoContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}

/** An error that becomes an HTTP response with this status and message. */
export class HttpError extends CondenserError {
  constructor(status: number, message: string, code = 'http_error') {
    super(code, message, status);
    this.name = 'HttpError';
  }
}

/** The request body as text (every content type is accepted, as Kapacitor does). */
export function bodyText(req: FastifyRequest): string {
  const body = req.body;
  if (body === undefined || body === null) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return String(body);
}

/**
 * Parse a JSON body; a malformed one, or one holding `__proto__`, `constructor` or
 * `prototype` keys, is a 400 whose message starts with `prefix`.
 */
export function jsonBody(req: FastifyRequest, prefix: string): unknown {
  try {
    return parseClientJSON(bodyText(req));
  } catch (err) {
    if (err instanceof CondenserError)
      throw new HttpError(400, `${prefix}${err.message}`, err.code);
    throw err;
  }
}

/** Query parameters that carry credentials (`?u=user&p=password`): never echoed. */
const credentialParams = new Set(['u', 'p']);

/**
 * The request URI as received, for `link.href` (Kapacitor echoes it), without the `u`/`p`
 * credential parameters; the other parameters keep their original encoding.
 */
export function selfHref(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  if (q < 0) return req.url;
  const kept = req.url
    .slice(q + 1)
    .split('&')
    .filter((part) => !credentialParams.has(queryKey(part)));
  return kept.length === 0 ? req.url.slice(0, q) : `${req.url.slice(0, q)}?${kept.join('&')}`;
}

function queryKey(part: string): string {
  const raw = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The first value of a query parameter. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}
