// The MQTT transport against a real broker (aedes, in process, on 127.0.0.1): what the broker
// receives (topic, QoS, retain flag, payload bytes), client id and credentials, TLS, and the
// faults: broker down at start, broker restarting with QoS 1 messages waiting, a broker that
// refuses us, the bound on waiting publishes, and a retry that must not publish twice.

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { DeliveryError } from '../../src/delivery/errors.js';
import {
  kapacitorMQTTMessage,
  MQTTBroker,
  mqttTopicTemplate,
  parseQoS,
  type MQTTBrokerOptions,
  type MQTTBrokerSettings,
  type MQTTMessage,
} from '../../src/delivery/mqtt.js';
import { HandlerQueue } from '../../src/delivery/queue.js';
import { memoryLogger } from '../../src/common/logger.js';
import { refusedPort } from '../helpers/receivers.js';
import { mqttSettings, startMQTTPeer, stopMQTTPeers } from '../helpers/mqtt-peer.js';
import { deliveryFailure } from '../helpers/rejection.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));

const brokers: MQTTBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.close()));
  await stopMQTTPeers();
});

function broker(
  settings: Partial<MQTTBrokerSettings> & { url: string },
  options: MQTTBrokerOptions = {},
): MQTTBroker {
  const b = new MQTTBroker(mqttSettings(settings), {
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
    ...options,
  });
  brokers.push(b);
  return b;
}

const msg = (
  topic: string,
  payload: string,
  qos: 0 | 1 | 2 = 1,
  retained = false,
): MQTTMessage => ({
  topic,
  payload: Buffer.from(payload, 'utf8'),
  qos,
  retained,
});

describe("Kapacitor's MQTT message", () => {
  it('parses qos as Kapacitor: 0, 1, 2 and its three names (sic "exactly-one")', () => {
    expect([0, 1, 2].map(parseQoS)).toEqual([0, 1, 2]);
    expect(['at-most-once', 'at-least-once', 'exactly-one'].map(parseQoS)).toEqual([0, 1, 2]);
    expect(() => parseQoS('exactly-once')).toThrow(/spelled "exactly-one"/);
    expect(() => parseQoS(3)).toThrow(DeliveryError);
    expect(() => parseQoS('1')).toThrow(DeliveryError);
  });

  it('publishes the message bytes to the rendered topic', () => {
    const event = makeEvent({
      state: { id: 'id', message: 'CPU über 90%' },
      data: { taskName: 'testAlertHandlers', tags: { host: 'a' } },
    });
    const m = kapacitorMQTTMessage(event, {
      topic: mqttTopicTemplate('test/{{.TaskName}}/{{ index .Tags "host" }}'),
      qos: 1,
      retained: true,
    });
    expect(m).toEqual({
      topic: 'test/testAlertHandlers/a',
      payload: Buffer.from('CPU über 90%', 'utf8'),
      qos: 1,
      retained: true,
    });
  });

  it('refuses a topic that renders empty or with a wildcard, without sending', () => {
    const event = makeEvent({ data: { taskName: '', tags: { t: 'a/#' } } });
    for (const text of ['{{.TaskName}}', 'alerts/{{ index .Tags "t" }}']) {
      let err: unknown;
      try {
        kapacitorMQTTMessage(event, { topic: mqttTopicTemplate(text), qos: 0, retained: false });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as DeliveryError).reason).toBe('invalid-message');
    }
  });
});

describe('MQTTBroker: what the broker receives', () => {
  it('publishes with each QoS and the retain flag, payload bytes exact', async () => {
    const peer = await startMQTTPeer();
    const b = broker({ url: peer.url });
    await b.publish(msg('a/zero', 'q0', 0, false));
    await b.publish(msg('a/one', 'q1 ✓', 1, true));
    await b.publish(msg('a/two', 'q2', 2, false));
    await peer.waitFor(3);
    expect(
      peer.received.map(({ topic, qos, retain, payload }) => [
        topic,
        qos,
        retain,
        payload.toString('utf8'),
      ]),
    ).toEqual([
      ['a/zero', 0, false, 'q0'],
      ['a/one', 1, true, 'q1 ✓'],
      ['a/two', 2, false, 'q2'],
    ]);
    expect(b.metrics.get('published')).toBe(3);
  });

  it('connects with the element name as client id unless client-id is set', async () => {
    const peer = await startMQTTPeer();
    await broker({ url: peer.url, name: 'alerts' }).publish(msg('t', 'x'));
    await broker({ url: peer.url, name: 'other', clientID: 'kapacitor-1' }).publish(msg('t', 'y'));
    expect(peer.clients).toEqual(['alerts', 'kapacitor-1']);
    expect(peer.received.map((r) => r.clientId)).toEqual(['alerts', 'kapacitor-1']);
  });

  it('logs in with username and password', async () => {
    const peer = await startMQTTPeer({ auth: { username: 'kap', password: 'pa55' } });
    await broker({ url: peer.url, username: 'kap', password: 'pa55' }).publish(msg('t', 'x'));
    expect(peer.received).toHaveLength(1);
  });

  it('speaks TLS (ssl://) trusting ssl-ca, or with insecure-skip-verify', async () => {
    const peer = await startMQTTPeer({ tls: true });
    await broker({ url: peer.url, sslCA: fixture('localhost.crt') }).publish(msg('t', 'ca'));
    await broker({ url: peer.url, insecureSkipVerify: true, name: 'insecure' }).publish(
      msg('t', 'skip'),
    );
    expect(peer.received.map((r) => r.payload.toString())).toEqual(['ca', 'skip']);
  });

  it('a certificate the settings do not trust fails at once as tls', async () => {
    const peer = await startMQTTPeer({ tls: true });
    const b = broker({ url: peer.url, sslCA: fixture('other-ca.crt') });
    const err = await deliveryFailure(
      b.publish(msg('t', 'x'), { signal: AbortSignal.timeout(10_000) }),
    );
    expect([err.reason, err.retryable]).toEqual(['tls', false]);
    expect(peer.received).toHaveLength(0);
  });

  it('an ssl-* file that cannot be read is refused when the client is made, naming the key', () => {
    expect(() => broker({ url: 'ssl://127.0.0.1:1', sslCA: '/nonexistent/ca.pem' })).toThrow(
      /^ssl-ca: cannot read "\/nonexistent\/ca.pem"/,
    );
  });
});

describe('MQTTBroker: faults', () => {
  it('broker down at start: the publish waits and is sent when the broker comes up', async () => {
    const port = await refusedPort();
    const b = broker({ url: `tcp://127.0.0.1:${port}` });
    const sending = b.publish(msg('alerts', 'early'), { signal: AbortSignal.timeout(20_000) });
    while (b.metrics.get('reconnects') === 0) await new Promise((r) => setTimeout(r, 5));
    expect(b.connected).toBe(false);
    const peer = await startMQTTPeer({}, port);
    await sending;
    expect(peer.received.map((r) => r.payload.toString())).toEqual(['early']);
  });

  it('broker restarts mid-stream: QoS 1 messages queued while it is away arrive after, in order', async () => {
    const peer = await startMQTTPeer();
    const logger = memoryLogger();
    const b = broker({ url: peer.url }, { logger });
    const queue = new HandlerQueue<string>({
      handlerId: 'test/mqtt',
      itemId: (s) => s,
      deliver: (s, signal) => b.publish(msg('alerts', s, 1), { signal, key: { s } }),
      attemptTimeoutMs: 20_000,
      logger,
    });
    queue.enqueue('m1');
    await queue.idle();
    await peer.stop();
    for (const s of ['m2', 'm3', 'm4', 'm5']) queue.enqueue(s);
    while (b.connected) await new Promise((r) => setTimeout(r, 5));
    expect(queue.length).toBeGreaterThan(0); // waiting, not lost and not failed
    await peer.start();
    await queue.idle();
    expect(peer.received.map((r) => r.payload.toString())).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(peer.received.every((r) => r.qos === 1)).toBe(true);
    expect(queue.metrics.sent).toBe(5);
    expect(queue.metrics.failedTotal).toBe(0);
    expect(logger.records.some((r) => r.msg.includes('unreachable'))).toBe(true);
  });

  it('a broker that refuses us fails at once as mqtt-not-authorized, without the password', async () => {
    const peer = await startMQTTPeer({ auth: { username: 'kap', password: 'right' } });
    const logger = memoryLogger();
    const b = broker({ url: peer.url, username: 'kap', password: 'Wr0ng-pa55word' }, { logger });
    const err = await deliveryFailure(
      b.publish(msg('t', 'x'), { signal: AbortSignal.timeout(10_000) }),
    );
    expect([err.reason, err.retryable]).toEqual(['mqtt-not-authorized', false]);
    expect(err.message).toBe('mqtt broker "test" refused the connection: Not authorized');
    expect(JSON.stringify(logger.records)).not.toContain('Wr0ng-pa55word');
    expect(b.metrics.get('failed_mqtt_not_authorized')).toBe(1);
    // Later publishes fail at once too, until the broker accepts us.
    const again = await deliveryFailure(b.publish(msg('t', 'y')));
    expect(again.reason).toBe('mqtt-not-authorized');
    expect(peer.received).toHaveLength(0);
  });

  it('the attempt deadline ends the wait; nothing stays behind; no password in the logs', async () => {
    const port = await refusedPort();
    const logger = memoryLogger();
    const b = broker({ url: `tcp://kap:Url-Secret@127.0.0.1:${port}` }, { logger });
    const err = await deliveryFailure(
      b.publish(msg('t', 'x'), { signal: AbortSignal.timeout(50) }),
    );
    expect([err.reason, err.retryable]).toEqual(['timeout', true]);
    expect(b.metrics.get('waiting')).toBe(0);
    expect(logger.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.records)).not.toContain('Url-Secret');
  });

  it('a service test does not wait for an absent broker: it fails at once, saying why', async () => {
    const port = await refusedPort();
    const b = broker({ url: `tcp://127.0.0.1:${port}` }, { reconnectMinMs: 60_000 });
    // Sent before the first attempt ends: answered by that attempt, not by the 60 s retry.
    const first = await deliveryFailure(
      b.publish(msg('t', 'x'), { signal: AbortSignal.timeout(20_000), now: true }),
    );
    expect([first.reason, first.retryable]).toEqual(['connection', true]);
    expect(first.message).toMatch(/^mqtt broker "test" is unreachable: .*ECONNREFUSED/);
    // Once the broker is known to be away, at once.
    const again = await deliveryFailure(b.publish(msg('t', 'y'), { now: true }));
    expect(again.message).toBe(first.message);
    expect(b.metrics.get('waiting')).toBe(0);
    // A delivery still waits for it.
    const waiting = b.publish(msg('t', 'z'), { signal: AbortSignal.timeout(100) });
    expect((await deliveryFailure(waiting)).reason).toBe('timeout');
  });

  it('publishes waiting for an absent broker are bounded: beyond, overflow', async () => {
    const port = await refusedPort();
    const b = broker({ url: `tcp://127.0.0.1:${port}` }, { maxWaiting: 2 });
    const controller = new AbortController();
    const waiting = [1, 2].map((i) => b.publish(msg('t', `${i}`), { signal: controller.signal }));
    const err = await deliveryFailure(b.publish(msg('t', '3')));
    expect([err.reason, err.retryable]).toEqual(['overflow', true]);
    controller.abort(new Error('test over'));
    for (const w of waiting) expect((await deliveryFailure(w)).reason).toBe('aborted');
  });

  it('a retry joins a QoS 1 publish still waiting for its PUBACK: published once', async () => {
    const peer = await startMQTTPeer();
    const b = broker({ url: peer.url });
    peer.hold = true;
    const key = {};
    const first = await deliveryFailure(
      b.publish(msg('t', 'once', 1), { key, signal: AbortSignal.timeout(200) }),
    );
    expect(first.reason).toBe('timeout');
    expect(peer.held).toBe(1);
    const retry = b.publish(msg('t', 'once', 1), { key, signal: AbortSignal.timeout(10_000) });
    peer.hold = false;
    peer.release();
    await retry;
    await peer.waitFor(1);
    expect(peer.received.map((r) => r.payload.toString())).toEqual(['once']);
    expect(peer.held).toBe(1);
  });

  it('close fails waiting publishes as aborted and frees the connection', async () => {
    const port = await refusedPort();
    const b = broker({ url: `tcp://127.0.0.1:${port}` });
    const waiting = b.publish(msg('t', 'x'));
    await b.close();
    expect((await deliveryFailure(waiting)).reason).toBe('aborted');
    expect((await deliveryFailure(b.publish(msg('t', 'y')))).reason).toBe('aborted');
  });
});
