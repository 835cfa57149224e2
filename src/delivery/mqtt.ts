// MQTT delivery with mqtt.js: one client per broker settings (a `[[mqtt]]` element), MQTT
// 3.1.1 with a clean session as Kapacitor's paho client connects. The client connects in the
// background and reconnects with backoff (1 s doubling to `reconnectMaxMs`), so a broker that
// is down at start or goes away never blocks anything: a publish waits for the broker, within
// its attempt's deadline, in a bounded list, and is sent when the broker is back. A QoS 1/2
// message already handed over stays in the client until acknowledged, across reconnects; a
// retry of the same event joins it instead of publishing twice. A broker that refuses the
// connection (not authorised, ...) fails publishes at once with that reason.
//
// Kapacitor's handler: PUBLISH to the rendered topic, payload = the event message bytes,
// with the handler's QoS and retain flag (`kapacitorMQTTMessage`).

import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { AlertEvent } from '../alert/event.js';
import { eventTemplateData } from '../alert/template-data.js';
import { compileHandlerTemplate } from '../alert/templates.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { redactURL } from '../config/redact.js';
import { mqttTopicProblem, parseMQTTQoS, type MQTTQoS } from '../config/validators.js';
import { DeliveryError, abortError, classifyError, withoutSecrets } from './errors.js';
import { InFlight, untilAborted } from './in-flight.js';
import { peerMetrics, type DeliveryMetricsRegistry, type PeerMetrics } from './metrics.js';
import { tlsOptions } from './tls-files.js';

export type { MQTTQoS } from '../config/validators.js';

/** What a `[[mqtt]]` element gives the transport. */
export interface MQTTBrokerSettings {
  /** The element's `name`: the default client id, and how logs and stats name the broker. */
  name: string;
  /** tcp://, ssl://, ws://, wss://, mqtt:// or mqtts:// */
  url: string;
  sslCA: string;
  sslCert: string;
  sslKey: string;
  insecureSkipVerify: boolean;
  /** '' = the name. */
  clientID: string;
  username: string;
  password: string;
}

export interface MQTTMessage {
  topic: string;
  payload: Buffer;
  qos: MQTTQoS;
  retained: boolean;
}

export interface MQTTBrokerOptions {
  logger?: Logger;
  /** Where the peer counters (`mqtt:<name>`) are shown; standalone counters if absent. */
  metrics?: DeliveryMetricsRegistry;
  /** First reconnect delay (doubles while the broker stays away). Default 1000. */
  reconnectMinMs?: number;
  /** Longest reconnect delay. Default 30000. */
  reconnectMaxMs?: number;
  /** CONNECT to CONNACK. Default 10000. */
  connectTimeoutMs?: number;
  /** Publishes waiting for the broker at most (beyond: 'overflow'). Default 10000. */
  maxWaiting?: number;
}

export interface PublishOptions {
  /** The attempt's deadline / shutdown: stops waiting (the broker, or its acknowledgement). */
  signal?: AbortSignal;
  /** The caller's object for this message (the alert event): a retry joins a send on its way. */
  key?: object;
  /**
   * Fail at once while the broker is away (after the connection attempt under way, if any)
   * instead of waiting for it: a service test answers what happens now.
   */
  now?: boolean;
}

/** Kapacitor's `qos` option: 0, 1, 2, "at-most-once", "at-least-once", "exactly-one". */
export function parseQoS(value: unknown): MQTTQoS {
  const qos = parseMQTTQoS(value);
  if (typeof qos === 'string')
    throw new DeliveryError('invalid-message', `qos ${qos}`, { retryable: false });
  return qos;
}

/** A handler's topic: a Go template over the event (rendered only when it has an action). */
export interface MQTTTopic {
  render(event: AlertEvent): string;
}

/** Compile a topic once, at handler creation (throws TemplateParseError on bad syntax). */
export function mqttTopicTemplate(text: string): MQTTTopic {
  if (!text.includes('{{')) return { render: () => text };
  const tmpl = compileHandlerTemplate('mqtt topic', text);
  return { render: (event) => tmpl.render(eventTemplateData(event)) };
}

/**
 * What Kapacitor publishes for `event`: the rendered topic, the message as payload. A topic
 * that renders empty or with a wildcard is refused ('invalid-message').
 */
export function kapacitorMQTTMessage(
  event: AlertEvent,
  options: { topic: MQTTTopic; qos: MQTTQoS; retained: boolean },
): MQTTMessage {
  return mqttMessage({
    topic: options.topic.render(event),
    payload: event.state.message,
    qos: options.qos,
    retained: options.retained,
  });
}

/**
 * The PUBLISH for a rendered topic and a text payload (its UTF-8 bytes). A topic that is
 * empty or holds a wildcard is refused ('invalid-message').
 */
export function mqttMessage(m: {
  topic: string;
  payload: string;
  qos: MQTTQoS;
  retained: boolean;
}): MQTTMessage {
  const problem = mqttTopicProblem(m.topic, false);
  if (problem !== undefined) {
    throw new DeliveryError('invalid-message', `topic ${problem}`, { retryable: false });
  }
  return {
    topic: m.topic,
    payload: Buffer.from(m.payload, 'utf8'),
    qos: m.qos,
    retained: m.retained,
  };
}

/** CONNACK codes: MQTT 3.1.1 (4, 5) and 5 (134, 135) for bad credentials / not authorised. */
const notAuthorizedCodes = new Set([4, 5, 134, 135]);
/** 3 = server unavailable (3.1.1), 136/137 = server unavailable/busy (5): worth a retry. */
const unavailableCodes = new Set([3, 136, 137]);

function connackCode(err: unknown): number | undefined {
  if (!(err instanceof Error) || !err.message.startsWith('Connection refused')) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

interface Waiter {
  resolve: () => void;
  reject: (err: DeliveryError) => void;
  /** Rejected when the connection attempt under way fails, rather than waiting for the next. */
  now: boolean;
}

export class MQTTBroker {
  readonly settings: Readonly<MQTTBrokerSettings>;
  readonly metrics: PeerMetrics;
  private readonly logger: Logger;
  private readonly registry: DeliveryMetricsRegistry | undefined;
  private readonly client: MqttClient;
  private readonly waiting = new Set<Waiter>();
  private readonly inFlight = new InFlight();
  private readonly maxWaiting: number;
  private readonly reconnectMinMs: number;
  private readonly reconnectMaxMs: number;
  /** The broker's refusal while it refuses us; cleared when a connection is accepted. */
  private refusal: DeliveryError | undefined;
  /** Set when the broker is unreachable, so an outage is logged once, not per retry. */
  private outage: string | undefined;
  private closed = false;

  /** Throws SettingsError when an ssl-* file cannot be read. Connects in the background. */
  constructor(settings: MQTTBrokerSettings, options: MQTTBrokerOptions = {}) {
    this.settings = { ...settings };
    this.logger = (options.logger ?? silentLogger).child({ broker: settings.name });
    this.registry = options.metrics;
    this.maxWaiting = options.maxWaiting ?? 10_000;
    this.reconnectMinMs = options.reconnectMinMs ?? 1000;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 30_000;
    const tags = { broker: settings.name };
    this.metrics = peerMetrics(this.registry, 'mqtt', tags);
    this.metrics.gauge('connected', () => (this.client.connected ? 1 : 0));
    this.metrics.gauge('waiting', () => this.waiting.size);

    const secure = /^(ssl|mqtts|wss|tls):/i.test(settings.url);
    const clientOptions: IClientOptions = {
      clientId: settings.clientID !== '' ? settings.clientID : settings.name,
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      reconnectPeriod: this.reconnectMinMs,
      reconnectOnConnackError: true,
      // Publishes are handed over only while connected; nothing piles up inside the client.
      queueQoSZero: false,
      resubscribe: false,
      ...(settings.username !== '' ? { username: settings.username } : {}),
      ...(settings.password !== '' ? { password: settings.password } : {}),
      ...(secure ? tlsOptions(settings) : {}),
    };
    this.client = mqtt.connect(settings.url, clientOptions);
    this.client.on('connect', () => this.onConnect());
    this.client.on('close', () => this.onClose());
    this.client.on('error', (err) => this.onError(err));
    this.client.on('reconnect', () => {
      this.metrics.add('reconnects');
      // Back off while the broker stays away; mqtt.js reads the period at each setup.
      const period = this.client.options.reconnectPeriod ?? this.reconnectMinMs;
      this.client.options.reconnectPeriod = Math.min(this.reconnectMaxMs, period * 2);
    });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** The password, also when it is written into the URL's userinfo. */
  private get secrets(): string[] {
    let inURL = '';
    try {
      inURL = decodeURIComponent(new URL(this.settings.url).password);
    } catch {
      // Not a URL mqtt.js could use either; there is no password in it to hide.
    }
    return [this.settings.password, inURL];
  }

  private describe(text: string): string {
    return withoutSecrets(text, this.secrets);
  }

  private onConnect(): void {
    this.client.options.reconnectPeriod = this.reconnectMinMs;
    this.metrics.add('connects');
    if (this.outage !== undefined || this.refusal !== undefined) {
      this.logger.info({ url: redactURL(this.settings.url) }, 'mqtt broker connected again');
    }
    this.outage = undefined;
    this.refusal = undefined;
    const waiters = [...this.waiting];
    this.waiting.clear();
    for (const w of waiters) w.resolve();
  }

  private onClose(): void {
    if (this.closed) return;
    if (this.outage === undefined && this.refusal === undefined) {
      this.outage = 'connection closed';
      this.metrics.add('disconnects');
      this.logger.warn(
        { url: redactURL(this.settings.url) },
        'mqtt broker unreachable; publishes wait for it within their deadline',
      );
    }
    for (const w of [...this.waiting]) {
      if (!w.now) continue;
      this.waiting.delete(w);
      w.reject(this.unreachable());
    }
  }

  private unreachable(): DeliveryError {
    return new DeliveryError(
      'connection',
      `mqtt broker "${this.settings.name}" is unreachable: ${this.outage ?? 'connection closed'}`,
    );
  }

  private onError(err: Error): void {
    const code = connackCode(err);
    if (code === undefined) {
      const c = classifyError(err);
      if (c.reason === 'tls') {
        // A certificate the settings do not accept: waiting cannot help, say so at once.
        this.refuse(
          new DeliveryError(
            'tls',
            `mqtt broker "${this.settings.name}": TLS failed: ${this.describe(c.message)}`,
            { retryable: false, cause: err },
          ),
        );
        return;
      }
      // Socket-level: the close that follows starts the reconnect; note why, once.
      const why = this.describe(c.message);
      if (this.outage !== why) this.logger.debug({ err: why }, 'mqtt connection error');
      this.outage = why;
      return;
    }
    const auth = notAuthorizedCodes.has(code);
    const refusal = new DeliveryError(
      auth ? 'mqtt-not-authorized' : 'mqtt-refused',
      `mqtt broker "${this.settings.name}" refused the connection: ${this.describe(err.message.replace(/^Connection refused: /, ''))}`,
      { retryable: !auth && unavailableCodes.has(code), status: code, cause: err },
    );
    this.refuse(refusal);
  }

  /** The broker cannot be used as configured: publishes fail with `refusal` until it can. */
  private refuse(refusal: DeliveryError): void {
    if (this.refusal?.message !== refusal.message) {
      this.logger.error({ reason: refusal.reason, status: refusal.status }, refusal.message);
    }
    this.refusal = refusal;
    const waiters = [...this.waiting];
    this.waiting.clear();
    for (const w of waiters) w.reject(refusal);
  }

  /** Resolves when connected; rejects on refusal, overflow or abort. */
  private whenConnected(signal: AbortSignal | undefined, now: boolean): Promise<void> {
    if (this.client.connected) return Promise.resolve();
    if (this.refusal !== undefined) return Promise.reject(this.refusal);
    // Known to be away: an attempt failed since the last connection.
    if (now && this.outage !== undefined) {
      return Promise.reject(this.unreachable());
    }
    if (this.closed) {
      return Promise.reject(
        new DeliveryError('aborted', 'the mqtt client is closed', { retryable: false }),
      );
    }
    if (this.waiting.size >= this.maxWaiting) {
      return Promise.reject(
        new DeliveryError(
          'overflow',
          `mqtt broker "${this.settings.name}" is away and ${this.maxWaiting} publishes already wait for it`,
        ),
      );
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        now,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      const onAbort = (): void => {
        this.waiting.delete(waiter);
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
    });
  }

  /** Hand the message to mqtt.js; resolves when QoS 0 is written, QoS 1/2 acknowledged. */
  private handOver(message: MQTTMessage): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.client.publish(
        message.topic,
        message.payload,
        { qos: message.qos, retain: message.retained },
        (err) => {
          if (err === undefined || err === null) {
            resolve();
            return;
          }
          const c = classifyError(err);
          reject(
            new DeliveryError(
              c.reason === 'unknown' ? 'connection' : c.reason,
              `mqtt publish failed: ${this.describe(c.message)}`,
              { retryable: c.reason === 'unknown' ? true : c.retryable, cause: err },
            ),
          );
        },
      );
    });
  }

  /**
   * Publish one message. Waits (bounded by `signal`) while the broker is away; rejects with
   * a DeliveryError: 'mqtt-not-authorized' / 'mqtt-refused' while the broker refuses us,
   * 'overflow' when too many publishes wait, 'timeout'/'aborted' when `signal` fires.
   */
  publish(message: MQTTMessage, options: PublishOptions = {}): Promise<void> {
    const { signal, key, now = false } = options;
    const sending = this.inFlight.run(key, async () => {
      await this.whenConnected(signal, now);
      await this.handOver(message);
    });
    return untilAborted(sending, signal).then(
      () => {
        this.metrics.add('published');
      },
      (err: unknown) => {
        const failure =
          err instanceof DeliveryError
            ? err
            : new DeliveryError('unknown', String(err), { retryable: false });
        this.metrics.failed(failure.reason);
        throw failure;
      },
    );
  }

  /**
   * Disconnect: in-flight QoS 1/2 publishes get 250 ms to be acknowledged (Kapacitor's
   * quiesce), then the connection is closed; waiting publishes fail as 'aborted'.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const aborted = new DeliveryError('aborted', 'the mqtt client is closed', { retryable: false });
    const waiters = [...this.waiting];
    this.waiting.clear();
    for (const w of waiters) w.reject(aborted);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.client.end(true, () => resolve()), 250);
      this.client.end(false, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.registry?.removePeer(this.metrics);
  }
}
