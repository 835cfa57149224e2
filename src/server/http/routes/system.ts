// /ping and /debug/vars.

import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { sendCompact, sendNoContent } from '../reply.js';

export function registerSystemRoutes(app: FastifyInstance, ctx: ApiContext, base: string): void {
  app.get(`${base}/ping`, async (_req, reply) => sendNoContent(reply));

  app.get(`${base}/debug/vars`, async (_req, reply) => {
    const topics = ctx.alert.topics.list();
    const kapacitor: Record<string, unknown> = {
      topics: {
        name: 'topics',
        tags: {},
        values: { count: topics.length, collected: topics.reduce((n, t) => n + t.collected, 0) },
      },
      ...ctx.metrics.snapshot(),
      ...ctx.stats(),
    };
    for (const t of topics) {
      kapacitor[`topic:${t.id}`] = {
        name: 'topic',
        tags: { id: t.id },
        values: { collected: t.collected, events: t.events.size },
      };
    }
    return sendCompact(reply, 200, {
      version: ctx.version,
      product: 'condenser',
      kapacitor,
      ...ctx.vars(),
    });
  });
}
