// The Condenser extension API beside Kapacitor's v1 (documented in the README): the schema of
// every config section and handler kind, which config elements carry API overrides, a live
// view of alert topics (level history, event data) with a server-sent event stream, and each
// topic handler's delivery counters and last error.

import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AlertStreamMessage, TopicHandlerStatusResponse } from '../../../api/condenser.js';
import { HandlerMetrics } from '../../../delivery/metrics.js';
import { AlertWatch } from '../../../alert/watch.js';
import { buildSchema } from '../../schema.js';
import type { ApiContext } from '../context.js';
import { HttpError, queryParam, selfHref, sendCompact } from '../reply.js';

export const condenserBase = '/condenser/v1';

/** How often a stream sends what changed: at most a few messages a second per client. */
const flushMs = 250;
/** A comment line now and then keeps proxies from closing an idle stream. */
const heartbeatMs = 15_000;

export function registerCondenserRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const watch = new AlertWatch(ctx.alert);
  const streams = new Set<ServerResponse>();
  // Open streams would keep close() waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
  app.addHook('onClose', async () => watch.close());

  const schemaPath = `${condenserBase}/schema`;
  app.get(schemaPath, async (_req, reply) =>
    sendCompact(reply, 200, buildSchema(ctx.services, ctx.version, schemaPath)),
  );

  app.get(`${condenserBase}/config/overrides`, async (_req, reply) =>
    sendCompact(reply, 200, { overrides: ctx.config.overrideSummary() }),
  );

  const topics = `${condenserBase}/alerts/topics`;
  app.get(topics, async (_req, reply) => sendCompact(reply, 200, { topics: watch.summaries() }));

  app.get<{ Params: { topic: string } }>(`${topics}/:topic`, async (req, reply) => {
    const raw = queryParam(req, 'limit') ?? '200';
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000)
      throw new HttpError(400, `invalid limit "${raw}": must be an integer from 1 to 1000`);
    const detail = watch.detail(req.params.topic, Number(raw));
    if (!detail) throw new HttpError(404, `unknown topic: ${JSON.stringify(req.params.topic)}`);
    return sendCompact(reply, 200, detail);
  });

  app.get<{ Params: { topic: string; id: string } }>(
    `${topics}/:topic/handlers/:id`,
    async (req, reply) => {
      const { topic, id } = req.params;
      const status = ctx.alert.handlerStatus(topic, id);
      if (!status) throw new HttpError(404, `unknown handler: ${JSON.stringify(id)}`);
      const body: TopicHandlerStatusResponse = {
        link: { rel: 'self', href: selfHref(req) },
        id: status.spec.id,
        topic: status.spec.topic,
        kind: status.spec.kind,
        error: status.notRunning ?? '',
        // A handler that never ran (its kind is gone) has no queue, so nothing counted.
        delivery: (status.metrics ?? new HandlerMetrics(`${topic}/${id}`)).figures(),
      };
      return sendCompact(reply, 200, body);
    },
  );

  app.get(`${condenserBase}/alerts/stream`, (req, reply) => {
    // HEAD gets the stream's headers and no stream.
    if (req.method === 'HEAD') {
      return reply.code(200).header('Content-Type', 'text/event-stream; charset=utf-8').send();
    }
    reply.hijack();
    const res = reply.raw;
    // Headers set by the hooks (Request-Id, X-Kapacitor-Version) go out with the stream.
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    const send = (message: AlertStreamMessage): void => {
      res.write(`data: ${JSON.stringify(message)}\n\n`);
    };
    send({ type: 'snapshot', topics: watch.summaries() });

    const changed = new Set<string>();
    const deleted = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let scheduled = false;
    const flush = (): void => {
      timer = undefined;
      // A slow reader gets the latest state once it drains, not every change in between.
      if (res.writableNeedDrain) {
        res.once('drain', flush);
        return;
      }
      scheduled = false;
      const summaries = [...changed].flatMap((id) => watch.summary(id) ?? []);
      send({ type: 'changed', topics: summaries, deleted: [...deleted] });
      changed.clear();
      deleted.clear();
    };
    const stopListening = watch.listen((id, gone) => {
      if (gone) {
        deleted.add(id);
        changed.delete(id);
      } else {
        changed.add(id);
        deleted.delete(id);
      }
      if (!scheduled) {
        scheduled = true;
        timer = setTimeout(flush, flushMs);
      }
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    streams.add(res);
    res.on('close', () => {
      streams.delete(res);
      stopListening();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      res.off('drain', flush);
    });
  });
}
