// The SNMP trap transport against a real trap receiver (net-snmp's Receiver on 127.0.0.1):
// the v2c trap's community and varbinds with their types, Kapacitor's number parsing, bad
// input refused before sending, and the receiver down, gone and back (UDP: unacknowledged).

import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';
import {
  SNMPTrapSender,
  trapDataTemplates,
  trapVarbinds,
  type TrapData,
} from '../../src/delivery/snmptrap.js';
import { freeUDPPort, startSNMPPeer, stopSNMPPeers } from '../helpers/snmp-peer.js';
import { deliveryFailure } from '../helpers/rejection.js';

const senders: SNMPTrapSender[] = [];
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.close()));
  await stopSNMPPeers();
});

function sender(
  addr: string,
  community = 'public',
  registry?: DeliveryMetricsRegistry,
): SNMPTrapSender {
  const s = new SNMPTrapSender({ addr, community, retries: 1 }, { metrics: registry });
  senders.push(s);
  return s;
}

describe('SNMPTrapSender: the trap', () => {
  it('sends a v2c trap with the community, sysUpTime 1000, the trap OID, then the data in order', async () => {
    const peer = await startSNMPPeer('kapacitor');
    await sender(peer.addr, 'kapacitor').send('1.1.2', [
      { oid: '1.1.2.1', type: 's', value: 'message' },
      { oid: '.1.1.2.2', type: 's', value: 'CRITICAL' },
    ]);
    await peer.waitFor(1);
    expect(peer.traps[0]).toEqual({
      pduType: 'TrapV2',
      community: 'kapacitor',
      varbinds: [
        { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: '1000' },
        { oid: '1.3.6.1.6.3.1.1.4.1.0', type: 'OID', value: '1.1.2' },
        { oid: '1.1.2.1', type: 'OctetString', value: 'message' },
        { oid: '1.1.2.2', type: 'OctetString', value: 'CRITICAL' },
      ],
    });
  });

  it('types c, i, n, s, t as Counter64, Integer, Null, OctetString, TimeTicks', async () => {
    const peer = await startSNMPPeer('public');
    await sender(peer.addr).send('1.1.1', [
      { oid: '1.1.1.2', type: 'c', value: '1' },
      { oid: '1.1.2.3', type: 'i', value: '-10' },
      { oid: '1.1.2.3', type: 'n', value: 'ignored' },
      { oid: '1.1.2.3', type: 't', value: '20000' },
      { oid: '1.1.2.3', type: 's', value: 'Température ✓' },
    ]);
    await peer.waitFor(1);
    expect(peer.traps[0]!.varbinds.slice(2)).toEqual([
      { oid: '1.1.1.2', type: 'Counter64', value: '1' },
      { oid: '1.1.2.3', type: 'Integer', value: '-10' },
      { oid: '1.1.2.3', type: 'Null', value: '' },
      { oid: '1.1.2.3', type: 'TimeTicks', value: '20000' },
      { oid: '1.1.2.3', type: 'OctetString', value: 'Température ✓' },
    ]);
  });

  it('converts numbers as Go does: Integer32 and TimeTicks wrap to 32 bits, Counter64 to 64', async () => {
    const peer = await startSNMPPeer('public');
    await sender(peer.addr).send('1.1.1', [
      { oid: '1.1.1.1', type: 'c', value: '-1' },
      { oid: '1.1.1.2', type: 'c', value: '9223372036854775807' },
      { oid: '1.1.1.3', type: 'i', value: '2147483648' },
      { oid: '1.1.1.4', type: 't', value: '-1' },
      { oid: '1.1.1.5', type: 'c', value: '+0' },
    ]);
    await peer.waitFor(1);
    expect(peer.traps[0]!.varbinds.slice(2).map((v) => v.value)).toEqual([
      '18446744073709551615',
      '9223372036854775807',
      '-2147483648',
      '4294967295',
      '0',
    ]);
  });

  it('refuses before sending: a bad trap OID, a bad data OID, an unsupported type, a bad number', async () => {
    const peer = await startSNMPPeer('public');
    const s = sender(peer.addr);
    const cases: [string, TrapData[], RegExp][] = [
      ['1.x.2', [], /invalid trap Oid "1\.x\.2"/],
      ['1.1', [{ oid: '1', type: 's', value: 'v' }], /invalid data Oid "1"/],
      [
        '1.1',
        [{ oid: '1.1', type: 'a' as 's', value: '10.0.0.1' }],
        /"a" \(IP address\) is not supported/,
      ],
      ['1.1', [{ oid: '1.1', type: 'i', value: '12abc' }], /parsing "12abc": invalid syntax/],
      ['1.1', [{ oid: '1.1', type: 'c', value: '99999999999999999999' }], /value out of range/],
    ];
    for (const [trapOID, data, message] of cases) {
      const err = await deliveryFailure(s.send(trapOID, data));
      expect([err.reason, err.retryable]).toEqual(['invalid-message', false]);
      expect(err.message).toMatch(message);
    }
    expect(s.metrics.get('failed_invalid_message')).toBe(cases.length);
    // Nothing reached the receiver; a good trap still does.
    await s.send('1.1', []);
    await peer.waitFor(1);
    expect(peer.traps).toHaveLength(1);
  });

  it('renders data values as templates over the event, only where they have an action', () => {
    const event = makeEvent({
      state: { message: 'm', details: 'here/cpu' },
      data: { name: 'cpu' },
    });
    const data = trapDataTemplates([
      { oid: '1.1.1.2', type: 'c', value: '1' },
      { oid: '1.1.1.2', type: 's', value: '{{.Message}}' },
      { oid: '1.1.2.3', type: 's', value: '{{ .Details }}' },
    ]).render(event);
    expect(data.map((d) => d.value)).toEqual(['1', 'm', 'here/cpu']);
    expect(trapVarbinds(data)).toHaveLength(3);
  });
});

describe('SNMPTrapSender: faults', () => {
  it('a receiver that is down does not fail the send (an unacknowledged datagram); once up, traps arrive', async () => {
    const port = await freeUDPPort();
    const registry = new DeliveryMetricsRegistry();
    const s = sender(`127.0.0.1:${port}`, 'public', registry);
    await s.send('1.1.1', [{ oid: '1.1.1.1', type: 's', value: 'lost' }]);
    const peer = await startSNMPPeer('public', port);
    await s.send('1.1.1', [{ oid: '1.1.1.1', type: 's', value: 'received' }]);
    await peer.waitFor(1);
    expect(peer.traps.map((t) => t.varbinds[2]!.value)).toEqual(['received']);
    expect(registry.snapshot()[`snmptrap:127.0.0.1:${port}`]?.values).toMatchObject({ sent: 2 });
  });

  it('a receiver that goes away and comes back gets the traps sent after it is back', async () => {
    const peer = await startSNMPPeer('public');
    const s = sender(peer.addr);
    await s.send('1.1.1', [{ oid: '1.1.1.1', type: 's', value: 'one' }]);
    await peer.waitFor(1);
    await peer.stop();
    await s.send('1.1.1', [{ oid: '1.1.1.1', type: 's', value: 'two (lost)' }]);
    await peer.start();
    await s.send('1.1.1', [{ oid: '1.1.1.1', type: 's', value: 'three' }]);
    await peer.waitFor(2);
    expect(peer.traps.map((t) => t.varbinds[2]!.value)).toEqual(['one', 'three']);
  });

  it('the receiver refuses a trap with the wrong community', async () => {
    const peer = await startSNMPPeer('public');
    await sender(peer.addr, 'private').send('1.1.1', []);
    await peer.waitForErrors(1);
    expect(peer.errors[0]).toMatch(/community/);
    expect(peer.traps).toHaveLength(0);
  });

  it('a host that does not resolve is a connection failure whose message holds no community', async () => {
    const s = sender('no-such-host.invalid:162', 's3cret-community');
    const err = await deliveryFailure(s.send('1.1.1', []));
    expect(err.reason).toBe('connection');
    expect(err.message).not.toContain('s3cret-community');
  });

  it('an addr that is not host:port is refused', async () => {
    const err = await deliveryFailure(sender('localhost').send('1.1.1', []));
    expect([err.reason, err.retryable]).toEqual(['invalid-message', false]);
  });
});
