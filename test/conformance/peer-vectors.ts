// The peers the catalogue vector runner (catalogue.test.ts) needs for the kinds that do not
// speak HTTP or TCP, and how what they received is compared with a vector's expectations:
// an SMTP server (smtp-server, without STARTTLS, like Kapacitor's smtptest), an MQTT broker
// (aedes), an SNMP trap receiver (net-snmp) and, for Kafka, the protocol-level TEST BROKER
// (kafka-test-broker.ts: a test double, because no Kafka broker can run on these machines;
// the producer is the production one). Expectations are those of the fixtures' README:
// `smtp` headers and body, `mqtt` topic/QoS/retain/payload, `snmp` varbinds with their types,
// `kafka` topic, key, value bytes and the partition the vector's broker saw.

import { expect } from 'vitest';
import {
  startKafkaTestBroker,
  stopKafkaTestBrokers,
  type KafkaTestBroker,
} from '../helpers/kafka-test-broker.js';
import { startMQTTPeer, stopMQTTPeers, type MQTTPeer } from '../helpers/mqtt-peer.js';
import { splitMail, startSMTPPeer, stopSMTPPeers, type SMTPPeer } from '../helpers/smtp-peer.js';
import { startSNMPPeer, stopSNMPPeers, type SNMPPeer } from '../helpers/snmp-peer.js';

export type Expectation = Record<string, unknown>;

/** The expectation transports a peer checks. */
export const peerExpectations = ['smtp', 'mqtt', 'snmp', 'kafka'] as const;

export interface VectorPeers {
  /** Placeholders of the vector's config (`${smtphost}`, `${udpaddr}`, `${broker}`, ...). */
  vars: Record<string, string>;
  /** The vector's config with what a placeholder cannot say (a port as a number, a broker URL). */
  config(config: Record<string, unknown>): Record<string, unknown>;
  /** Wait for `expected` to arrive, then compare what each peer received with it. */
  check(expected: Expectation[]): Promise<void>;
}

/** Quoted-printable decoding (RFC 2045), to compare a body with the vector's decoded HTML. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(
    text
      .replace(/=\r\n/g, '')
      .replace(/\r\n/g, '\n')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return bytes.toString('utf8');
}

/** The community the trap vectors' `${community}` stands for. */
export const vectorCommunity = 'kapacitor-vector-community';

/** net-snmp's type names as the vectors write them. */
const vectorTypeName: Record<string, string> = { OID: 'Oid' };

/** Each mail against its expectation: headers, the body on the wire and decoded, the envelope. */
export function checkMails(peer: SMTPPeer, expected: Expectation[]): void {
  expect(peer.mails).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const mail = peer.mails[i]!;
    const got = splitMail(mail.raw);
    const headers = want.headers as Record<string, string>;
    for (const [name, value] of Object.entries(headers)) {
      expect(got.headers.get(name), name).toBe(value);
    }
    const wire = got.body.replace(/\r\n/g, '\n');
    if (typeof want.bodyQuotedPrintable === 'string') expect(wire).toBe(want.bodyQuotedPrintable);
    if (typeof want.observedBody === 'string') expect(wire).toBe(want.observedBody);
    // The DATA terminator ends the last line; the vector's HTML may not.
    const html = want.bodyHtml as string;
    expect(decodeQuotedPrintable(got.body)).toBe(html.endsWith('\n') ? html : `${html}\n`);
    expect(mail.from).toBe(headers.From);
    expect(mail.to).toEqual(headers.To!.split(', '));
  });
}

/** Each PUBLISH against its expectation: topic, QoS, retain flag, payload bytes. */
export function checkPublishes(peer: MQTTPeer, expected: Expectation[]): void {
  const view = (topic: unknown, qos: unknown, retained: unknown, payloadExact: unknown) => ({
    topic,
    qos,
    retained,
    payloadExact,
  });
  expect(
    peer.received.map((r) => view(r.topic, r.qos, r.retain, r.payload.toString('utf8'))),
  ).toEqual(expected.map((e) => view(e.topic, e.qos, e.retained, e.payloadExact)));
}

/** The traps against the expectations (v2c, the community, varbinds with their types), in any order. */
export function checkTraps(peer: SNMPPeer, community: string, expected: Expectation[]): void {
  expect(peer.errors).toEqual([]);
  // Each handler has its own queue: traps of two handlers may arrive in any order.
  const got = peer.traps.map((trap) => {
    expect(trap.pduType).toBe('TrapV2');
    expect(trap.community).toBe(community);
    return trap.varbinds.map((v) => ({
      oid: v.oid,
      value: v.value,
      type: vectorTypeName[v.type] ?? v.type,
    }));
  });
  const byTrapOID = <T extends Array<{ value: string }>>(list: T[]) =>
    [...list].sort((a, b) => (a[1]!.value < b[1]!.value ? -1 : 1));
  expect(byTrapOID(got)).toEqual(
    byTrapOID(expected.map((e) => e.varbinds as Array<{ value: string }>)),
  );
}

/** Each record against its expectation: topic, key, value bytes, and the partition the vector's broker saw. */
export function checkRecords(broker: KafkaTestBroker, expected: Expectation[]): void {
  expect(broker.errors).toEqual([]);
  expect(broker.records).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const got = broker.records[i]!;
    expect(got.topic).toBe(want.topic);
    expect(got.key?.toString('utf8')).toBe(want.key);
    if (want.valueExact !== undefined) expect(got.value?.toString('utf8')).toBe(want.valueExact);
    if (want.valueJson !== undefined)
      expect(JSON.parse(got.value!.toString('utf8'))).toEqual(want.valueJson);
    const saw = /saw partition (\d+)/.exec(JSON.stringify(want))?.[1];
    expect(saw, 'the vector names the partition its test broker saw').toBeDefined();
    expect(got.partition).toBe(Number(saw));
  });
}

/** Peers for the vector file of `kind`, or undefined when it needs none of them. */
export async function startVectorPeers(kind: string): Promise<VectorPeers | undefined> {
  switch (kind) {
    case 'smtp': {
      const peer = await startSMTPPeer({ starttls: false });
      return {
        vars: { smtphost: peer.host },
        // `"port": "${smtpport}"` is a number in kapacitor.conf.
        config: (c) => withElement(c, 'smtp', (e) => ({ ...e, port: peer.port })),
        async check(expected) {
          await peer.waitFor(expected.length);
          checkMails(peer, expected);
        },
      };
    }
    case 'mqtt': {
      const peer = await startMQTTPeer();
      return {
        vars: {},
        // The vector's broker (mqtt.example.com) is this test's broker.
        config: (c) => withElement(c, 'mqtt', (e) => ({ ...e, url: peer.url })),
        async check(expected) {
          await peer.waitFor(expected.length);
          checkPublishes(peer, expected);
        },
      };
    }
    case 'snmptrap': {
      const peer = await startSNMPPeer(vectorCommunity);
      return {
        vars: { udpaddr: peer.addr, community: vectorCommunity },
        config: (c) => c,
        async check(expected) {
          await peer.waitFor(expected.length);
          checkTraps(peer, vectorCommunity, expected);
        },
      };
    }
    case 'kafka': {
      const broker = await startKafkaTestBroker(); // partitions 1, 2, 3 like Kapacitor's
      return {
        vars: { broker: broker.address },
        config: (c) => c,
        async check(expected) {
          await broker.waitFor(expected.length);
          checkRecords(broker, expected);
        },
      };
    }
    default:
      return undefined;
  }
}

/** Stop every peer a case started (afterEach). */
export async function stopVectorPeers(): Promise<void> {
  await Promise.all([stopSMTPPeers(), stopMQTTPeers(), stopSNMPPeers(), stopKafkaTestBrokers()]);
}

/** The config with `change` applied to the section's table, or to each element of its list. */
function withElement(
  config: Record<string, unknown>,
  section: string,
  change: (element: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  const value = config[section];
  if (value === undefined) return config;
  return {
    ...config,
    [section]: Array.isArray(value)
      ? value.map((e) => change(e as Record<string, unknown>))
      : change(value as Record<string, unknown>),
  };
}
