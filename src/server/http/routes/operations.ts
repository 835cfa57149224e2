// Operations routes the kapacitor CLI uses: POST /loglevel, GET /logs (a live JSON-lines
// stream filtered by level and fields), GET /storage/backup (an online SQLite backup), and
// this host's GET /handler-kinds (every handler kind and whether its section is configured).
// Logs and backups carry the host's data: they are refused to web pages (requests with an
// Origin header), which the CLI never sends.

import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { handlerKinds } from '../../../alert/service.js';
import type { AnyHandlerKind } from '../../../alert/handler.js';
import { parseLogLevel, type LogFilter, type LogHub } from '../../../common/log-hub.js';
import { alertHandlerProperties } from '../../../pipeline/alert.js';
import type { Store } from '../../../store/index.js';
import type { ApiContext } from '../context.js';
import { HttpError, jsonBody, sendCompact, sendNoContent } from '../reply.js';

export interface OperationsContext {
  hub: LogHub;
  store: Store;
  storageDir: string;
}

export interface HandlerKindInfo {
  /** folder under src/services */
  folder: string;
  /** the API / handler-file kind */
  kind: string;
  /** the `|alert()` property, '' when the kind is API only */
  tick: string;
  /** the config section, '' when the kind needs none */
  section: string;
  /** a kind without a section is always usable; one with a section when it has an enabled element */
  configured: boolean;
}

function sectionConfigured(value: unknown): boolean {
  const enabled = (el: unknown): boolean =>
    typeof el === 'object' && el !== null && (el as { enabled?: unknown }).enabled !== false;
  return Array.isArray(value) ? value.some(enabled) : enabled(value);
}

export function handlerKindInfo(config: Record<string, unknown>): HandlerKindInfo[] {
  const ticks = alertHandlerProperties as Record<string, { property: string } | undefined>;
  return Object.entries(handlerKinds as Record<string, AnyHandlerKind>)
    .map(([folder, def]) => ({
      folder,
      kind: def.kind,
      tick: ticks[folder]?.property ?? '',
      section: def.service ?? '',
      configured: def.service === undefined ? true : sectionConfigured(config[def.service]),
    }))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** `lvl=error` (that level) or `lvl=error+` (that level and above); other keys match fields. */
export function logFilter(query: Record<string, unknown>, defaultLevel = 'debug+'): LogFilter {
  const match: Record<string, string> = {};
  let lvl = defaultLevel;
  for (const [k, v] of Object.entries(query)) {
    const value = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
    if (k === 'lvl') lvl = value;
    else match[k] = value;
  }
  const orAbove = lvl.endsWith('+');
  const level = parseLogLevel(orAbove ? lvl.slice(0, -1) : lvl);
  if (level === undefined) {
    throw new HttpError(
      400,
      `invalid lvl ${JSON.stringify(lvl)}: use debug, info, warn or error, optionally with + (and above)`,
    );
  }
  return { level, orAbove, match };
}

function refuseWebPages(req: FastifyRequest): void {
  if (req.headers.origin !== undefined) {
    throw new HttpError(
      403,
      'logs and backups are not served to web pages (the request has an Origin header)',
    );
  }
}

/** Registers the routes under `base`; open log streams are kept in `streams` (ended at shutdown). */
export function registerOperationRoutes(
  app: FastifyInstance,
  api: Pick<ApiContext, 'config'>,
  ops: OperationsContext,
  base: string,
  streams: Set<FastifyReply>,
): void {
  app.post(`${base}/loglevel`, async (req, reply) => {
    const body = jsonBody(req, 'invalid log level request') as { level?: unknown } | undefined;
    const level = typeof body?.level === 'string' ? parseLogLevel(body.level) : undefined;
    if (level === undefined) {
      throw new HttpError(400, 'invalid log level: expected {"level": "debug|info|warn|error"}');
    }
    ops.hub.setLevel(level);
    return sendNoContent(reply);
  });

  app.get(`${base}/logs`, async (req, reply) => {
    refuseWebPages(req);
    const filter = logFilter(req.query as Record<string, unknown>);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache',
      'X-Kapacitor-Version': String(reply.getHeader('X-Kapacitor-Version') ?? ''),
    });
    res.flushHeaders();
    streams.add(reply);
    const end = ops.hub.subscribe(filter, (line) => {
      // A client that does not read must not make the host buffer without bound.
      if (res.writableLength > 1024 * 1024) return;
      res.write(`${line}\n`);
    });
    res.on('close', () => {
      end();
      streams.delete(reply);
    });
  });

  app.get(`${base}/storage/backup`, async (req, reply) => {
    refuseWebPages(req);
    const file = join(ops.storageDir, `.backup-${randomUUID()}.db`);
    try {
      await ops.store.backup(file);
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    const stream = createReadStream(file);
    stream.on('close', () => void rm(file, { force: true }));
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', 'attachment; filename="condenser.db"')
      .send(stream);
  });

  app.get(`${base}/handler-kinds`, async (_req, reply) =>
    sendCompact(reply, 200, {
      kinds: handlerKindInfo(api.config.config as unknown as Record<string, unknown>),
    }),
  );
}
