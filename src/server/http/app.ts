// The HTTP API: Kapacitor's conventions (headers, CORS, errors, 404 body), auth, body limit,
// request logging, and every route under /kapacitor/v1 and /kapacitor/v1preview.

import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CondenserError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { isConsolePath, registerConsoleRoutes } from '../../console/routes.js';
import { Authenticator, FailureLimiter, presentedCredentials, type Credentials } from '../auth.js';
import type { ApiContext } from './context.js';
import { RequestGuard, type GuardOptions } from './guard.js';
import { lazySchemaCompilers } from './schema-compilers.js';
import { limitedServerFactory, type ListenerLimits } from './listener.js';
import { sendError } from './reply.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerCondenserRoutes } from './routes/condenser.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerServiceTestRoutes } from './routes/service-tests.js';
import { registerSystemRoutes } from './routes/system.js';

export interface HttpOptions {
  maxBodySize: number;
  authEnabled: boolean;
  credentials: Credentials;
  /** Failed authentications allowed per client address and window before 429. */
  authFailures: { max: number; windowMs: number };
  /** Origin, Host and browser content-type checks. */
  guard: GuardOptions;
  limits: ListenerLimits;
  logRequests: boolean;
  logger: Logger;
  configOverrideEnabled: () => boolean;
  /** Routes added by later parts (writes, tasks), registered under each base path. */
  extraRoutes?: Array<(app: FastifyInstance, base: string) => void>;
}

export const apiBases = ['/kapacitor/v1', '/kapacitor/v1preview'] as const;

let clockSeq = randomBytes(2).readUInt16BE(0) & 0x3fff;
const node = randomBytes(6);
node[0]! |= 0x01; // multicast bit: a random node id, as RFC 4122 asks

/** A version-1 (time-based) UUID, as Kapacitor's Request-Id. */
export function timeUUID(now = Date.now()): string {
  const t = BigInt(now) * 10_000n + 0x01b21dd213814000n;
  clockSeq = (clockSeq + 1) & 0x3fff;
  const hex = (v: bigint | number, len: number) => v.toString(16).padStart(len, '0');
  const low = t & 0xffffffffn;
  const mid = (t >> 32n) & 0xffffn;
  const hi = ((t >> 48n) & 0x0fffn) | 0x1000n;
  return `${hex(low, 8)}-${hex(mid, 4)}-${hex(hi, 4)}-${hex(clockSeq | 0x8000, 4)}-${node.toString('hex')}`;
}

const corsHeaders = {
  'Access-Control-Allow-Methods': 'DELETE, GET, OPTIONS, POST, PATCH, PUT',
  'Access-Control-Allow-Headers':
    'Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token, X-HTTP-Method-Override',
  'Access-Control-Max-Age': '600',
};

/** Longest path parameter the router matches; ids are far shorter (MAX_ID_BYTES). */
const MAX_PARAM_LENGTH = 1000;

/** The path of a request URL, without the query (which may carry `u`/`p` credentials). */
function urlPath(url: string): string {
  return url.split('?')[0]!;
}

function isPing(url: string): boolean {
  const path = urlPath(url);
  return apiBases.some((b) => path === `${b}/ping`);
}

/** Kapacitor's headers on every response. */
function setConventionHeaders(reply: FastifyReply, version: string): void {
  reply.header('Request-Id', timeUUID());
  reply.header('X-Kapacitor-Version', version);
}

export function createHttpApp(ctx: ApiContext, opts: HttpOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: opts.maxBodySize,
    logger: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    schemaController: { compilersFactory: lazySchemaCompilers() },
    serverFactory: limitedServerFactory(opts.limits),
    // fastify's own answers to these echo the whole URL, query (and `p=` password) included.
    frameworkErrors: (err, _req, reply) => {
      setConventionHeaders(reply, ctx.version);
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendError(
          reply,
          414,
          `URI too long: a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
        );
      }
      if (err.code === 'FST_ERR_BAD_URL') {
        return sendError(reply, 400, 'invalid URL: malformed percent-encoding in the path');
      }
      return sendError(reply, 400, 'invalid request');
    },
  });
  const started = new WeakMap<FastifyRequest, bigint>();
  const guard = new RequestGuard(opts.guard);
  const authenticator = new Authenticator(opts.credentials);
  const failures = new FailureLimiter(opts.authFailures.max, opts.authFailures.windowMs);

  // Kapacitor reads every body whatever its content type (curl -d sends form encoding).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    started.set(req, process.hrtime.bigint());
    setConventionHeaders(reply, ctx.version);
    // Before any route and before auth: a foreign page or Host never gets further.
    const verdict = guard.check({
      method: req.method,
      path: urlPath(req.url),
      headers: req.headers,
    });
    if (!verdict.ok) return sendError(reply, verdict.status, verdict.message);
    if (req.headers.origin !== undefined) reply.header('Vary', 'Origin');
    if (verdict.cors !== undefined) {
      reply.header('Access-Control-Allow-Origin', verdict.cors);
      for (const [k, v] of Object.entries(corsHeaders)) reply.header(k, v);
    }
    if (req.method === 'OPTIONS') return reply.code(204).send();
    if (opts.authEnabled && !isPing(req.url) && !isConsolePath(req.url))
      return checkAuth(req, reply);
    return undefined;
  });

  const checkAuth = async (req: FastifyRequest, reply: FastifyReply) => {
    const client = req.ip;
    const wait = failures.retryAfterMs(client);
    if (wait > 0) {
      reply.header('Retry-After', String(Math.ceil(wait / 1000)));
      return sendError(
        reply,
        429,
        'too many failed authentication attempts from this address; retry later',
      );
    }
    const presented = presentedCredentials(
      req.headers.authorization,
      req.query as Record<string, unknown>,
    );
    const who = await authenticator.authenticate(presented);
    if (who !== undefined) return undefined;
    if (presented.kind !== 'none') failures.fail(client);
    reply.header('WWW-Authenticate', 'Basic realm="condenser"');
    return sendError(
      reply,
      401,
      presented.kind === 'none' ? 'authentication required' : 'authorization failed',
    );
  };

  app.addHook('onResponse', async (req, reply) => {
    if (!opts.logRequests) return;
    const t0 = started.get(req);
    const ms = t0 === undefined ? undefined : Number(process.hrtime.bigint() - t0) / 1e6;
    opts.logger.info(
      {
        method: req.method,
        path: urlPath(req.url),
        status: reply.statusCode,
        ms,
        requestId: reply.getHeader('Request-Id'),
      },
      'http request',
    );
  });

  app.setNotFoundHandler((_req, reply) => sendError(reply, 404, 'Not Found'));

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof CondenserError) return sendError(reply, err.status, err.message);
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        413,
        `request body too large: limit is ${opts.maxBodySize} bytes ([http] max-body-size)`,
      );
    }
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return sendError(reply, e.statusCode, errorMessage(err));
    }
    opts.logger.error(
      { method: req.method, path: urlPath(req.url), err: errorMessage(err) },
      'request failed',
    );
    return sendError(reply, 500, errorMessage(err));
  });

  for (const base of apiBases) {
    registerSystemRoutes(app, ctx, base);
    registerAlertRoutes(app, ctx, base);
    registerConfigRoutes(app, ctx, base, opts.configOverrideEnabled);
    registerServiceTestRoutes(app, ctx, base);
    for (const add of opts.extraRoutes ?? []) add(app, base);
  }
  registerCondenserRoutes(app, ctx);
  registerConsoleRoutes(app);
  return app;
}
