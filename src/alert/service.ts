// The alert service: topics and their event state, topic handlers from the API and handler
// files (persisted, re-created at start), match filtering and per-handler delivery queues.
// Touch point: `handlerKinds` lists every handler kind; `npm run wire` maintains it.

import { CondenserError, errorMessage } from '../common/errors.js';
import { applyPatch, PatchError } from '../common/json-patch.js';
import { shellWord } from '../common/shell-word.js';
import type { Logger } from '../common/logger.js';
import { HandlerQueue } from '../delivery/queue.js';
import type { DeliveryMetricsRegistry, HandlerMetrics } from '../delivery/metrics.js';
import type { RetryPolicy } from '../delivery/retry.js';
import type { Store, TopicHandlerRecord } from '../store/index.js';
import { aggregateHandler } from '../services/aggregate/handler.js';
import { alertaHandler } from '../services/alerta/handler.js';
import { bigpandaHandler } from '../services/bigpanda/handler.js';
import { discordHandler } from '../services/discord/handler.js';
import { execHandler } from '../services/exec/handler.js';
import { hipchatHandler } from '../services/hipchat/handler.js';
import { httppostHandler } from '../services/httppost/handler.js';
import { kafkaHandler } from '../services/kafka/handler.js';
import { logHandler } from '../services/log/handler.js';
import { mqttHandler } from '../services/mqtt/handler.js';
import { opsgenieHandler } from '../services/opsgenie/handler.js';
import { opsgenie2Handler } from '../services/opsgenie2/handler.js';
import { pagerdutyHandler } from '../services/pagerduty/handler.js';
import { pagerduty2Handler } from '../services/pagerduty2/handler.js';
import { publishHandler } from '../services/publish/handler.js';
import { pushoverHandler } from '../services/pushover/handler.js';
import { sensuHandler } from '../services/sensu/handler.js';
import { servicenowHandler } from '../services/servicenow/handler.js';
import { slackHandler } from '../services/slack/handler.js';
import { smtpHandler } from '../services/smtp/handler.js';
import { snmptrapHandler } from '../services/snmptrap/handler.js';
import { talkHandler } from '../services/talk/handler.js';
import { tcpHandler } from '../services/tcp/handler.js';
import { teamsHandler } from '../services/teams/handler.js';
import { telegramHandler } from '../services/telegram/handler.js';
import { victoropsHandler } from '../services/victorops/handler.js';
import { zenossHandler } from '../services/zenoss/handler.js';
import { fieldLookup } from '../config/fields.js';
import { REDACTED, redactText, secretStrings } from '../config/redact.js';
import type { AlertEvent, EventState } from './event.js';
import {
  queueCalls,
  type AlertHandler,
  type AnyHandlerKind,
  type TopicPublisher,
} from './handler.js';
import { idProblem, topicIdProblem } from './ids.js';
import { Level } from './level.js';
import { compileMatch } from './match.js';
import { decodeHandlerOptions, redactOptions, restoreOptions } from './options.js';
import { TopicRegistry, type Topic, type TopicSubscriber } from './topics.js';

/** Every handler kind, keyed by service folder name. */
export const handlerKinds = {
  aggregate: aggregateHandler,
  alerta: alertaHandler,
  bigpanda: bigpandaHandler,
  discord: discordHandler,
  exec: execHandler,
  hipchat: hipchatHandler,
  httppost: httppostHandler,
  kafka: kafkaHandler,
  log: logHandler,
  mqtt: mqttHandler,
  opsgenie: opsgenieHandler,
  opsgenie2: opsgenie2Handler,
  pagerduty: pagerdutyHandler,
  pagerduty2: pagerduty2Handler,
  publish: publishHandler,
  pushover: pushoverHandler,
  sensu: sensuHandler,
  servicenow: servicenowHandler,
  slack: slackHandler,
  smtp: smtpHandler,
  snmptrap: snmptrapHandler,
  talk: talkHandler,
  tcp: tcpHandler,
  teams: teamsHandler,
  telegram: telegramHandler,
  victorops: victoropsHandler,
  zenoss: zenossHandler,
} satisfies Record<string, AnyHandlerKind>;

export type HandlerSpec = TopicHandlerRecord;

/** A handler created from a TICKscript alert node's handler property. */
export interface TaskHandler {
  id: string;
  kind: AnyHandlerKind;
  handler: AlertHandler;
  /** The options it was created with (their secrets are kept out of its error messages). */
  options?: unknown;
}

/** A topic handler as it runs: its delivery counters, or why it is not running. */
export interface HandlerStatus {
  spec: HandlerSpec;
  /** undefined while it runs */
  notRunning: string | undefined;
  metrics: HandlerMetrics | undefined;
}

export interface DeliverySettings {
  capacity: number;
  attemptTimeoutMs: number;
  retryPolicy: RetryPolicy;
}

export interface AlertServiceOptions {
  store: Store;
  logger: Logger;
  metrics: DeliveryMetricsRegistry;
  /** The running service of a folder (for kinds that have one). */
  service(name: string): unknown;
  delivery: DeliverySettings;
  persistTopics: boolean;
  /** The secret values of a config section as it is now (kept out of error messages). */
  sectionSecrets?: (section: string) => string[];
}

class HandlerSpecError extends CondenserError {}

/** Told of every collected event and deleted topic (e.g. the console's live view). */
export interface AlertObserver {
  collected(topic: Topic, event: AlertEvent): void;
  topicDeleted(id: string): void;
}

/** A handler attached to a topic: match filter, external filter, its own queue. */
class QueuedSubscriber implements TopicSubscriber {
  constructor(
    readonly id: string,
    readonly listed: boolean,
    private readonly kind: AnyHandlerKind,
    private readonly handler: AlertHandler,
    private readonly queue: HandlerQueue<AlertEvent>,
    private readonly match: ((e: AlertEvent) => boolean) | undefined,
    private readonly logger: Logger,
  ) {}

  offer(event: AlertEvent): void {
    if (this.kind.external && event.noExternal) return;
    if (this.match) {
      let ok: boolean;
      try {
        ok = this.match(event);
      } catch (err) {
        this.logger.error(
          { event: event.state.id, err: errorMessage(err) },
          'failed to evaluate match expression',
        );
        return;
      }
      if (!ok) return;
    }
    this.queue.enqueue(event);
  }

  async close(deadlineMs: number): Promise<void> {
    await this.queue.close({ deadlineMs });
    await this.handler.close?.();
  }
}

export class AlertService implements TopicPublisher {
  readonly topics = new TopicRegistry();
  private readonly kindsByApiName = new Map<string, AnyHandlerKind>();
  private readonly subscribers = new Map<string, QueuedSubscriber>();
  /** Why a stored topic handler is not running, by handler key (reported once). */
  private readonly notRunning = new Map<string, string>();
  private readonly observers = new Set<AlertObserver>();

  constructor(private readonly opts: AlertServiceOptions) {
    for (const kind of Object.values(handlerKinds) as AnyHandlerKind[])
      this.kindsByApiName.set(kind.kind, kind);
  }

  /** API kind names, sorted. */
  kinds(): string[] {
    return [...this.kindsByApiName.keys()].sort();
  }

  /** Restore persisted topic states and re-create stored topic handlers. */
  open(): void {
    if (this.opts.persistTopics) {
      for (const s of this.opts.store.topicStates.list()) {
        const topic = this.topics.getOrCreate(s.topic);
        topic.events.set(s.eventId, {
          id: s.eventId,
          message: s.message,
          details: s.details,
          time: s.time,
          duration: s.duration,
          level: s.level as Level,
        });
      }
    }
    for (const spec of this.opts.store.topicHandlers.list()) {
      const topic = this.topics.getOrCreate(spec.topic);
      this.attachStored(topic, spec);
    }
  }

  private attachStored(topic: Topic, spec: HandlerSpec): void {
    const key = handlerKey(spec.topic, spec.id);
    try {
      this.attach(topic, spec, true);
    } catch (err) {
      // Keep the stored spec (the kind may come back); say once why it is not running.
      if (this.notRunning.has(key)) return;
      const fields = { topic: spec.topic, handler: spec.id, kind: spec.kind };
      if (!this.kindsByApiName.has(spec.kind)) {
        const reason = kindGoneReason(spec);
        this.notRunning.set(key, reason);
        this.opts.logger.warn(
          fields,
          `topic handler "${spec.id}" of topic "${spec.topic}" is not running: ${reason}`,
        );
        return;
      }
      this.notRunning.set(key, errorMessage(err));
      this.opts.logger.error(
        { ...fields, err: errorMessage(err) },
        'stored topic handler could not be created',
      );
    }
  }

  /** A stored topic handler with its delivery counters, or why it does not run. */
  handlerStatus(topic: string, id: string): HandlerStatus | undefined {
    const spec = this.getHandler(topic, id);
    if (!spec) return undefined;
    return {
      spec: this.redactedSpec(spec),
      notRunning: this.notRunning.get(handlerKey(topic, id)),
      metrics: this.opts.metrics.handler(`${topic}/${id}`),
    };
  }

  /** Build a handler from a spec: kind, strict options, match. Throws HandlerSpecError. */
  private build(spec: HandlerSpec, listed: boolean): QueuedSubscriber {
    const kind = this.kindsByApiName.get(spec.kind);
    if (!kind) {
      throw new HandlerSpecError(
        'handler_kind_unknown',
        `failed to create handler: unsupported action kind "${spec.kind}" (known kinds: ${this.kinds().join(', ')})`,
        400,
      );
    }
    let match: ((e: AlertEvent) => boolean) | undefined;
    try {
      const options = decodeHandlerOptions(kind.kind, kind.options, spec.options);
      if (spec.match !== '') {
        const m = compileMatch(spec.match);
        match = (e) => m.matches(e);
      }
      const handlerId = `${spec.topic}/${spec.id}`;
      const logger = this.opts.logger.child({
        topic: spec.topic,
        handler: spec.id,
        kind: kind.kind,
      });
      const handler = kind.create(options, {
        service: kind.service ? this.opts.service(kind.service) : undefined,
        logger,
        topics: this,
        handlerId,
      });
      return this.subscriber(
        spec.topic,
        spec.id,
        listed,
        { kind, handler, options: spec.options },
        match,
        logger,
      );
    } catch (err) {
      if (err instanceof CondenserError) {
        throw new HandlerSpecError(
          err.code,
          `failed to create handler: ${err.message}`,
          err.status,
        );
      }
      throw new HandlerSpecError(
        'handler_create_failed',
        `failed to create handler: ${errorMessage(err)}`,
        400,
      );
    }
  }

  /** Wrap a created handler in its own delivery queue. */
  private subscriber(
    topicId: string,
    id: string,
    listed: boolean,
    { kind, handler, options }: Omit<TaskHandler, 'id'>,
    match: ((e: AlertEvent) => boolean) | undefined,
    logger: Logger,
  ): QueuedSubscriber {
    const handlerId = `${topicId}/${id}`;
    const queue = new HandlerQueue<AlertEvent>({
      redact: (text) => redactText(text, this.secretsOf(kind, options)),
      handlerId,
      ...queueCalls(handler),
      itemId: (e) => e.state.id,
      capacity: this.opts.delivery.capacity,
      attemptTimeoutMs: this.opts.delivery.attemptTimeoutMs,
      retryPolicy: this.opts.delivery.retryPolicy,
      logger,
      metrics: this.opts.metrics.forHandler(handlerId, {
        topic: topicId,
        handler: id,
        kind: kind.kind,
      }),
    });
    return new QueuedSubscriber(id, listed, kind, handler, queue, match, logger);
  }

  /** What a handler's error messages must not show: its secret options, its section's secrets. */
  private secretsOf(kind: AnyHandlerKind, options: unknown): string[] {
    const own =
      options !== null && typeof options === 'object' && !Array.isArray(options)
        ? secretStrings(fieldLookup(kind.options), options as Record<string, unknown>)
        : [];
    const section =
      kind.service === undefined ? [] : (this.opts.sectionSecrets?.(kind.service) ?? []);
    return [...own, ...section];
  }

  private attach(topic: Topic, spec: HandlerSpec, listed: boolean): void {
    const sub = this.build(spec, listed);
    topic.subscribers.set(spec.id, sub);
    this.subscribers.set(`${spec.topic}\u0000${spec.id}`, sub);
  }

  private detach(topicId: string, id: string): void {
    const key = handlerKey(topicId, id);
    this.notRunning.delete(key);
    const sub = this.subscribers.get(key);
    this.subscribers.delete(key);
    this.topics.get(topicId)?.subscribers.delete(id);
    this.opts.metrics.remove(`${topicId}/${id}`);
    if (sub) void sub.close(0);
  }

  /** A topic that exists again after a delete gets its stored handlers back. */
  private ensureTopic(id: string): Topic {
    const existing = this.topics.get(id);
    if (existing) return existing;
    const topic = this.topics.getOrCreate(id);
    for (const spec of this.opts.store.topicHandlers.list(id)) this.attachStored(topic, spec);
    return topic;
  }

  // ---- handlers declared in TICKscripts ----

  /**
   * Attach the handlers a TICKscript alert node declares to its anonymous topic (creating
   * the topic). They get delivery queues like API handlers but are never listed or stored
   * and have no match expression. Their ids are not valid API handler ids (`tick:post0`),
   * so they cannot collide with handlers created through the API on the same topic.
   */
  attachTaskHandlers(topicId: string, handlers: readonly TaskHandler[]): void {
    const topic = this.ensureTopic(topicId);
    for (const h of handlers) {
      const logger = this.opts.logger.child({ topic: topicId, handler: h.id, kind: h.kind.kind });
      const sub = this.subscriber(topicId, h.id, false, h, undefined, logger);
      topic.subscribers.set(h.id, sub);
      this.subscribers.set(`${topicId}\u0000${h.id}`, sub);
    }
  }

  /**
   * Remove a topic's TICKscript handlers (task stopped). Events already queued keep being
   * delivered for up to `drainMs`; the promise settles when their queues are closed.
   */
  async detachTaskHandlers(topicId: string, drainMs = 0): Promise<void> {
    const topic = this.topics.get(topicId);
    if (!topic) return;
    const closing: Promise<void>[] = [];
    for (const [id, sub] of [...topic.subscribers]) {
      if (sub.listed) continue;
      const key = `${topicId}\u0000${id}`;
      const queued = this.subscribers.get(key);
      this.subscribers.delete(key);
      topic.subscribers.delete(id);
      this.opts.metrics.remove(`${topicId}/${id}`);
      if (queued) closing.push(queued.close(drainMs));
    }
    await Promise.all(closing);
  }

  // ---- events ----

  /** Record the event in its topic and hand it to the topic's handlers. Never blocks. */
  collect(event: AlertEvent): void {
    const topic = this.ensureTopic(event.topic);
    const previousLevel = topic.record(event);
    const collected: AlertEvent = { ...event, previousLevel };
    if (this.opts.persistTopics) this.persistState(topic.id, event.state);
    for (const sub of topic.subscribers.values()) sub.offer(collected);
    for (const o of this.observers) o.collected(topic, collected);
  }

  /** Observe collected events and deleted topics; returns the function that stops it. */
  observe(observer: AlertObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private persistState(topic: string, s: EventState): void {
    try {
      if (s.level === Level.OK) this.opts.store.topicStates.discard(topic, s.id);
      else this.opts.store.topicStates.put({ topic, eventId: s.id, ...s, level: s.level });
    } catch (err) {
      this.opts.logger.error(
        { topic, event: s.id, err: errorMessage(err) },
        'failed to persist topic state',
      );
    }
  }

  deleteTopic(id: string): void {
    const topic = this.topics.delete(id);
    if (topic) for (const sub of topic.subscribers.keys()) this.detach(id, sub);
    this.opts.store.topicStates.deleteTopic(id);
    for (const o of this.observers) o.topicDeleted(id);
  }

  // ---- topic handlers (API and handler files) ----

  listHandlers(topic: string): HandlerSpec[] {
    return this.opts.store.topicHandlers.list(topic);
  }

  getHandler(topic: string, id: string): HandlerSpec | undefined {
    return this.opts.store.topicHandlers.get(topic, id);
  }

  private validateSpec(spec: HandlerSpec): void {
    const topicProblem = topicIdProblem(spec.topic);
    if (topicProblem !== undefined) {
      throw new HandlerSpecError('topic_id_invalid', topicProblem, 400);
    }
    const idProblemText = idProblem('handler ID', spec.id);
    if (idProblemText !== undefined) {
      throw new HandlerSpecError(
        'handler_id_invalid',
        `invalid handler spec: ${idProblemText}`,
        400,
      );
    }
    if (spec.kind === '')
      throw new HandlerSpecError(
        'handler_kind_empty',
        'invalid handler spec: handler Kind must not be empty',
        400,
      );
  }

  /** The spec as a client may see it: secret options redacted (every value of an unknown kind). */
  redactedSpec(spec: HandlerSpec): HandlerSpec {
    const kind = this.kindsByApiName.get(spec.kind);
    if (spec.options === null) return spec;
    const options = kind
      ? (redactOptions(kind.options, spec.options) as Record<string, unknown>)
      : Object.fromEntries(Object.keys(spec.options).map((k) => [k, REDACTED]));
    return { ...spec, options };
  }

  /**
   * The options to store for `spec`: canonical names, and redacted values sent back unchanged
   * replaced by the stored secrets of `previous` (same kind only). Throws a 400 naming the option.
   */
  private withSecretsRestored(spec: HandlerSpec, previous: HandlerSpec | undefined): HandlerSpec {
    const kind = this.kindsByApiName.get(spec.kind);
    if (!kind) return spec;
    const stored = previous && previous.kind === spec.kind ? (previous.options ?? {}) : undefined;
    try {
      const options = restoreOptions(kind.kind, kind.options, spec.options, stored);
      return { ...spec, options: Object.keys(options).length > 0 ? options : null };
    } catch (err) {
      if (err instanceof CondenserError)
        throw new HandlerSpecError(
          err.code,
          `failed to create handler: ${err.message}`,
          err.status,
        );
      throw err;
    }
  }

  createHandler(input: HandlerSpec): HandlerSpec {
    this.validateSpec(input);
    const spec = this.withSecretsRestored(input, undefined);
    if (this.getHandler(spec.topic, spec.id)) {
      throw new HandlerSpecError(
        'handler_exists',
        `failed to create handler: cannot register handler, handler with ID ${JSON.stringify(spec.id)} already exists`,
        409,
      );
    }
    const topic = this.ensureTopic(spec.topic);
    const sub = this.build(spec, true);
    // Acknowledge only after the spec is stored; attach after, so a failed write changes nothing.
    this.opts.store.topicHandlers.put(spec);
    topic.subscribers.set(spec.id, sub);
    this.subscribers.set(`${spec.topic}\u0000${spec.id}`, sub);
    return spec;
  }

  replaceHandler(topicId: string, id: string, input: HandlerSpec): HandlerSpec {
    const current = this.getHandler(topicId, id);
    if (!current)
      throw new HandlerSpecError('handler_unknown', `unknown handler: ${JSON.stringify(id)}`, 404);
    if (input.topic !== topicId)
      throw new HandlerSpecError('topic_change', 'cannot change topic in update', 400);
    this.validateSpec(input);
    const spec = this.withSecretsRestored(input, current);
    if (spec.id !== id && this.getHandler(topicId, spec.id)) {
      throw new HandlerSpecError(
        'handler_exists',
        `cannot rename handler: handler with ID ${JSON.stringify(spec.id)} already exists`,
        409,
      );
    }
    const sub = this.build(spec, true);
    this.opts.store.topicHandlers.replace(topicId, id, spec);
    this.detach(topicId, id);
    const topic = this.ensureTopic(topicId);
    topic.subscribers.set(spec.id, sub);
    this.subscribers.set(`${spec.topic}\u0000${spec.id}`, sub);
    return spec;
  }

  patchHandler(topicId: string, id: string, patch: unknown): HandlerSpec {
    const current = this.getHandler(topicId, id);
    if (!current)
      throw new HandlerSpecError('handler_unknown', `unknown handler: ${JSON.stringify(id)}`, 404);
    let patched: HandlerSpec;
    // The patch applies to what a client can see (secrets redacted): it can neither read a
    // secret (a `test` op) nor copy one elsewhere. Unchanged secrets are restored on replace.
    const visible = this.redactedSpec({ ...current, options: current.options ?? {} });
    try {
      patched = applyPatch({ ...visible, options: visible.options ?? {} }, patch);
    } catch (err) {
      if (err instanceof PatchError)
        throw new HandlerSpecError('patch_failed', `failed to apply patch: ${err.message}`, 400);
      throw err;
    }
    if (patched.topic !== topicId)
      throw new HandlerSpecError('topic_change', 'cannot change topic in update', 400);
    const spec = normalizeSpec(patched, topicId);
    return this.replaceHandler(topicId, id, spec);
  }

  deleteHandler(topic: string, id: string): void {
    this.opts.store.topicHandlers.delete(topic, id);
    this.detach(topic, id);
  }

  /** Stop accepting and let every queue drain up to the deadline. */
  async close(deadlineMs: number): Promise<void> {
    const subs = [...this.subscribers.values()];
    this.subscribers.clear();
    await Promise.all(subs.map((s) => s.close(deadlineMs)));
  }
}

const handlerKey = (topic: string, id: string): string => `${topic}\u0000${id}`;

/** Why a stored handler of a kind that is gone does not run, and the commands that fix it. */
function kindGoneReason(spec: HandlerSpec): string {
  return (
    `handler kind "${spec.kind}" is not installed; bring it back ` +
    `(npm run new-handler ${spec.kind}) or delete the handler ` +
    `(condenser delete-topic-handler ${shellWord(spec.topic)} ${shellWord(spec.id)})`
  );
}

/**
 * Check the shape of a handler body and fill its defaults; throws a 400 naming the field.
 * The topic is the URL's: a body that names another one is refused, not silently moved.
 */
export function normalizeSpec(
  body: unknown,
  topic: string,
  use: 'create' | 'update' = 'create',
): HandlerSpec {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HandlerSpecError(
      'handler_json_invalid',
      'invalid handler json: expected a JSON object',
      400,
    );
  }
  const b = body as Record<string, unknown>;
  const allowed = new Set(['id', 'topic', 'kind', 'options', 'match']);
  for (const key of Object.keys(b)) {
    if (!allowed.has(key))
      throw new HandlerSpecError(
        'handler_json_invalid',
        `invalid handler json: unknown field "${key}"`,
        400,
      );
  }
  const str = (key: string): string => {
    const v = b[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      throw new HandlerSpecError(
        'handler_json_invalid',
        `invalid handler json: field "${key}" must be a string`,
        400,
      );
    }
    return v;
  };
  const options = b.options;
  if (
    options !== undefined &&
    options !== null &&
    (typeof options !== 'object' || Array.isArray(options))
  ) {
    throw new HandlerSpecError(
      'handler_json_invalid',
      'invalid handler json: field "options" must be an object',
      400,
    );
  }
  const bodyTopic = str('topic');
  if (bodyTopic !== '' && bodyTopic !== topic) {
    throw new HandlerSpecError(
      'topic_change',
      use === 'update'
        ? `cannot change topic in update: the body names topic ${JSON.stringify(bodyTopic)}, the URL ${JSON.stringify(topic)}`
        : `invalid handler json: field "topic" is ${JSON.stringify(bodyTopic)}, but the handler is posted to topic ${JSON.stringify(topic)}`,
      400,
    );
  }
  const opts = (options ?? null) as Record<string, unknown> | null;
  return {
    topic,
    id: str('id'),
    kind: str('kind'),
    options: opts && Object.keys(opts).length > 0 ? opts : null,
    match: str('match'),
  };
}
