// Faults of the snmptrap kind through the running host (test/helpers/kind-faults.ts): a value
// that is not a number, and a receiver away (UDP: its traps are lost).

import { describe, expect, it } from 'vitest';
import { kindFaults } from '../helpers/kind-faults.js';
import { startSNMPPeer } from '../helpers/snmp-peer.js';

const { hostWith, fire, settled, failureLog, noSecretLogged, secret } = kindFaults();

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
