// Faults of the mqtt kind through the running host (test/helpers/kind-faults.ts): a broker that
// refuses the password, and one down at start, then away mid-stream.

import { describe, expect, it } from 'vitest';
import { kindFaults } from '../helpers/kind-faults.js';
import { startMQTTPeer } from '../helpers/mqtt-peer.js';
import { refusedPort } from '../helpers/receivers.js';

const { hostWith, fire, vars, settled, failureLog, noSecretLogged, secret } = kindFaults();

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
