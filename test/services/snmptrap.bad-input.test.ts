// Bad input to the snmptrap kind is refused where it is given, naming what is wrong and where
// (test/helpers/bad-input.ts): Bad OIDs, SNMP types Kapacitor does not send, numbers that are
// not, and a bad receiver address.

import { describe, expect, it } from 'vitest';
import { badInputHost, configError } from '../helpers/bad-input.js';

const { api, create, defineTask, defineFromFile } = badInputHost();

describe('snmptrap', () => {
  it('refuses a bad trap OID at handler creation, from a file and in TICKscript', async () => {
    const api = await create('snmptrap', { 'trap-oid': 'not.an.oid' });
    expect(api.status).toBe(400);
    expect(api.error).toContain('option "trap-oid": must be a dotted numeric OID');
    expect((await create('snmptrap', {})).error).toContain('option "trap-oid": must not be empty');
    expect((await create('snmptrap', { 'trap-oid': '1.3.6.1.4294967296' })).error).toContain(
      'has an arc above 4294967295',
    );
    const file = await defineFromFile('snmptrap', "  trap-oid: '3.1'\n");
    expect(file.code).not.toBe(0);
    expect(file.err).toContain('option "trap-oid": must start with 0, 1 or 2');
    const tick = await defineTask(".snmpTrap('1.3.6.1.x')");
    expect(tick.status).toBe(400);
    expect(tick.error).toContain('trap-oid');
    expect(tick.error).toContain('must be a dotted numeric OID');
  });

  it('refuses a bad data OID, an SNMP type Kapacitor does not send, and a number that is not one', async () => {
    const oid = await create('snmptrap', {
      'trap-oid': '1.3.6.1.4.1.1',
      'data-list': [{ oid: '1.3.6.1.4.1.1.x', type: 's', value: 'v' }],
    });
    expect(oid.status).toBe(400);
    expect(oid.error).toContain('option "data-list.0.oid": must be a dotted numeric OID');
    const ip = await create('snmptrap', {
      'trap-oid': '1.3.6.1.4.1.1',
      'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'a', value: '10.0.0.1' }],
    });
    expect(ip.status).toBe(400);
    expect(ip.error).toContain('"a" (IP address) is not supported');
    const unknown = await create('snmptrap', {
      'trap-oid': '1.3.6.1.4.1.1',
      'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'q', value: 'x' }],
    });
    expect(unknown.error).toContain('must be one of c (Counter64), i (Integer), n (Null)');
    const number = await create('snmptrap', {
      'trap-oid': '1.3.6.1.4.1.1',
      'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'i', value: 'ten' }],
    });
    expect(number.error).toContain('option "data-list.0.value": strconv.ParseInt: parsing "ten"');
    const tick = await defineTask(".snmpTrap('1.3.6.1.4.1.1').data('1.3.6.1.4.1.1.1', 'x', '1')");
    expect(tick.status).toBe(400);
    expect(tick.error).toContain('"x" (Hexadecimal string) is not supported');
  });

  it('refuses a bad addr in the config, at start and through the config API', async () => {
    expect(configError({ snmptrap: { enabled: true, addr: 'receiver' } })).toContain(
      'snmptrap.addr: must be host:port',
    );
    const res = await api('POST', '/kapacitor/v1/config/snmptrap/', { set: { addr: 'x:99999' } }); // prettier-ignore
    expect(res.status).toBe(400);
    expect(res.text).toContain('addr');
  });
});
