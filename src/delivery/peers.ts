// The connections a handler kind keeps to its peers when it speaks SMTP, MQTT, SNMP traps or
// Kafka rather than HTTP: one connection per enabled config element (a `[[mqtt]]` broker by
// name, a `[[kafka]]` cluster by id, the `[smtp]` server, the `[snmptrap]` receiver), made
// when the config is applied and kept across changes that do not touch it (ConnectionSet).
// A generated kind's spec gives the settings (from its config) and the request per event
// (from its options and the event); this module carries the request to the right module:
// smtp.ts + mail-format.ts, mqtt.ts, snmptrap.ts, kafka.ts.

import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { ConfigError } from '../config/section.js';
import { ConnectionSet } from './connections.js';
import { DeliveryError, SettingsError } from './errors.js';
// Types only here: a transport's module (and its client library: kafkajs, mqtt.js, net-snmp,
// nodemailer) is loaded when a kind first has an enabled element, not when the host starts.
import type { KafkaCluster, KafkaClusterSettings, Partitioning } from './kafka.js';
import type { DeliveryMetricsRegistry } from './metrics.js';
import type { MQTTBroker, MQTTBrokerSettings, MQTTQoS } from './mqtt.js';
import { isServiceTest } from './service-test.js';
import type { SMTPMailer, SMTPSettings } from './smtp.js';
import type { SNMPTrapSender, SNMPTrapSettings, TrapData } from './snmptrap.js';

/** One mail: gomail's bytes are made from these (kapacitorMail). */
export interface MailRequest {
  transport: 'smtp';
  /** `addr` or `Name <addr>` */
  from: string;
  to: readonly string[];
  subject: string;
  /** the body, text/html */
  html: string;
}

/** One PUBLISH; the payload goes as its UTF-8 bytes. */
export interface PublishRequest {
  transport: 'mqtt';
  topic: string;
  payload: string;
  qos: MQTTQoS;
  retained: boolean;
}

/** One v2c trap: sysUpTime and snmpTrapOID, then `data` in order. */
export interface TrapRequest {
  transport: 'snmptrap';
  trapOID: string;
  data: readonly TrapData[];
}

/** One record; key and value go as their UTF-8 bytes. */
export interface RecordRequest {
  transport: 'kafka';
  topic: string;
  key: string;
  value: string;
  partitioning: Partitioning;
}

interface Transports {
  smtp: { settings: SMTPSettings; connection: SMTPMailer; request: MailRequest };
  mqtt: { settings: MQTTBrokerSettings; connection: MQTTBroker; request: PublishRequest };
  snmptrap: { settings: SNMPTrapSettings; connection: SNMPTrapSender; request: TrapRequest };
  kafka: { settings: KafkaClusterSettings; connection: KafkaCluster; request: RecordRequest };
}

export type PeerTransport = keyof Transports;
export type PeerSettings<T extends PeerTransport> = Transports[T]['settings'];
export type PeerRequest<T extends PeerTransport> = Transports[T]['request'];
type Connection<T extends PeerTransport> = Transports[T]['connection'];

export interface PeerDeps {
  logger?: Logger;
  /** Where each connection's counters go (/kapacitor/v1/debug/vars). */
  metrics?: DeliveryMetricsRegistry;
}

interface SendOptions {
  /** The attempt's deadline (the delivery queue's) or shutdown. */
  signal: AbortSignal;
  /** The alert event: a retry of it joins a send still on its way (in-flight.ts). */
  key?: object;
}

interface OpenDeps {
  logger: Logger;
  metrics: DeliveryMetricsRegistry | undefined;
}

interface TransportDef<T extends PeerTransport> {
  open(settings: PeerSettings<T>, deps: OpenDeps): Connection<T>;
  send(connection: Connection<T>, request: PeerRequest<T>, options: SendOptions): Promise<void>;
}

const transports: { [T in PeerTransport]: () => Promise<TransportDef<T>> } = {
  smtp: async () => {
    const [{ SMTPMailer }, { kapacitorMail }] = await Promise.all([
      import('./smtp.js'),
      import('./mail-format.js'),
    ]);
    return {
      open: (s, deps) => new SMTPMailer(s, deps),
      send: (mailer, r, { signal }) =>
        mailer.send(
          kapacitorMail({ from: r.from, to: r.to, subject: r.subject, html: r.html }),
          signal,
        ),
    };
  },
  mqtt: async () => {
    const { MQTTBroker, mqttMessage } = await import('./mqtt.js');
    return {
      open: (s, deps) => new MQTTBroker(s, deps),
      send: (broker, r, options) =>
        broker.publish(mqttMessage(r), { ...options, now: isServiceTest(options.signal) }),
    };
  },
  snmptrap: async () => {
    const { SNMPTrapSender } = await import('./snmptrap.js');
    return {
      open: (s, deps) => new SNMPTrapSender(s, deps),
      send: (sender, r, { signal }) => sender.send(r.trapOID, r.data, signal),
    };
  },
  kafka: async () => {
    const { KafkaCluster, kafkaRecord } = await import('./kafka.js');
    return {
      open: (s, deps) => new KafkaCluster(s, deps),
      send: (cluster, r, options) => cluster.produce(kafkaRecord(r), options),
    };
  },
};

/** One configured peer: its element key, settings, and where its config lives (for errors). */
export interface PeerEntry<T extends PeerTransport> {
  /** The element key (`name`, `id`), '' for a section that is not a list. */
  key: string;
  settings: PeerSettings<T>;
  /** The config path of the element: `mqtt[0]`, `smtp`. */
  path: string;
}

export class PeerSet<T extends PeerTransport> {
  private readonly connections: ConnectionSet<PeerSettings<T>, Connection<T>>;
  /** The transport, loaded with the first enabled element. */
  private def: TransportDef<T> | undefined;
  /** Element key → config path, for the errors of the connections being opened. */
  private paths = new Map<string, string>();

  constructor(
    readonly transport: T,
    deps: PeerDeps,
  ) {
    const full: OpenDeps = { logger: deps.logger ?? silentLogger, metrics: deps.metrics };
    this.connections = new ConnectionSet((key, settings) => {
      // Connections are opened only after update() loaded the transport.
      const def = this.def!;
      try {
        return def.open(settings, full);
      } catch (err) {
        if (!(err instanceof SettingsError)) throw err;
        const path = this.paths.get(key) ?? transport;
        throw new ConfigError(`${path}.${err.key}`, err.message.slice(err.key.length + 2));
      }
    });
  }

  /**
   * Make the connections of the enabled elements `entries`: unchanged ones stay, changed and
   * removed ones close, new ones open (connecting in the background, never blocking). Settings
   * a connection cannot use are refused as a ConfigError naming the key (`kafka[0].ssl-ca`),
   * and nothing changes.
   */
  async update(entries: ReadonlyArray<PeerEntry<T>>): Promise<void> {
    if (entries.length > 0) {
      this.def ??= await (transports[this.transport] as () => Promise<TransportDef<T>>)();
    }
    this.paths = new Map(entries.map((e) => [e.key, e.path]));
    await this.connections.update(
      entries.map((e) => [e.key, e.settings] as const),
      { eager: true },
    );
  }

  /** Send one request through the connection of element `key`. */
  send(key: string, request: PeerRequest<T>, options: SendOptions): Promise<void> {
    const connection = this.connections.get(key);
    if (connection === undefined || this.def === undefined) {
      // The handler found an enabled element the set does not hold: a config change raced it.
      return Promise.reject(
        new DeliveryError('protocol', `no ${this.transport} connection "${key}"`, {
          retryable: true,
        }),
      );
    }
    return this.def.send(connection, request, options);
  }

  /** Close every connection (the host stops). */
  close(): Promise<void> {
    return this.connections.close();
  }
}
