// /alerts/topics: topics, their events and their handlers (spec/http-api.md §4).

import type { FastifyInstance } from 'fastify';
import type { TopicHandlerResponse, TopicResponse } from '../../../api/kapacitor.js';
import type { EventState } from '../../../alert/event.js';
import type { Level } from '../../../alert/level.js';
import { levelName, parseLevel } from '../../../alert/level.js';
import { normalizeSpec, type HandlerSpec } from '../../../alert/service.js';
import type { Topic } from '../../../alert/topics.js';
import { formatGoDuration } from '../../../common/duration.js';
import { BadPatternError, globMatcher } from '../../../common/glob.js';
import { GoTime } from '../../../common/gotime.js';
import type { ApiContext } from '../context.js';
import {
  HttpError,
  jsonBody,
  queryParam,
  selfHref,
  sendIndented,
  sendNoContent,
} from '../reply.js';

function minLevel(raw: string | undefined): Level {
  const level = parseLevel(raw ?? '');
  if (level === undefined) throw new HttpError(400, `unknown alert level '${raw}'`);
  return level;
}

function matcher(pattern: string | undefined, what = 'invalid pattern: '): (s: string) => boolean {
  try {
    return globMatcher(pattern);
  } catch (err) {
    if (err instanceof BadPatternError) throw new HttpError(400, `${what}${err.message}`);
    throw err;
  }
}

export function registerAlertRoutes(app: FastifyInstance, ctx: ApiContext, base: string): void {
  const topicsBase = `${base}/alerts/topics`;
  const topicLink = (id: string) => ({ rel: 'self', href: `${topicsBase}/${id}` });
  const topicJSON = (t: Topic): TopicResponse => ({
    link: topicLink(t.id),
    id: t.id,
    level: levelName(t.maxLevel()),
    collected: t.collected,
    'events-link': { rel: 'events', href: `${topicsBase}/${t.id}/events` },
    'handlers-link': { rel: 'handlers', href: `${topicsBase}/${t.id}/handlers` },
  });
  const eventJSON = (topic: string, s: EventState) => ({
    link: { rel: 'self', href: `${topicsBase}/${topic}/events/${s.id}` },
    id: s.id,
    state: {
      message: s.message,
      details: s.details,
      time: new GoTime(s.time).toRFC3339Nano(),
      duration: formatGoDuration(s.duration),
      level: levelName(s.level),
    },
  });
  // Secret options never leave the host: every handler shown is redacted.
  const handlerJSON = (h: HandlerSpec): TopicHandlerResponse => ({
    link: { rel: 'self', href: `${topicsBase}/${h.topic}/handlers/${h.id}` },
    id: h.id,
    kind: h.kind,
    options: ctx.alert.redactedSpec(h).options,
    match: h.match,
  });
  const topicOr404 = (id: string): Topic => {
    const t = ctx.alert.topics.get(id);
    if (!t) throw new HttpError(404, `unknown topic: ${JSON.stringify(id)}`);
    return t;
  };

  app.get(topicsBase, async (req, reply) => {
    const min = minLevel(queryParam(req, 'min-level'));
    const match = matcher(queryParam(req, 'pattern'));
    const topics = ctx.alert.topics
      .list()
      .filter((t) => match(t.id) && t.maxLevel() >= min)
      .map(topicJSON);
    return sendIndented(reply, 200, { link: { rel: 'self', href: selfHref(req) }, topics });
  });

  app.get<{ Params: { topic: string } }>(`${topicsBase}/:topic`, async (req, reply) =>
    sendIndented(reply, 200, topicJSON(topicOr404(req.params.topic))),
  );

  app.delete<{ Params: { topic: string } }>(`${topicsBase}/:topic`, async (req, reply) => {
    ctx.alert.deleteTopic(req.params.topic);
    return sendNoContent(reply);
  });

  app.get<{ Params: { topic: string } }>(`${topicsBase}/:topic/events`, async (req, reply) => {
    const min = minLevel(queryParam(req, 'min-level'));
    const t = ctx.alert.topics.get(req.params.topic);
    // Kapacitor answers 500 here; an unknown topic is the client's mistake, as on GET topic.
    if (!t)
      throw new HttpError(
        404,
        `failed to get topic events: unknown topic ${JSON.stringify(req.params.topic)}`,
      );
    const events = [...t.events.values()]
      .filter((s) => s.level >= min)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => eventJSON(t.id, s));
    return sendIndented(reply, 200, {
      link: { rel: 'self', href: `${topicsBase}/${t.id}/events` },
      topic: t.id,
      events,
    });
  });

  app.get<{ Params: { topic: string; event: string } }>(
    `${topicsBase}/:topic/events/:event`,
    async (req, reply) => {
      const { topic, event } = req.params;
      const s = ctx.alert.topics.get(topic)?.events.get(event);
      if (!s)
        throw new HttpError(
          404,
          `unknown event ${JSON.stringify(event)} in topic ${JSON.stringify(topic)}`,
        );
      return sendIndented(reply, 200, eventJSON(topic, s));
    },
  );

  app.get<{ Params: { topic: string } }>(`${topicsBase}/:topic/handlers`, async (req, reply) => {
    const match = matcher(queryParam(req, 'pattern'));
    const handlers = ctx.alert
      .listHandlers(req.params.topic)
      .filter((h) => match(h.id))
      .map(handlerJSON);
    return sendIndented(reply, 200, {
      link: { rel: 'self', href: selfHref(req) },
      topic: req.params.topic,
      handlers,
    });
  });

  app.get<{ Params: { topic: string; id: string } }>(
    `${topicsBase}/:topic/handlers/:id`,
    async (req, reply) => {
      const h = ctx.alert.getHandler(req.params.topic, req.params.id);
      if (!h) throw new HttpError(404, `unknown handler: ${JSON.stringify(req.params.id)}`);
      return sendIndented(reply, 200, handlerJSON(h));
    },
  );

  app.post<{ Params: { topic: string } }>(`${topicsBase}/:topic/handlers`, async (req, reply) => {
    const spec = normalizeSpec(jsonBody(req, 'invalid handler json: '), req.params.topic);
    return sendIndented(reply, 200, handlerJSON(ctx.alert.createHandler(spec)));
  });

  app.put<{ Params: { topic: string; id: string } }>(
    `${topicsBase}/:topic/handlers/:id`,
    async (req, reply) => {
      const { topic, id } = req.params;
      if (!ctx.alert.getHandler(topic, id))
        throw new HttpError(404, `unknown handler: ${JSON.stringify(id)}`);
      const spec = normalizeSpec(jsonBody(req, 'invalid handler json: '), topic, 'update');
      return sendIndented(reply, 200, handlerJSON(ctx.alert.replaceHandler(topic, id, spec)));
    },
  );

  app.patch<{ Params: { topic: string; id: string } }>(
    `${topicsBase}/:topic/handlers/:id`,
    async (req, reply) => {
      const { topic, id } = req.params;
      if (!ctx.alert.getHandler(topic, id))
        throw new HttpError(404, `unknown handler: ${JSON.stringify(id)}`);
      const patch = jsonBody(req, 'invalid patch json: ');
      return sendIndented(reply, 200, handlerJSON(ctx.alert.patchHandler(topic, id, patch)));
    },
  );

  app.delete<{ Params: { topic: string; id: string } }>(
    `${topicsBase}/:topic/handlers/:id`,
    async (req, reply) => {
      ctx.alert.deleteHandler(req.params.topic, req.params.id);
      return sendNoContent(reply);
    },
  );
}
