// The API calls the CLI verbs make (spec/http-api.md §4, §5), with the response fields they
// use. Schemas only name what the CLI reads; other fields are ignored.

import * as z from './schema.js';
import type { HandlerSpec } from '../alert/handler-file.js';
import { condenserPath, segment, ServerError, type KapacitorClient } from './client.js';

const topic = z.object({ id: z.string(), level: z.string(), collected: z.number() });
const event = z.object({
  id: z.string(),
  state: z.object({ message: z.string(), level: z.string(), time: z.string() }),
});
const handler = z.object({
  id: z.string(),
  kind: z.string(),
  options: z.nullable(z.record(z.string(), z.unknown())),
  match: z.string(),
});
const lastError = z.object({
  time: z.string(),
  reason: z.string(),
  message: z.string(),
  event: z.string(),
  attempts: z.number(),
  status: z.optional(z.number()),
});
const handlerStatus = z.object({
  error: z.string(),
  delivery: z.object({
    sent: z.number(),
    failed: z.number(),
    dropped: z.number(),
    retried: z.number(),
    queued: z.number(),
    failedByReason: z.record(z.string(), z.number()),
    lastError: z.nullable(lastError),
  }),
});
const serviceTest = z.object({ name: z.string() });
const serviceTestResult = z.object({ success: z.boolean(), message: z.string() });

export type Topic = z.output<typeof topic>;
export type TopicEvent = z.output<typeof event>;
export type Handler = z.output<typeof handler>;
export type ServiceTestResult = z.output<typeof serviceTestResult>;
export type HandlerStatus = z.output<typeof handlerStatus>;

export type { HandlerSpec };

const topicPath = (t: string) => `/alerts/topics/${segment(t)}`;
const handlersPath = (t: string) => `${topicPath(t)}/handlers`;
const handlerPath = (t: string, id: string) => `${handlersPath(t)}/${segment(id)}`;

export async function listTopics(c: KapacitorClient, pattern?: string): Promise<Topic[]> {
  const res = await c.get('/alerts/topics', z.object({ topics: z.array(topic) }), { pattern });
  return res.topics;
}

export function getTopic(c: KapacitorClient, id: string): Promise<Topic> {
  return c.get(topicPath(id), topic);
}

export async function listTopicEvents(c: KapacitorClient, id: string): Promise<TopicEvent[]> {
  const res = await c.get(`${topicPath(id)}/events`, z.object({ events: z.array(event) }));
  return res.events;
}

export function deleteTopic(c: KapacitorClient, id: string): Promise<void> {
  return c.delete(topicPath(id));
}

export async function listHandlers(
  c: KapacitorClient,
  topicID: string,
  pattern?: string,
): Promise<Handler[]> {
  const res = await c.get(handlersPath(topicID), z.object({ handlers: z.array(handler) }), {
    pattern,
  });
  return res.handlers;
}

export function getHandler(c: KapacitorClient, topicID: string, id: string): Promise<Handler> {
  return c.get(handlerPath(topicID, id), handler);
}

/** A topic handler's delivery counters and last error (a Condenser extension route). */
export function getHandlerStatus(
  c: KapacitorClient,
  topicID: string,
  id: string,
): Promise<HandlerStatus> {
  return c.get(`${condenserPath}${handlerPath(topicID, id)}`, handlerStatus);
}

export function createHandler(c: KapacitorClient, spec: HandlerSpec): Promise<Handler> {
  return c.write('POST', handlersPath(spec.topic), spec, handler);
}

export function replaceHandler(c: KapacitorClient, spec: HandlerSpec): Promise<Handler> {
  return c.write('PUT', handlerPath(spec.topic, spec.id), spec, handler);
}

export function deleteHandler(c: KapacitorClient, topicID: string, id: string): Promise<void> {
  return c.delete(handlerPath(topicID, id));
}

export async function listServiceTests(c: KapacitorClient, pattern?: string): Promise<string[]> {
  const res = await c.get('/service-tests', z.object({ services: z.array(serviceTest) }), {
    pattern,
  });
  return res.services.map((s) => s.name);
}

/** Run a service test; the body is decoded over the service's default options. */
export function runServiceTest(
  c: KapacitorClient,
  name: string,
  options: Record<string, unknown> = {},
): Promise<ServiceTestResult> {
  return c.write('POST', `/service-tests/${segment(name)}`, options, serviceTestResult);
}

/** A service test's default options (GET /service-tests/<name>). */
export async function serviceTestOptions(
  c: KapacitorClient,
  name: string,
): Promise<Record<string, unknown>> {
  const res = await c.get(
    `/service-tests/${segment(name)}`,
    z.object({ options: z.record(z.string(), z.unknown()) }),
  );
  return res.options;
}

const testOptionsSchema = z.object({
  sections: z.array(
    z.object({
      name: z.string(),
      test: z.nullable(
        z.object({ options: z.array(z.object({ name: z.string(), secret: z.boolean() })) }),
      ),
    }),
  ),
});

/** The secret options of a service test (from /condenser/v1/schema; none from Kapacitor). */
export async function secretTestOptions(c: KapacitorClient, name: string): Promise<Set<string>> {
  try {
    const schema = await c.get(`${condenserPath}/schema`, testOptionsSchema);
    const section = schema.sections.find((s) => s.name === name);
    return new Set(section?.test?.options.filter((o) => o.secret).map((o) => o.name));
  } catch (err) {
    if (err instanceof ServerError && err.status === 404) return new Set();
    throw err;
  }
}

const handlerKind = z.object({
  kind: z.string(),
  tick: z.string(),
  section: z.string(),
  configured: z.boolean(),
});

export type HandlerKind = z.output<typeof handlerKind>;

/** Every handler kind of the host and whether its config section is set up. */
export async function listHandlerKinds(c: KapacitorClient): Promise<HandlerKind[]> {
  return (await c.get('/handler-kinds', z.object({ kinds: z.array(handlerKind) }))).kinds;
}
