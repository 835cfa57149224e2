// Faults of the smtp, mqtt, snmptrap and kafka kinds through the running host, as a user meets
// them: the kind's config points at a real peer on 127.0.0.1 (an SMTP server, an MQTT broker,
// an SNMP trap receiver) or at the Kafka TEST BROKER (a protocol-level test double: no Kafka
// broker can run on these machines), a topic handler of the kind sits beside a `post` handler
// on the same topic, and the peer is down when the host starts, goes away and comes back, or
// answers with an error. Whatever the peer does, the post handler gets every event at once;
// failures are counted by reason in GET /kapacitor/v1/debug/vars (the handler's and the
// peer's counters) and logged naming the handler and the reason, with no secret in the log.
// transport-faults.test.ts checks the same behind a bare delivery queue; this checks the kinds.
// Only installed kinds are checked (a kind removed with remove-handler has no cases here).

import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { handlerKinds } from '../../src/alert/service.js';
import type { LogRecord } from '../../src/common/logger.js';
import type { RawTable } from '../../src/config/env.js';
import { startHost, type Host } from '../helpers/host.js';
import { startKafkaTestBroker, stopKafkaTestBrokers } from '../helpers/kafka-test-broker.js';
import { startMQTTPeer, stopMQTTPeers } from '../helpers/mqtt-peer.js';
import {
  closeAll,
  refusedPort,
  startHTTPReceiver,
  type HTTPReceiver,
} from '../helpers/receivers.js';
import { startSMTPPeer, stopSMTPPeers } from '../helpers/smtp-peer.js';
import { startSNMPPeer, stopSNMPPeers } from '../helpers/snmp-peer.js';

const secret = 'S3cret-Value-42';
const topic = '/kapacitor/v1/alerts/topics/cpu/handlers';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
  await Promise.all([stopSMTPPeers(), stopMQTTPeers(), stopSNMPPeers(), stopKafkaTestBrokers()]);
});

const installed = new Set(Object.values(handlerKinds).map((k) => k.kind));

/** The host with `config`, the kind's handler `h` and a post handler `other` on topic cpu. */
async function hostWith(
  config: Record<string, unknown>,
  kind: string,
  options: Record<string, unknown>,
): Promise<{ host: Host; other: HTTPReceiver }> {
  const other = await startHTTPReceiver();
  host = await startHost({
    alert: {
      'delivery-attempts': 3,
      'retry-backoff': '10ms',
      'retry-max-backoff': '20ms',
      'delivery-timeout': '20s',
    },
    ...config,
  } as RawTable);
  const created = await host.api('POST', topic, { id: 'h', kind, options });
  expect(created.status, created.text).toBe(200);
  const post = await host.api('POST', topic, { id: 'other', kind: 'post', options: { url: other.url } }); // prettier-ignore
  expect(post.status, post.text).toBe(200);
  return { host, other };
}

function fire(h: Host, id: string, message = `${id} is CRITICAL`): void {
  h.server.alert.collect(
    makeEvent({ topic: 'cpu', state: { id, message, details: 'd', level: Level.CRITICAL } }),
  );
}

type Vars = Record<string, { values: Record<string, number> }>;

async function vars(h: Host): Promise<Vars> {
  const res = await h.api('GET', '/kapacitor/v1/debug/vars');
  expect(res.status).toBe(200);
  return (res.json as { kapacitor: Vars }).kapacitor;
}

/** Wait until the handler has finished with `n` events (sent or failed). */
async function settled(h: Host, n: number): Promise<Record<string, number>> {
  for (;;) {
    const v = (await vars(h))['delivery:cpu/h']?.values;
    if (v && (v.sent ?? 0) + (v.failed ?? 0) >= n) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function failureLog(h: Host, reason: string): LogRecord {
  const rec = h.logs.find(
    (r) => r.handler === 'cpu/h' && r.reason === reason && r.msg.startsWith('failed to deliver'),
  );
  expect(rec, `a log line for cpu/h with reason ${reason}`).toBeDefined();
  expect(rec!.level).toBe('error');
  return rec!;
}

function noSecretLogged(h: Host): void {
  expect(JSON.stringify(h.logs)).not.toContain(secret);
}

if (installed.has('smtp'))
  describe('smtp', () => {
    it('a 554 answer is not retried, is counted as smtp_5xx and logged; the other handler gets every event', async () => {
      const peer = await startSMTPPeer({
        auth: 'any',
        starttls: false,
        reject: () => ({ code: 554, message: 'rejected by policy' }),
      });
      const { host: h, other } = await hostWith(
        {
          smtp: {
            enabled: true,
            host: '127.0.0.1',
            port: peer.port,
            username: 'alerts',
            password: secret,
            from: 'k@example.com',
            to: ['oncall@example.com'],
          },
        },
        'smtp',
        {},
      );
      for (const id of ['e1', 'e2', 'e3']) fire(h, id);
      await other.waitFor(3);
      const counts = await settled(h, 3);
      expect(counts).toMatchObject({ sent: 0, failed: 3, retried: 0, failed_smtp_5xx: 3 });
      expect((await vars(h))[`smtp:127.0.0.1:${peer.port}`]?.values).toMatchObject({ failed_smtp_5xx: 3 }); // prettier-ignore
      expect(failureLog(h, 'smtp-5xx')).toMatchObject({ status: 554, attempts: 1 });
      noSecretLogged(h);
    });

    it('a server down at start, then up, then away and back: failures counted as connection, later mails go', async () => {
      const port = await refusedPort();
      const { host: h, other } = await hostWith(
        { smtp: { enabled: true, host: '127.0.0.1', port, from: 'k@example.com' } },
        'smtp',
        { to: ['oncall@example.com'] },
      );
      fire(h, 'e1');
      await other.waitFor(1);
      expect(await settled(h, 1)).toMatchObject({ failed: 1, retried: 2, failed_connection: 1 });
      failureLog(h, 'connection');
      const peer = await startSMTPPeer({ starttls: false }, port);
      fire(h, 'e2');
      await peer.waitFor(1);
      await peer.stop();
      fire(h, 'e3');
      expect(await settled(h, 3)).toMatchObject({ sent: 1, failed: 2, failed_connection: 2 });
      await peer.start();
      fire(h, 'e4');
      await peer.waitFor(2);
      await other.waitFor(4);
      expect(peer.mails.map((m) => /Subject: (\S+)/.exec(m.raw.toString())?.[1])).toEqual([
        'e2',
        'e4',
      ]);
    });
  });

if (installed.has('mqtt'))
  describe('mqtt', () => {
    it('a broker that refuses the password: counted as mqtt_not_authorized at once, no password logged', async () => {
      const peer = await startMQTTPeer({ auth: { username: 'kap', password: 'the-right-one' } });
      const { host: h, other } = await hostWith(
        {
          mqtt: [{ enabled: true, name: 'main', url: peer.url, username: 'kap', password: secret }],
        },
        'mqtt',
        { topic: 'alerts', qos: 1 },
      );
      for (const id of ['e1', 'e2']) fire(h, id);
      await other.waitFor(2);
      expect(await settled(h, 2)).toMatchObject({ sent: 0, failed: 2, failed_mqtt_not_authorized: 2 }); // prettier-ignore
      expect((await vars(h))['mqtt:main']?.values).toMatchObject({ connected: 0 });
      expect(failureLog(h, 'mqtt-not-authorized').err).toBe(
        'mqtt broker "main" refused the connection: Not authorized',
      );
      noSecretLogged(h);
    });

    it('a broker down at start, then away mid-stream: QoS 1 messages wait and are published, in order, when it is back', async () => {
      const port = await refusedPort();
      const { host: h, other } = await hostWith(
        { mqtt: [{ enabled: true, name: 'main', url: `tcp://127.0.0.1:${port}` }] },
        'mqtt',
        { topic: 'alerts/{{ .ID }}', qos: 1 },
      );
      fire(h, 'e1');
      fire(h, 'e2');
      await other.waitFor(2); // not held up by the broker that is not there
      expect((await vars(h))['delivery:cpu/h']?.values).toMatchObject({ sent: 0, failed: 0 });
      const peer = await startMQTTPeer({}, port);
      await peer.waitFor(2);
      await peer.stop();
      fire(h, 'e3');
      await other.waitFor(3);
      await peer.start();
      await peer.waitFor(3);
      expect(peer.received.map((m) => `${m.topic} ${m.payload.toString()}`)).toEqual([
        'alerts/e1 e1 is CRITICAL',
        'alerts/e2 e2 is CRITICAL',
        'alerts/e3 e3 is CRITICAL',
      ]);
      expect(await settled(h, 3)).toMatchObject({ sent: 3, failed: 0 });
      expect((await vars(h))['mqtt:main']?.values).toMatchObject({ connected: 1, disconnects: 1 });
    });
  });

if (installed.has('snmptrap'))
  describe('snmptrap', () => {
    it('a value that is not a number is invalid-message; a receiver away loses its traps (UDP) and gets the next', async () => {
      const peer = await startSNMPPeer(secret);
      const { host: h, other } = await hostWith(
        { snmptrap: { enabled: true, addr: peer.addr, community: secret } },
        'snmptrap',
        { 'trap-oid': '1.3.6.1.4.1.1', 'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'i', value: '{{ .Message }}' }] }, // prettier-ignore
      );
      fire(h, 'e1', 'not a number');
      fire(h, 'e2', '42');
      await peer.waitFor(1);
      await other.waitFor(2);
      expect(await settled(h, 2)).toMatchObject({ sent: 1, failed: 1, failed_invalid_message: 1 });
      expect(failureLog(h, 'invalid-message')).toMatchObject({ attempts: 1 });
      await peer.stop();
      fire(h, 'e3', '43'); // a v2c trap is not acknowledged: sent, and lost, as in Kapacitor
      expect(await settled(h, 3)).toMatchObject({ sent: 2 });
      await peer.start();
      fire(h, 'e4', '44');
      await peer.waitFor(2);
      await other.waitFor(4);
      expect(peer.traps.map((t) => t.varbinds[2]!.value)).toEqual(['42', '44']);
      noSecretLogged(h);
    });
  });

if (installed.has('kafka'))
  describe('kafka (against the Kafka TEST BROKER)', () => {
    it('LEADER_NOT_AVAILABLE is retried, then counted as kafka_leader_not_available; later records go', async () => {
      const broker = await startKafkaTestBroker({ sasl: { username: 'kap', password: secret } });
      const { host: h, other } = await hostWith(
        {
          kafka: [
            {
              enabled: true,
              id: 'main',
              brokers: [broker.address],
              timeout: '2s',
              'sasl-username': 'kap',
              'sasl-password': secret,
            },
          ],
        },
        'kafka',
        { topic: 'alerts' },
      );
      broker.leaderNotAvailable = true;
      fire(h, 'e1');
      await other.waitFor(1);
      expect(await settled(h, 1)).toMatchObject({ failed: 1, retried: 2, failed_kafka_leader_not_available: 1 }); // prettier-ignore
      expect((await vars(h))['kafka:main:alerts']?.values.write_errors).toBeGreaterThanOrEqual(3);
      failureLog(h, 'kafka-leader-not-available');
      broker.leaderNotAvailable = false;
      fire(h, 'e2');
      await broker.waitFor(1);
      expect(broker.records.map((r) => r.key?.toString())).toEqual(['e2']);
      noSecretLogged(h);
    });

    it('wrong SASL credentials: counted as kafka_auth, no password logged', async () => {
      const broker = await startKafkaTestBroker({ sasl: { username: 'kap', password: 'right' } });
      const { host: h, other } = await hostWith(
        { kafka: [{ enabled: true, id: 'main', brokers: [broker.address], 'sasl-username': 'kap', 'sasl-password': secret }] }, // prettier-ignore
        'kafka',
        { topic: 'alerts' },
      );
      fire(h, 'e1');
      await other.waitFor(1);
      expect(await settled(h, 1)).toMatchObject({ sent: 0, failed: 1, failed_kafka_auth: 1 });
      failureLog(h, 'kafka-auth');
      noSecretLogged(h);
    });

    it('brokers down at start, then up, then away and back: nothing blocks, later records go', async () => {
      const port = await refusedPort();
      const { host: h, other } = await hostWith(
        { kafka: [{ enabled: true, id: 'main', brokers: [`127.0.0.1:${port}`], timeout: '2s' }] },
        'kafka',
        { topic: 'alerts' },
      );
      fire(h, 'e1');
      await other.waitFor(1);
      expect(await settled(h, 1)).toMatchObject({ sent: 0, failed: 1, failed_connection: 1 });
      failureLog(h, 'connection');
      const broker = await startKafkaTestBroker({}, port);
      fire(h, 'e2');
      await broker.waitFor(1);
      await broker.stop();
      fire(h, 'e3');
      await other.waitFor(3);
      expect(await settled(h, 3)).toMatchObject({ sent: 1, failed: 2 });
      await broker.start();
      fire(h, 'e4');
      await broker.waitFor(2);
      expect(broker.records.map((r) => r.key?.toString())).toEqual(['e2', 'e4']);
    });
  });
