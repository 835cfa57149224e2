// Receivers for the kind tester (kind-tester.ts) when a kind speaks SMTP, MQTT, SNMP traps or
// Kafka: real peers on loopback (smtp-server, aedes, net-snmp's receiver) and, for Kafka, the
// protocol-level TEST BROKER (no Kafka broker can run here: kafka-test-broker.ts). Each peer
// records everything a handler controls, credentials included, as one line of text per
// message, so that changing any config field or option changes what a peer saw. Two peers of
// each kind (a third for SMTP's host/port pair) let a config field that says where to
// connect be changed to its alternative.

import { startKafkaTestBroker } from './kafka-test-broker.js';
import { startMQTTPeer } from './mqtt-peer.js';
import { startSMTPPeer } from './smtp-peer.js';
import { freeUDPPort, startSNMPPeer } from './snmp-peer.js';

export interface Seen {
  text: string;
}

export interface Receivers {
  /** the value a field that says where to connect gets: what is sent to it reaches a peer */
  target(type: string, field: string, alt: boolean): unknown;
  seen(): Seen[];
  waitFor(n: number): Promise<void>;
}

/** What the tester knows of a kind that keeps connections. */
export interface PeerKind {
  transport: string;
  /** connection setting → config field */
  connection: Record<string, string>;
  config: Array<{ name: string; example: unknown; alternative: unknown }>;
}

/** What every peer saw, in arrival order, and a wait for the n-th item. */
function arrivalList(): {
  list: Seen[];
  push(text: string): void;
  waitFor(n: number): Promise<void>;
} {
  const list: Seen[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    list,
    push(text) {
      list.push({ text });
      for (const w of waiters.filter((x) => list.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    waitFor: (n) =>
      new Promise<void>((resolve) => {
        if (list.length >= n) resolve();
        else waiters.push({ n, resolve });
      }),
  };
}

/** The config values of a field (example and alternative), as strings. */
function valuesOf(t: PeerKind, setting: string): string[] {
  const field = t.config.find((f) => f.name === t.connection[setting]);
  return field ? [String(field.example), String(field.alternative)] : [];
}

export async function startPeerReceivers(t: PeerKind): Promise<Receivers> {
  const arrived = arrivalList();
  const base = { seen: () => arrived.list, waitFor: arrived.waitFor };
  switch (t.transport) {
    case 'smtp': {
      // a: 127.0.0.1:p, b: 127.0.0.2:p (the host changed), c: 127.0.0.1:q (the port changed).
      const peer = (name: string) => ({
        auth: 'any' as const,
        onMail: (m: {
          from: string;
          to: string[];
          user?: string;
          password?: string;
          raw: Buffer;
        }) => {
          // The Date header is the one thing a handler does not control.
          const raw = m.raw.toString('latin1').replace(/^Date: .*\r\n/m, '');
          arrived.push(`${name} from=${m.from} to=${m.to.join(',')} auth=${m.user ?? ''}:${m.password ?? ''}\n${raw}`); // prettier-ignore
        },
      });
      const a = await startSMTPPeer(peer('a'));
      await startSMTPPeer({ ...peer('b'), host: '127.0.0.2' }, a.port);
      const c = await startSMTPPeer(peer('c'));
      return {
        ...base,
        target: (type, _field, alt) =>
          type === 'hostname'
            ? alt
              ? '127.0.0.2'
              : '127.0.0.1'
            : type === 'port'
              ? alt
                ? c.port
                : a.port
              : undefined,
      };
    }
    case 'mqtt': {
      const start = async (name: string) => {
        const p = await startMQTTPeer({
          onPublish: (m) => {
            const auth = p.credentials.get(m.clientId);
            arrived.push(`${name} client=${m.clientId} auth=${auth?.username ?? ''}:${auth?.password ?? ''} topic=${m.topic} qos=${m.qos} retain=${m.retain}\n${m.payload.toString('utf8')}`); // prettier-ignore
          },
        });
        return p;
      };
      const a = await start('a');
      const b = await start('b');
      return {
        ...base,
        target: (type, _field, alt) => (type === 'mqtt-url' ? (alt ? b.url : a.url) : undefined),
      };
    }
    case 'snmptrap': {
      // The receivers take the communities the config's examples use.
      const communities = valuesOf(t, 'community');
      const start = async (name: string) =>
        startSNMPPeer(communities, await freeUDPPort(), {
          onTrap: (trap) =>
            arrived.push(
              `${name} ${trap.pduType} community=${trap.community}\n${trap.varbinds.map((v) => `${v.oid} ${v.type} ${v.value}`).join('\n')}`,
            ),
        });
      const a = await start('a');
      const b = await start('b');
      return {
        ...base,
        target: (type, _field, alt) => (type === 'address' ? (alt ? b.addr : a.addr) : undefined),
      };
    }
    case 'kafka': {
      const start = (name: string) =>
        startKafkaTestBroker({
          sasl: 'any',
          onRecord: (r) =>
            arrived.push(
              `${name} client=${r.clientId} sasl=${r.saslUser}:${r.saslPassword} topic=${r.topic} partition=${r.partition} key=${r.key?.toString('utf8') ?? ''}\n${r.value?.toString('utf8') ?? ''}`,
            ),
        });
      const a = await start('a');
      const b = await start('b');
      return {
        ...base,
        target: (type, _field, alt) =>
          type === 'broker-list' ? [alt ? b.address : a.address] : undefined,
      };
    }
    default:
      throw new Error(`no peers for transport ${t.transport}`);
  }
}
