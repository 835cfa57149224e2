// Faults of the kafka kind through the running host (test/helpers/kind-faults.ts):
// LEADER_NOT_AVAILABLE, wrong SASL credentials, and brokers down at start, then up, then away and
// back (against the Kafka TEST BROKER, a protocol-level test double: no Kafka broker can run on
// these machines).

import { describe, expect, it } from 'vitest';
import { kindFaults } from '../helpers/kind-faults.js';
import { startKafkaTestBroker } from '../helpers/kafka-test-broker.js';
import { refusedPort } from '../helpers/receivers.js';

const { hostWith, fire, vars, settled, failureLog, noSecretLogged, secret } = kindFaults();

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
