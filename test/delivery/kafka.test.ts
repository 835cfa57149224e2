// The Kafka transport. NO KAFKA BROKER CAN RUN ON THESE MACHINES: these tests talk to a
// protocol-level TEST BROKER (test/helpers/kafka-test-broker.ts) that speaks ApiVersions,
// Metadata, Produce (record batches, CRC-32C checked) and SASL PLAIN over a real TCP/TLS
// socket on 127.0.0.1. The producer is the production code, unchanged (kafkajs underneath).
// Covered: Kapacitor's partition hashes, the record bytes, client id, batching, TLS, SASL,
// and the faults: broker down at start, gone and back, LEADER_NOT_AVAILABLE, the bounded
// buffer, withdrawn records and a retry that must not produce twice.

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import {
  KafkaCluster,
  kafkaValueTemplate,
  kapacitorKafkaRecord,
  partitioningOf,
  type KafkaClusterOptions,
  type KafkaClusterSettings,
  type KafkaRecord,
  type Partitioning,
} from '../../src/delivery/kafka.js';
import {
  crc32,
  fnv1a,
  murmur2,
  murmur3,
  partitionFor,
  partitionIndex,
} from '../../src/delivery/kafka-partition.js';
import { SettingsError } from '../../src/delivery/errors.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';
import { refusedPort } from '../helpers/receivers.js';
import {
  kafkaSettings,
  startKafkaTestBroker,
  stopKafkaTestBrokers,
} from '../helpers/kafka-test-broker.js';
import { deliveryFailure } from '../helpers/rejection.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));

const clusters: KafkaCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close(0)));
  await stopKafkaTestBrokers();
});

function cluster(
  settings: Partial<KafkaClusterSettings> & { brokers: string[] },
  options: KafkaClusterOptions = {},
): KafkaCluster {
  const c = new KafkaCluster(kafkaSettings({ timeoutMs: 5_000, ...settings }), options);
  clusters.push(c);
  return c;
}

const record = (
  key: string,
  value: string,
  topic = 'test',
  partitioning: Partitioning = 'crc32',
): KafkaRecord => ({ topic, key: Buffer.from(key), value: Buffer.from(value), partitioning });

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('partition hashes (Kapacitor hash_test.go facts and reference vectors)', () => {
  it('crc32: the partitions Kapacitor computes for 1000 partitions', () => {
    const got = ['hello', 'hello2', 'hello3', 'hello4', 'hello5'].map((k) =>
      partitionIndex('crc32', bytes(k), 1000),
    );
    expect(got).toEqual([870, 502, 592, 787, 413]);
    expect(partitionIndex('crc32', bytes('hello5'), 1)).toBe(0);
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
  });

  it('crc32: an empty key gets a random partition (librdkafka treats it as unset)', () => {
    expect(partitionIndex('crc32', bytes(''), 10, () => 0.75)).toBe(7);
    expect(partitionIndex('crc32', bytes(''), 10, () => 0.05)).toBe(0);
  });

  it("murmur2: Kapacitor's partitions and the Java client's hash values", () => {
    const got = ['hello', 'hello2', 'hello3', 'hello4', 'hello5', ''].map((k) =>
      partitionIndex('murmur2', bytes(k), 1000),
    );
    expect(got).toEqual([229, 907, 759, 299, 841, 681]);
    const java: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [s, h] of java) expect(murmur2(bytes(s)) | 0).toBe(h);
  });

  it('murmur3 and fnv-1a match their reference vectors; sarama takes |int32(h) % n|', () => {
    expect(murmur3(bytes(''))).toBe(0);
    expect(murmur3(bytes('hello'))).toBe(0x248bfa47);
    expect(murmur3(bytes('hello, world'))).toBe(0x149bbb7f);
    expect(murmur3(bytes('The quick brown fox jumps over the lazy dog.'))).toBe(0xd5c48bfc);
    expect(murmur3(bytes(''), 1)).toBe(0x514e28b7);
    expect(fnv1a(bytes(''))).toBe(0x811c9dc5);
    expect(fnv1a(bytes('a'))).toBe(0xe40c292c);
    expect(fnv1a(bytes('foobar'))).toBe(0xbf9cf968);
    // fnv1a("foobar") = 0xbf9cf968 is negative as int32: -1080231576 % 7 = -4 → 4.
    expect(partitionIndex('fnv-1a', bytes('foobar'), 7)).toBe(4);
    expect(partitionIndex('murmur3', bytes('hello'), 7)).toBe(0x248bfa47 % 7);
  });

  it("hashes over the partitions sorted by id (Kapacitor's test broker has ids 1, 2, 3)", () => {
    expect(partitionFor('crc32', bytes('id'), [3, 1, 2])).toBe(3);
    expect(partitionFor('crc32', bytes('kapacitor/cpu/serverA'), [1, 2, 3])).toBe(2);
  });

  it('maps the handler options to a partitioning', () => {
    expect(partitioningOf('', false)).toBe('crc32');
    expect(partitioningOf('murmur2', false)).toBe('murmur2');
    expect(partitioningOf('crc32', true)).toBe('none');
  });
});

describe("Kapacitor's Kafka record", () => {
  const event = makeEvent({ state: { id: 'kapacitor/cpu/serverA', message: 'is CRITICAL' } });

  it('keys by the event id; the value is the AlertData JSON and a newline by default', () => {
    const r = kapacitorKafkaRecord(event, {
      topic: 't',
      value: kafkaValueTemplate(''),
      partitioning: 'crc32',
    });
    expect(r.key.toString()).toBe('kapacitor/cpu/serverA');
    expect(r.value.toString()).toMatch(
      /^\{"id":"kapacitor\/cpu\/serverA","message":"is CRITICAL",.*\}\n$/,
    );
  });

  it('or the template over AlertData, exactly as rendered', () => {
    const r = kapacitorKafkaRecord(event, {
      topic: 't',
      value: kafkaValueTemplate('{{.Message}}'),
      partitioning: 'crc32',
    });
    expect(r.value.toString()).toBe('is CRITICAL');
  });

  it('refuses an empty topic', () => {
    expect(() =>
      kapacitorKafkaRecord(event, {
        topic: '',
        value: kafkaValueTemplate(''),
        partitioning: 'crc32',
      }),
    ).toThrow(/topic must not be empty/);
  });
});

describe('KafkaCluster against the test broker', () => {
  it('produces key and value bytes to the hashed partition, client id = cluster id, acks 1', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address], id: 'alerts' });
    for (const how of ['crc32', 'murmur2', 'murmur3', 'fnv-1a'] as const) {
      await c.produce(record(`key-${how}`, `value ✓ ${how}`, 'topicA', how));
    }
    expect(broker.errors).toEqual([]);
    expect(
      broker.records.map((r) => [
        r.clientId,
        r.topic,
        r.key?.toString(),
        r.value?.toString(),
        r.partition,
        r.acks,
      ]),
    ).toEqual(
      (['crc32', 'murmur2', 'murmur3', 'fnv-1a'] as const).map((how) => [
        'alerts',
        'topicA',
        `key-${how}`,
        `value ✓ ${how}`,
        partitionFor(how, bytes(`key-${how}`), [1, 2, 3]),
        1,
      ]),
    );
    expect(c.metricsFor('topicA').get('write_messages')).toBe(4);
  });

  it('without partitioning by id, spreads records over the partitions', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] });
    for (let i = 0; i < 6; i++) await c.produce(record('same-key', `v${i}`, 'test', 'none'));
    expect(new Set(broker.records.map((r) => r.partition))).toEqual(new Set([1, 2, 3]));
  });

  it('batches records offered together into one request, at most batch-size each', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address], batchSize: 4 });
    await c.produce(record('warm-up', 'x')); // connect and load metadata first
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.produce(record(`k${i}`, `v${i}`))));
    expect(broker.batches.slice(1).every((n) => n <= 4)).toBe(true);
    expect(broker.batches.slice(1).reduce((a, b) => a + b, 0)).toBe(10);
    expect(broker.batches.length - 1).toBeLessThanOrEqual(4);
    expect(broker.records).toHaveLength(11);
  });

  it('while a request is out, a record leaves after batch-timeout rather than waiting for it', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address], batchTimeoutMs: 20 });
    await c.produce(record('warm-up', 'x'));
    broker.hold = true;
    const first = c.produce(record('a', '1'));
    await until(() => broker.produceRequests === 2);
    const second = c.produce(record('b', '2'));
    await until(() => broker.produceRequests === 3); // sent although the first is unanswered
    broker.hold = false;
    broker.release();
    await Promise.all([first, second]);
  });

  it('speaks TLS trusting ssl-ca, and fails a certificate it does not trust as tls', async () => {
    const broker = await startKafkaTestBroker({ tls: true });
    await cluster({
      brokers: [broker.address],
      useSSL: true,
      sslCA: fixture('localhost.crt'),
    }).produce(record('k', 'over tls'));
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['over tls']);
    const err = await deliveryFailure(
      cluster({ brokers: [broker.address], useSSL: true, sslCA: fixture('other-ca.crt') }).produce(
        record('k', 'x'),
      ),
    );
    expect([err.reason, err.retryable]).toEqual(['tls', false]);
  });

  it('authenticates with SASL PLAIN; wrong credentials are kafka-auth without the password', async () => {
    const broker = await startKafkaTestBroker({ sasl: { username: 'kap', password: 'right-pw' } });
    await cluster({
      brokers: [broker.address],
      saslUsername: 'kap',
      saslPassword: 'right-pw',
    }).produce(record('k', 'authenticated'));
    expect(broker.records).toHaveLength(1);
    const err = await deliveryFailure(
      cluster({
        brokers: [broker.address],
        saslUsername: 'kap',
        saslPassword: 'Wr0ng-Secret',
      }).produce(record('k', 'x')),
    );
    expect([err.reason, err.retryable]).toEqual(['kafka-auth', false]);
    expect(err.message).not.toContain('Wr0ng-Secret');
  });

  it('refuses settings it cannot use, naming the key', () => {
    expect(() => new KafkaCluster(kafkaSettings({ brokers: [] }))).toThrow(SettingsError);
    expect(
      () => new KafkaCluster(kafkaSettings({ brokers: ['b:9092'], saslMechanism: 'GSSAPI' })),
    ).toThrow(/^sasl-mechanism: "GSSAPI" is not supported/);
    expect(
      () =>
        new KafkaCluster(kafkaSettings({ brokers: ['b:9092'], useSSL: true, sslCert: '/x.pem' })),
    ).toThrow(/^ssl-key: must be set together with ssl-cert/);
  });
});

describe('KafkaCluster: faults', () => {
  it('broker down at start: a retryable connection failure; once it is up, records go', async () => {
    const port = await refusedPort();
    const registry = new DeliveryMetricsRegistry();
    const c = cluster({ brokers: [`127.0.0.1:${port}`] }, { metrics: registry });
    const err = await deliveryFailure(c.produce(record('k', 'early')));
    expect([err.reason, err.retryable]).toEqual(['connection', true]);
    const broker = await startKafkaTestBroker({}, port);
    await c.produce(record('k', 'later'));
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['later']);
    expect(registry.snapshot()['kafka:default:test']?.values).toMatchObject({
      write_messages: 1,
      write_errors: 1,
      failed_connection: 1,
    });
  });

  it('broker goes away mid-stream and comes back: the producer reconnects', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] });
    await c.produce(record('k', 'before'));
    await broker.stop();
    const err = await deliveryFailure(c.produce(record('k', 'while away')));
    expect(err.retryable).toBe(true);
    await broker.start();
    await c.produce(record('k', 'after'));
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['before', 'after']);
  });

  it('LEADER_NOT_AVAILABLE is kafka-leader-not-available, retryable; it passes when a leader is back', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] });
    broker.leaderNotAvailable = true;
    const err = await deliveryFailure(c.produce(record('k', 'no leader')));
    expect([err.reason, err.retryable]).toEqual(['kafka-leader-not-available', true]);
    expect(c.metricsFor('test').get('failed_kafka_leader_not_available')).toBe(1);
    broker.leaderNotAvailable = false;
    await c.produce(record('k', 'leader back'));
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['leader back']);
  });

  it('the buffer is bounded: beyond it, overflow (counted), nothing blocks', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] }, { maxBuffered: 2, maxInFlight: 1 });
    await c.produce(record('warm-up', 'x'));
    broker.hold = true;
    // One key, so one partition: the order is kept (Kafka orders within a partition).
    const out = c.produce(record('k', '1')); // on its way, unanswered
    await until(() => broker.produceRequests === 2);
    const buffered = [c.produce(record('k', '2')), c.produce(record('k', '3'))];
    const err = await deliveryFailure(c.produce(record('k', '4')));
    expect([err.reason, err.retryable]).toEqual(['overflow', true]);
    expect(c.metricsFor('test').get('dropped')).toBe(1);
    broker.hold = false;
    broker.release();
    await Promise.all([out, ...buffered]);
    expect(broker.records.map((r) => r.value?.toString()).slice(1)).toEqual(['1', '2', '3']);
  });

  it('a record whose deadline passes while buffered is withdrawn, never sent', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] }, { maxInFlight: 1 });
    await c.produce(record('warm-up', 'x'));
    broker.hold = true;
    const out = c.produce(record('a', 'sent'));
    await until(() => broker.produceRequests === 2);
    const err = await deliveryFailure(
      c.produce(record('b', 'withdrawn'), { signal: AbortSignal.timeout(30) }),
    );
    expect(err.reason).toBe('timeout');
    expect(c.buffered).toBe(0);
    broker.hold = false;
    broker.release();
    await out;
    await c.idle();
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['x', 'sent']);
  });

  it('a retry joins a record already sent and not yet acknowledged: produced once', async () => {
    const broker = await startKafkaTestBroker();
    const c = cluster({ brokers: [broker.address] });
    await c.produce(record('warm-up', 'x'));
    broker.hold = true;
    const key = {};
    const first = await deliveryFailure(
      c.produce(record('k', 'once'), { key, signal: AbortSignal.timeout(100) }),
    );
    expect(first.reason).toBe('timeout');
    expect(broker.produceRequests).toBe(2);
    const retry = c.produce(record('k', 'once'), { key });
    broker.hold = false;
    broker.release();
    await retry;
    expect(broker.produceRequests).toBe(2);
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['x', 'once']);
  });

  it('close sends what is buffered first, then refuses', async () => {
    const broker = await startKafkaTestBroker();
    const c = new KafkaCluster(kafkaSettings({ brokers: [broker.address] }));
    const pending = c.produce(record('k', 'last'));
    await c.close();
    await pending;
    expect(broker.records.map((r) => r.value?.toString())).toEqual(['last']);
    expect((await deliveryFailure(c.produce(record('k', 'x')))).reason).toBe('aborted');
  });
});
