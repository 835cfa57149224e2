// Kafka delivery: one producer per `[[kafka]]` cluster (client id = the cluster id, as
// Kapacitor's sarama producer), records keyed by the event id and partitioned by hashing the
// key with Kapacitor's algorithms (kafka-partition.ts).
//
// Client: kafkajs 2.2 — pure JavaScript, no dependencies, no native code, runs on Node 20
// (engines >= 14), speaks the protocol versions every current broker serves (Produce v3+ with
// record batches), SASL PLAIN / SCRAM-SHA-256/512 and TLS, and lets us choose partitions. Its
// last release is from 2023 and its maintainers asked for successors, so it is pinned and
// used only through this module. @platformatic/kafka is maintained, but its current line
// (2.x) requires Node 22, where this project runs on Node 20.
//
// Batching is ours, not the client's: records wait in one bounded buffer per cluster and go
// out as one Produce request of at most `batch-size` records. A batch leaves at once when no
// request is on its way (so an alert is not held back), when it is full, or `batch-timeout`
// after its first record while an earlier request is still out. Each record's promise
// settles with its own acknowledgement (acks = 1, as sarama's default), so the per-handler
// queue, timeout, retrier and counters apply unchanged. A broker that is down never blocks
// ingest or other handlers: records wait in the bounded buffer (beyond it: 'overflow',
// counted), each within its attempt's deadline.

import kafkajs from 'kafkajs';
import type { Kafka, LogEntry, Message, PartitionerArgs, Producer, SASLOptions } from 'kafkajs';
import { encodeAlertData, type AlertEvent } from '../alert/event.js';
import { alertDataTemplateData } from '../alert/template-data.js';
import { compileHandlerTemplate } from '../alert/templates.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { KafkaPartitionAlgorithm } from '../config/validators.js';
import {
  DeliveryError,
  SettingsError,
  abortError,
  classifyError,
  withoutSecrets,
} from './errors.js';
import { InFlight, untilAborted } from './in-flight.js';
import { partitionFor, type PartitionHash } from './kafka-partition.js';
import { peerMetrics, type DeliveryMetricsRegistry, type PeerMetrics } from './metrics.js';
import { tlsOptions } from './tls-files.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/** What a `[[kafka]]` element gives the transport (durations in milliseconds; 0 = default). */
export interface KafkaClusterSettings {
  /** The element's `id`: the client id, and how logs and stats name the cluster. */
  id: string;
  /** Bootstrap brokers, host:port. */
  brokers: readonly string[];
  /** Network operations (dial, request); 0 = 10 s. */
  timeoutMs: number;
  /** Records per Produce request at most; 0 = 100. */
  batchSize: number;
  /** Longest wait of a record while an earlier request is on its way; 0 = 1 s. */
  batchTimeoutMs: number;
  useSSL: boolean;
  sslCA: string;
  sslCert: string;
  sslKey: string;
  insecureSkipVerify: boolean;
  saslUsername: string;
  saslPassword: string;
  /** '' (= PLAIN when a username is set), PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. */
  saslMechanism: string;
}

/** How a record picks its partition: a hash of its key, or round robin ('none'). */
export type Partitioning = PartitionHash | 'none';

export interface KafkaRecord {
  topic: string;
  key: Buffer;
  value: Buffer;
  partitioning: Partitioning;
}

export interface KafkaClusterOptions {
  logger?: Logger;
  /** Where the peer counters (`kafka:<cluster>:<topic>`) are shown; standalone if absent. */
  metrics?: DeliveryMetricsRegistry;
  /** Records waiting in the buffer at most (beyond: 'overflow'). Default 10000. */
  maxBuffered?: number;
  /** Produce requests on their way at once at most. Default 5. */
  maxInFlight?: number;
  /** kafkajs's own retries within one attempt (metadata refresh, leader moves). Default 2. */
  clientRetries?: number;
  /** For crc32's empty key (tests pin it). */
  random?: () => number;
}

export interface ProduceOptions {
  /** The attempt's deadline / shutdown: a buffered record is withdrawn, a sent one awaited no more. */
  signal?: AbortSignal;
  /** The caller's object for this record (the alert event): a retry joins a send on its way. */
  key?: object;
}

/** Kapacitor's defaults for the zero values (config.go ApplyConditionalDefaults). */
export const kafkaDefaults = { timeoutMs: 10_000, batchSize: 100, batchTimeoutMs: 1_000 };

/** A handler's `partitionAlgorithm` + `disablePartitionById` as a Partitioning. */
export function partitioningOf(
  algorithm: KafkaPartitionAlgorithm,
  disablePartitionById: boolean,
): Partitioning {
  if (disablePartitionById) return 'none';
  return algorithm === '' ? 'crc32' : algorithm;
}

/** A handler's value: the AlertData JSON + "\n", or its `template` over AlertData. */
export interface KafkaValue {
  render(event: AlertEvent): Buffer;
}

/** Compile a handler's template once ('' = the AlertData JSON); throws on bad syntax. */
export function kafkaValueTemplate(template: string): KafkaValue {
  if (template === '') return { render: (event) => Buffer.from(encodeAlertData(event), 'utf8') };
  const tmpl = compileHandlerTemplate('kafka alert template', template);
  return { render: (event) => Buffer.from(tmpl.render(alertDataTemplateData(event)), 'utf8') };
}

/** What Kapacitor produces for `event`: key = the event id, value as the handler says. */
export function kapacitorKafkaRecord(
  event: AlertEvent,
  options: { topic: string; value: KafkaValue; partitioning: Partitioning },
): KafkaRecord {
  return kafkaRecord({
    topic: options.topic,
    key: event.state.id,
    value: options.value.render(event),
    partitioning: options.partitioning,
  });
}

/** A record from text (key and value as UTF-8 bytes); an empty topic is 'invalid-message'. */
export function kafkaRecord(r: {
  topic: string;
  key: string;
  value: string | Buffer;
  partitioning: Partitioning;
}): KafkaRecord {
  if (r.topic === '') {
    throw new DeliveryError('invalid-message', 'topic must not be empty', { retryable: false });
  }
  return {
    topic: r.topic,
    key: Buffer.from(r.key, 'utf8'),
    value: typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') : r.value,
    partitioning: r.partitioning,
  };
}

function saslOptions(s: KafkaClusterSettings): SASLOptions | undefined {
  const mechanism = s.saslMechanism.toUpperCase();
  if (s.saslUsername === '' && mechanism === '') return undefined;
  const credentials = { username: s.saslUsername, password: s.saslPassword };
  switch (mechanism) {
    case '':
    case 'PLAIN':
      return { mechanism: 'plain', ...credentials };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', ...credentials };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', ...credentials };
    default:
      throw new SettingsError(
        'sasl-mechanism',
        `${JSON.stringify(s.saslMechanism)} is not supported here (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)`,
      );
  }
}

/** kafkajs error fields we look at, along the cause chain. */
interface KafkaErrorFields {
  name?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
}

/**
 * kafkajs errors → reasons: LEADER_NOT_AVAILABLE / NOT_LEADER_FOR_PARTITION → retryable
 * 'kafka-leader-not-available'; SASL and authorisation failures → 'kafka-auth'; other broker
 * error codes → 'kafka-error' (retryable as Kafka marks them); sockets as the shared classifier.
 */
export function classifyKafkaError(err: unknown, secrets: readonly string[]): DeliveryError {
  const clean = (text: string): string => withoutSecrets(text, secrets);
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    const f = e as KafkaErrorFields;
    const message = clean(e instanceof Error ? e.message : String(e));
    if (f.type === 'LEADER_NOT_AVAILABLE' || f.type === 'NOT_LEADER_FOR_PARTITION') {
      return new DeliveryError('kafka-leader-not-available', message, {
        retryable: true,
        cause: err,
      });
    }
    if (
      f.name === 'KafkaJSSASLAuthenticationError' ||
      (typeof f.type === 'string' && /AUTHORIZATION_FAILED|SASL_AUTHENTICATION_FAILED/.test(f.type))
    ) {
      return new DeliveryError('kafka-auth', message, { retryable: false, cause: err });
    }
    if (typeof f.type === 'string') {
      return new DeliveryError('kafka-error', `${f.type}: ${message}`, {
        retryable: f.retriable === true,
        cause: err,
      });
    }
    if (f.name === 'KafkaJSRequestTimeoutError') {
      return new DeliveryError('timeout', message, { cause: err });
    }
    const c = classifyError(e);
    if (c.reason !== 'unknown') {
      return new DeliveryError(c.reason, clean(c.message), { retryable: c.retryable, cause: err });
    }
    if (f.name === 'KafkaJSConnectionError' || f.name === 'KafkaJSConnectionClosedError') {
      return new DeliveryError('connection', message, { cause: err });
    }
    e = f.cause;
  }
  const text = clean(err instanceof Error ? err.message : String(err));
  return new DeliveryError('unknown', text, { retryable: false, cause: err });
}

interface Pending {
  record: KafkaRecord;
  resolve: () => void;
  reject: (err: DeliveryError) => void;
}

export class KafkaCluster {
  readonly settings: Readonly<KafkaClusterSettings>;
  private readonly logger: Logger;
  private readonly registry: DeliveryMetricsRegistry | undefined;
  private readonly topicMetrics = new Map<string, PeerMetrics>();
  private readonly client: Kafka;
  private readonly producer: Producer;
  private readonly inFlight = new InFlight();
  private readonly partitioningOf = new WeakMap<Message, Partitioning>();
  private readonly roundRobin = new Map<string, number>();
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly batchTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly maxBuffered: number;
  private readonly maxInFlight: number;
  private buffer: Pending[] = [];
  private requests = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushQueued = false;
  private connecting: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  /** Throws SettingsError for settings it cannot use. Connects lazily. */
  constructor(settings: KafkaClusterSettings, options: KafkaClusterOptions = {}) {
    if (settings.brokers.length === 0) {
      throw new SettingsError('brokers', 'must name at least one broker (host:port)');
    }
    this.settings = { ...settings, brokers: [...settings.brokers] };
    this.logger = (options.logger ?? silentLogger).child({ cluster: settings.id });
    this.registry = options.metrics;
    this.random = options.random ?? Math.random;
    this.timeoutMs = settings.timeoutMs > 0 ? settings.timeoutMs : kafkaDefaults.timeoutMs;
    this.batchSize = settings.batchSize > 0 ? settings.batchSize : kafkaDefaults.batchSize;
    this.batchTimeoutMs =
      settings.batchTimeoutMs > 0 ? settings.batchTimeoutMs : kafkaDefaults.batchTimeoutMs;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.maxInFlight = options.maxInFlight ?? 5;
    const sasl = saslOptions(settings);
    const retry = {
      retries: options.clientRetries ?? 2,
      initialRetryTime: 100,
      maxRetryTime: 1000,
    };
    this.client = new KafkaClient({
      clientId: settings.id,
      brokers: [...settings.brokers],
      ssl: settings.useSSL ? tlsOptions(settings) : false,
      ...(sasl === undefined ? {} : { sasl }),
      connectionTimeout: this.timeoutMs,
      authenticationTimeout: this.timeoutMs,
      requestTimeout: this.timeoutMs,
      retry,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.clientLog(entry),
    });
    this.producer = this.client.producer({
      createPartitioner: () => (args) => this.partition(args),
      retry,
      allowAutoTopicCreation: true,
      idempotent: false,
    });
  }

  private get secrets(): string[] {
    return [this.settings.saslPassword];
  }

  /** kafkajs logs go to ours at debug level: failures reach the log through the queue. */
  private clientLog(entry: LogEntry): void {
    const { message, broker, error } = entry.log as {
      message?: unknown;
      broker?: unknown;
      error?: unknown;
    };
    this.logger.debug(
      {
        kafka: entry.namespace,
        ...(typeof broker === 'string' ? { broker } : {}),
        ...(typeof error === 'string' ? { err: withoutSecrets(error, this.secrets) } : {}),
      },
      withoutSecrets(String(message ?? ''), this.secrets),
    );
  }

  /** Counters per topic, as Kapacitor's kafka stats (`write_messages`, `write_errors`). */
  metricsFor(topic: string): PeerMetrics {
    let m = this.topicMetrics.get(topic);
    if (m === undefined) {
      const tags = { cluster: this.settings.id, topic };
      m = peerMetrics(this.registry, 'kafka', tags);
      this.topicMetrics.set(topic, m);
    }
    return m;
  }

  /** Records waiting for a Produce request. */
  get buffered(): number {
    return this.buffer.length;
  }

  private partition({ topic, partitionMetadata, message }: PartitionerArgs): number {
    const how = this.partitioningOf.get(message) ?? 'crc32';
    if (how !== 'none') {
      const key = message.key instanceof Buffer ? message.key : Buffer.from(message.key ?? '');
      return partitionFor(
        how,
        key,
        partitionMetadata.map((p) => p.partitionId),
        this.random,
      );
    }
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    const pool = available.length > 0 ? available : partitionMetadata;
    const next = (this.roundRobin.get(topic) ?? Math.floor(this.random() * pool.length)) + 1;
    this.roundRobin.set(topic, next);
    return pool[next % pool.length]!.partitionId;
  }

  /**
   * Produce one record; resolves when the broker acknowledged it. Rejects with a
   * DeliveryError ('connection', 'kafka-leader-not-available', 'kafka-auth', 'overflow', ...)
   * whose message holds no secret.
   */
  produce(record: KafkaRecord, options: ProduceOptions = {}): Promise<void> {
    const { signal, key } = options;
    const sending = this.inFlight.run(key, () => this.enqueue(record, signal));
    return untilAborted(sending, signal);
  }

  private enqueue(record: KafkaRecord, signal: AbortSignal | undefined): Promise<void> {
    const metrics = this.metricsFor(record.topic);
    if (this.closed) {
      return Promise.reject(
        new DeliveryError('aborted', 'the kafka producer is closed', { retryable: false }),
      );
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.buffer.length >= this.maxBuffered) {
      metrics.add('dropped');
      metrics.failed('overflow');
      return Promise.reject(
        new DeliveryError(
          'overflow',
          `kafka cluster "${this.settings.id}": ${this.maxBuffered} records already wait for the brokers`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = { record, resolve, reject };
      const onAbort = (): void => {
        // Still buffered: take it back, it was never sent. Sent: the Produce settles it.
        const i = this.buffer.indexOf(pending);
        if (i === -1) return;
        this.buffer.splice(i, 1);
        reject(abortError(signal as AbortSignal));
        this.schedule();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      pending.reject = (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      };
      this.buffer.push(pending);
      this.schedule();
    });
  }

  /** Resolves when nothing is buffered or on its way. */
  idle(): Promise<void> {
    if (this.buffer.length === 0 && this.requests === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Decide when the buffer goes out (see the header). */
  private schedule(): void {
    if (this.buffer.length === 0 && this.requests === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
    if (this.buffer.length === 0 || this.closed) return;
    if (this.requests >= this.maxInFlight) return; // a finishing request calls us again
    if (this.buffer.length >= this.batchSize || this.requests === 0) {
      // Records offered in the same tick travel together.
      if (!this.flushQueued) {
        this.flushQueued = true;
        setImmediate(() => {
          this.flushQueued = false;
          this.flush();
        });
      }
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.batchTimeoutMs);
  }

  private flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer.length === 0 || this.closed || this.requests >= this.maxInFlight) return;
    const batch = this.buffer.splice(0, this.batchSize);
    this.requests++;
    void this.send(batch).finally(() => {
      this.requests--;
      this.schedule();
    });
    this.schedule();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((err: unknown) => {
      this.connecting = undefined; // the next batch dials again
      throw err;
    });
    return this.connecting;
  }

  private async send(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      const message: Message = { key: p.record.key, value: p.record.value };
      this.partitioningOf.set(message, p.record.partitioning);
      const list = byTopic.get(p.record.topic);
      if (list === undefined) byTopic.set(p.record.topic, [message]);
      else list.push(message);
    }
    try {
      await this.connect();
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        acks: 1,
        timeout: this.timeoutMs,
      });
    } catch (err) {
      if (this.closed && !(err instanceof DeliveryError)) {
        const aborted = new DeliveryError('aborted', 'the kafka producer is closed', {
          retryable: false,
          cause: err,
        });
        for (const p of batch) p.reject(aborted);
        return;
      }
      const failure = classifyKafkaError(err, this.secrets);
      for (const p of batch) {
        const m = this.metricsFor(p.record.topic);
        m.add('write_errors');
        m.failed(failure.reason);
        p.reject(failure);
      }
      return;
    }
    for (const p of batch) {
      this.metricsFor(p.record.topic).add('write_messages');
      p.resolve();
    }
  }

  /**
   * Shutdown: buffered records are sent if the brokers take them within `deadlineMs`
   * (default 1 s), then the producer disconnects; what is left fails as 'aborted'.
   */
  async close(deadlineMs = 1000): Promise<void> {
    if (this.closed) return;
    if (this.buffer.length > 0) this.flush();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const aborted = new DeliveryError('aborted', 'the kafka producer is closed', {
      retryable: false,
    });
    for (const p of this.buffer.splice(0)) p.reject(aborted);
    try {
      await this.producer.disconnect();
    } catch {
      // Closing anyway; a broker that went away cannot be told goodbye.
    }
    for (const m of this.topicMetrics.values()) this.registry?.removePeer(m);
  }
}
