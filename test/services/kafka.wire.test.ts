// The kafka kind's partitioning through a real host, against the Kafka TEST BROKER (a
// protocol-level test double: no Kafka broker can run on these machines; the producer is the
// production one). Records of one alert ID always go to one partition, chosen by a hash of the
// ID (crc32 by default, as Kapacitor; murmur2 picks by its own hash), while
// `disablePartitionById` spreads them round robin over every partition. The generated test
// cannot show this (round robin starts anywhere), so it is checked here. The value is the
// AlertData JSON, or the template's output when one is given (AlertData fields).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { partitionFor } from '../../src/delivery/kafka-partition.js';
import { startHost, type Host } from '../helpers/host.js';
import {
  startKafkaTestBroker,
  stopKafkaTestBrokers,
  type KafkaTestBroker,
} from '../helpers/kafka-test-broker.js';

let host: Host;
let broker: KafkaTestBroker;
const partitions = [1, 2, 3, 4, 5];
beforeAll(async () => {
  broker = await startKafkaTestBroker({ partitions });
  host = await startHost({ kafka: [{ enabled: true, id: 'main', brokers: [broker.address] }] });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await stopKafkaTestBrokers();
});

let topics = 0;
/** Records of `count` events with one ID through a handler with `options`. */
async function produce(options: Record<string, unknown>, count: number, id = 'cpu.serverA') {
  topics += 1;
  const topic = `t${topics}`;
  const res = await host.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, {
    id: 'h',
    kind: 'kafka',
    options: { topic: `records-${topics}`, ...options },
  });
  expect(res.status, res.text).toBe(200);
  const before = broker.records.length;
  for (let i = 0; i < count; i++) {
    host.server.alert.collect(
      makeEvent({ topic, state: { id, message: `m${i}`, level: Level.CRITICAL } }),
    );
  }
  await broker.waitFor(before + count);
  return broker.records.slice(before);
}

describe('kafka partitions (against the Kafka TEST BROKER)', () => {
  it("sends every record of an alert ID to the partition Kapacitor's crc32 picks", async () => {
    const records = await produce({}, 5);
    const want = partitionFor('crc32', Buffer.from('cpu.serverA'), partitions, Math.random);
    expect(records.map((r) => r.partition)).toEqual([want, want, want, want, want]);
    expect(records.map((r) => r.key?.toString())).toEqual(Array(5).fill('cpu.serverA'));
  });

  it('hashes with the partition algorithm a handler names', async () => {
    const records = await produce({ partitionAlgorithm: 'murmur2' }, 2);
    const want = partitionFor('murmur2', Buffer.from('cpu.serverA'), partitions, Math.random);
    expect(records.map((r) => r.partition)).toEqual([want, want]);
  });

  it('spreads the records of one alert ID over every partition with disablePartitionById', async () => {
    const records = await produce({ disablePartitionById: true }, partitions.length);
    expect(new Set(records.map((r) => r.partition))).toEqual(new Set(partitions));
    // The key is still the alert ID.
    expect(records.map((r) => r.key?.toString())).toEqual(Array(partitions.length).fill('cpu.serverA')); // prettier-ignore
  });

  it('sends the AlertData JSON, or the template output over AlertData', async () => {
    const [json] = await produce({}, 1);
    expect(JSON.parse(json!.value!.toString())).toMatchObject({
      id: 'cpu.serverA',
      message: 'm0',
      level: 'CRITICAL',
      previousLevel: 'OK',
    });
    expect(json!.value!.toString().endsWith('}\n')).toBe(true);
    const [templated] = await produce({ template: '{{ .ID }} {{ .Level }} was {{ .PreviousLevel }}' }, 1); // prettier-ignore
    expect(templated!.value!.toString()).toBe('cpu.serverA CRITICAL was OK');
  });
});
