// The four transports behind the per-handler delivery queue, as the host runs handlers: a peer
// answering with an error (SMTP 5xx, MQTT not authorised, Kafka LEADER_NOT_AVAILABLE) or away
// never blocks another handler, failures are counted by reason in the stats that
// /kapacitor/v1/debug/vars shows, and the log line names the handler and the reason without
// a secret. Kafka runs against the protocol-level TEST BROKER (no Kafka broker can run here).

import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger, type LogRecord } from '../../src/common/logger.js';
import { sendHTTP } from '../../src/delivery/http.js';
import { KafkaCluster } from '../../src/delivery/kafka.js';
import { kapacitorMail } from '../../src/delivery/mail-format.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';
import { MQTTBroker } from '../../src/delivery/mqtt.js';
import { HandlerQueue, type DeliverFn } from '../../src/delivery/queue.js';
import { SMTPMailer } from '../../src/delivery/smtp.js';
import { SNMPTrapSender } from '../../src/delivery/snmptrap.js';
import {
  kafkaSettings,
  startKafkaTestBroker,
  stopKafkaTestBrokers,
} from '../helpers/kafka-test-broker.js';
import { mqttSettings, startMQTTPeer, stopMQTTPeers } from '../helpers/mqtt-peer.js';
import { closeAll, refusedPort, startHTTPReceiver } from '../helpers/receivers.js';
import { startSMTPPeer, stopSMTPPeers } from '../helpers/smtp-peer.js';
import { startSNMPPeer, stopSNMPPeers } from '../helpers/snmp-peer.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await Promise.all([stopSMTPPeers(), stopMQTTPeers(), stopSNMPPeers(), stopKafkaTestBrokers()]);
  await closeAll();
});

const secret = 'T0p-Secret-Value';

interface Rig {
  registry: DeliveryMetricsRegistry;
  records: LogRecord[];
  queue(handlerId: string, deliver: DeliverFn<string>, attempts?: number): HandlerQueue<string>;
}

function rig(): Rig {
  const registry = new DeliveryMetricsRegistry();
  const logger = memoryLogger();
  return {
    registry,
    records: logger.records,
    queue(handlerId, deliver, attempts = 3) {
      const q = new HandlerQueue<string>({
        handlerId,
        deliver,
        itemId: (s) => s,
        logger: logger.child({ service: 'alert' }),
        metrics: registry.forHandler(handlerId),
        attemptTimeoutMs: 10_000,
        retryPolicy: { maxAttempts: attempts, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5 },
      });
      closers.push(() => q.close({ deadlineMs: 0 }));
      return q;
    },
  };
}

/** Another handler's queue posting to a working HTTP receiver: it must finish regardless. */
async function otherHandler(r: Rig, events: number): Promise<() => Promise<number>> {
  const rx = await startHTTPReceiver();
  const q = r.queue('other/http', (item, signal) =>
    sendHTTP({ url: rx.url, body: item, signal, isSuccess: (s) => s === 200 }),
  );
  for (let i = 0; i < events; i++) q.enqueue(`h${i}`);
  return async () => {
    await rx.waitFor(events);
    return rx.received.length;
  };
}

function failureLog(records: LogRecord[], handler: string): LogRecord {
  const rec = records.find(
    (x) => x.handler === handler && x.level === 'error' && x.reason !== undefined,
  );
  expect(rec, `a failure log line for ${handler}`).toBeDefined();
  return rec!;
}

describe('faults behind the delivery queue', () => {
  it('SMTP 5xx: not retried, counted as smtp_5xx, logged with handler and reason, no password', async () => {
    const r = rig();
    const peer = await startSMTPPeer({
      auth: { username: 'alerts', password: secret },
      reject: () => ({ code: 554, message: 'rejected by policy' }),
    });
    const mailer = new SMTPMailer(
      {
        host: '127.0.0.1',
        port: peer.port,
        username: 'alerts',
        password: secret,
        noVerify: true,
        idleTimeoutMs: 30_000,
      },
      { metrics: r.registry },
    );
    closers.push(() => mailer.close());
    const mail = r.queue('alerts/mail', (subject, signal) =>
      mailer.send(
        kapacitorMail({ from: 'k@example.com', to: ['o@example.com'], subject, html: 'b' }),
        signal,
      ),
    );
    const other = await otherHandler(r, 3);
    mail.enqueue('e1');
    mail.enqueue('e2');
    expect(await other()).toBe(3);
    await mail.idle();
    const vars = r.registry.snapshot();
    expect(vars['delivery:alerts/mail']?.values).toMatchObject({
      sent: 0,
      failed: 2,
      retried: 0,
      failed_smtp_5xx: 2,
    });
    expect(vars[`smtp:127.0.0.1:${peer.port}`]?.values).toMatchObject({ failed_smtp_5xx: 2 });
    const log = failureLog(r.records, 'alerts/mail');
    expect(log).toMatchObject({ event: 'e1', reason: 'smtp-5xx', status: 554 });
    expect(log.msg).toBe('failed to deliver event "e1" to handler');
    expect(String(log.err)).toMatch(/554/);
    expect(JSON.stringify(r.records)).not.toContain(secret);
  });

  it('MQTT not authorised: fails at once, counted as mqtt_not_authorized, no password logged', async () => {
    const r = rig();
    const peer = await startMQTTPeer({ auth: { username: 'kap', password: 'the-right-one' } });
    const logger = memoryLogger(r.records);
    const broker = new MQTTBroker(
      mqttSettings({ name: 'main', url: peer.url, username: 'kap', password: secret }),
      { metrics: r.registry, logger, reconnectMinMs: 50 },
    );
    closers.push(() => broker.close());
    const q = r.queue('alerts/mqtt', (item, signal) =>
      broker.publish(
        { topic: 'alerts', payload: Buffer.from(item), qos: 1, retained: false },
        { signal },
      ),
    );
    const other = await otherHandler(r, 3);
    q.enqueue('e1');
    expect(await other()).toBe(3);
    await q.idle();
    const vars = r.registry.snapshot();
    expect(vars['delivery:alerts/mqtt']?.values).toMatchObject({
      failed: 1,
      failed_mqtt_not_authorized: 1,
    });
    expect(vars['mqtt:main']?.values).toMatchObject({
      failed_mqtt_not_authorized: 1,
      connected: 0,
    });
    expect(failureLog(r.records, 'alerts/mqtt')).toMatchObject({
      reason: 'mqtt-not-authorized',
      err: 'mqtt broker "main" refused the connection: Not authorized',
    });
    expect(JSON.stringify(r.records)).not.toContain(secret);
  });

  it('MQTT broker away: its events wait in their queue while other handlers deliver', async () => {
    const r = rig();
    const port = await refusedPort();
    const broker = new MQTTBroker(mqttSettings({ name: 'main', url: `tcp://127.0.0.1:${port}` }), {
      metrics: r.registry,
      reconnectMinMs: 20,
      reconnectMaxMs: 50,
    });
    closers.push(() => broker.close());
    const q = r.queue('alerts/mqtt', (item, signal) =>
      broker.publish(
        { topic: 'alerts', payload: Buffer.from(item), qos: 1, retained: false },
        { signal },
      ),
    );
    for (const e of ['e1', 'e2', 'e3']) expect(q.enqueue(e)).toBe(true); // never blocks
    const other = await otherHandler(r, 5);
    expect(await other()).toBe(5);
    expect(q.metrics.sent + q.metrics.failedTotal).toBe(0);
    const peer = await startMQTTPeer({}, port);
    await q.idle();
    expect(peer.received.map((m) => m.payload.toString())).toEqual(['e1', 'e2', 'e3']);
  });

  it('Kafka LEADER_NOT_AVAILABLE: retried, then counted as kafka_leader_not_available; later events go', async () => {
    const r = rig();
    const broker = await startKafkaTestBroker({ sasl: { username: 'kap', password: secret } });
    const logger = memoryLogger(r.records);
    const cluster = new KafkaCluster(
      kafkaSettings({
        id: 'main',
        brokers: [broker.address],
        timeoutMs: 2_000,
        saslUsername: 'kap',
        saslPassword: secret,
        saslMechanism: 'PLAIN',
      }),
      { metrics: r.registry, logger, clientRetries: 0 },
    );
    closers.push(() => cluster.close(0));
    const q = r.queue('alerts/kafka', (item, signal) =>
      cluster.produce(
        {
          topic: 'alerts',
          key: Buffer.from(item),
          value: Buffer.from(item),
          partitioning: 'crc32',
        },
        { signal, key: { item } },
      ),
    );
    broker.leaderNotAvailable = true;
    const other = await otherHandler(r, 3);
    q.enqueue('e1');
    expect(await other()).toBe(3);
    await q.idle();
    expect(r.registry.snapshot()['delivery:alerts/kafka']?.values).toMatchObject({
      failed: 1,
      retried: 2,
      failed_kafka_leader_not_available: 1,
    });
    expect(r.registry.snapshot()['kafka:main:alerts']?.values).toMatchObject({ write_errors: 3 });
    expect(failureLog(r.records, 'alerts/kafka')).toMatchObject({
      event: 'e1',
      attempts: 3,
      reason: 'kafka-leader-not-available',
    });
    broker.leaderNotAvailable = false;
    q.enqueue('e2');
    await q.idle();
    expect(broker.records.map((x) => x.value?.toString())).toEqual(['e2']);
    expect(JSON.stringify(r.records)).not.toContain(secret);
  });

  it('SNMP: a value that is not a number is invalid-message, logged; the next trap goes', async () => {
    const r = rig();
    const peer = await startSNMPPeer(secret);
    const sender = new SNMPTrapSender(
      { addr: peer.addr, community: secret, retries: 1 },
      { metrics: r.registry },
    );
    closers.push(() => sender.close());
    const q = r.queue('alerts/snmp', (value, signal) =>
      sender.send('1.3.6.1.4.1.1', [{ oid: '1.3.6.1.4.1.1.1', type: 'i', value }], signal),
    );
    q.enqueue('not-a-number');
    q.enqueue('42');
    await q.idle();
    await peer.waitFor(1);
    expect(peer.traps[0]!.varbinds[2]).toEqual({
      oid: '1.3.6.1.4.1.1.1',
      type: 'Integer',
      value: '42',
    });
    expect(r.registry.snapshot()['delivery:alerts/snmp']?.values).toMatchObject({
      sent: 1,
      failed: 1,
      failed_invalid_message: 1,
    });
    expect(failureLog(r.records, 'alerts/snmp')).toMatchObject({
      reason: 'invalid-message',
      attempts: 1,
    });
    expect(JSON.stringify(r.records)).not.toContain(secret);
  });
});
