// The servicenow wire format byte for byte (spec/handlers.md §3.18; Kapacitor keeps no
// servicenow vectors here): one record marshalled without a trailing newline, every empty
// member left out, the byte cuts (Go slices bytes: a split character's bytes become \ufffd),
// message_key defaulting to the ID, the severity map, additional_info as a JSON string of
// strings (%v for the rest), basic auth only with both username and password, options matched
// by Go field name, and templates over the reduced data, through a real host.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Level } from '../../src/alert/level.js';
import { closeAll } from '../helpers/receivers.js';
import { headerOf, startWirePeer, type WirePeer } from '../helpers/wire-peer.js';

let peer: WirePeer;
beforeAll(async () => {
  peer = await startWirePeer('servicenow', (base) => ({
    enabled: true,
    url: `${base}/api/global/em/jsonv2`,
    source: 'Kapacitor',
    username: 'kapa',
    password: 's3cret',
  }));
});
afterAll(async () => {
  await peer.stop();
  await closeAll();
});

const record = (body: string) => (JSON.parse(body) as { records: unknown[] }).records[0];

describe('servicenow on the wire', () => {
  it('posts one record, members in order, empty ones left out, no trailing newline', async () => {
    const req = await peer.send({}, { id: 'cpu.serverA', message: 'cpu is high' });
    expect(`${req.method} ${req.url}`).toBe('POST /api/global/em/jsonv2');
    expect(headerOf(req, 'Content-Type')).toBe('application/json');
    expect(headerOf(req, 'Authorization')).toBe(
      `Basic ${Buffer.from('kapa:s3cret').toString('base64')}`,
    );
    expect(req.body).toBe(
      '{"records":[{"source":"Kapacitor","message_key":"cpu.serverA","severity":"1","description":"cpu is high"}]}',
    );
    const full = await peer.send(
      { node: 'n', type: 't', resource: 'r', metricname: 'm', messagekey: 'k', additional_info: { a: 'b' } }, // prettier-ignore
      { message: 'x' },
    );
    expect(full.body).toBe(
      '{"records":[{"source":"Kapacitor","node":"n","type":"t","resource":"r","metric_name":"m","message_key":"k","severity":"1","description":"x","additional_info":"{\\"a\\":\\"b\\"}"}]}',
    );
  });

  it('maps levels to severities 1, 4, 5, 5', async () => {
    const severity = async (level: Level) =>
      (record((await peer.send({}, { level })).body) as { severity: string }).severity;
    expect(await severity(Level.CRITICAL)).toBe('1');
    expect(await severity(Level.WARNING)).toBe('4');
    expect(await severity(Level.INFO)).toBe('5');
    expect(await severity(Level.OK)).toBe('5');
  });

  it('cuts source/node/type/resource/metric_name at 100 bytes, message_key at 1024, description at 4000', async () => {
    const req = await peer.send(
      { source: 's'.repeat(150), node: 'n'.repeat(101), type: 't'.repeat(100), resource: 'r'.repeat(300), metricname: 'm'.repeat(200), messagekey: 'k'.repeat(2000) }, // prettier-ignore
      { message: 'd'.repeat(5000) },
    );
    expect(record(req.body)).toEqual({
      source: 's'.repeat(100),
      node: 'n'.repeat(100),
      type: 't'.repeat(100),
      resource: 'r'.repeat(100),
      metric_name: 'm'.repeat(100),
      message_key: 'k'.repeat(1024),
      severity: '1',
      description: 'd'.repeat(4000),
    });
    // The ID as message_key is cut too.
    const id = await peer.send({}, { id: 'i'.repeat(1100) });
    expect((record(id.body) as { message_key: string }).message_key).toBe('i'.repeat(1024));
  });

  it("writes each kept byte of a character split by a cut as \\ufffd (Go's invalid UTF-8)", async () => {
    // 99 bytes, then '€' (3 bytes): the cut at 100 keeps one of them.
    const one = await peer.send({ node: `${'n'.repeat(99)}€` });
    expect(one.body).toContain(`"node":"${'n'.repeat(99)}\\ufffd"`);
    // 3998 bytes, then '€': two bytes kept.
    const two = await peer.send({}, { message: `${'d'.repeat(3998)}€tail` });
    expect(two.body).toContain(`"description":"${'d'.repeat(3998)}\\ufffd\\ufffd"`);
    // A cut between characters keeps them whole.
    const whole = await peer.send({ node: `${'n'.repeat(97)}€x` });
    expect(whole.body).toContain(`"node":"${'n'.repeat(97)}€"`);
  });

  it('sends additional_info as a JSON string of strings: keys sorted, non-strings as Go prints them', async () => {
    const req = await peer.send({
      additional_info: {
        z: 'last',
        id: '{{ .ID }} on {{ index .Tags "host" }}',
        int: 5,
        float: 1.5,
        big: 1000000,
        small: 0.00001,
        yes: true,
        none: null,
        list: [1, 'a'],
        map: { b: 2, a: 'x' },
      },
    });
    const info = (record(req.body) as { additional_info: string }).additional_info;
    expect(info).toBe(
      '{"big":"1e+06","float":"1.5","id":"cpu.serverA on serverA","int":"5","list":"[1 a]","map":"map[a:x b:2]","none":"\\u003cnil\\u003e","small":"1e-05","yes":"true","z":"last"}',
    );
  });

  it('renders templates over ID, Name, TaskName, Fields and Tags only', async () => {
    const req = await peer.send({
      node: '{{ .Name }}/{{ .TaskName }}',
      resource: '{{ index .Fields "value" }}',
      messagekey: '{{ .ID }}-{{ index .Tags "host" }}',
    });
    expect(record(req.body)).toMatchObject({
      node: 'cpu/cpu_alert',
      resource: '97.5',
      message_key: 'cpu.serverA-serverA',
    });
    // `.Level` is not in ServiceNow's template data: the event is not sent.
    expect(await peer.failure({ node: '{{ .Level }}' })).toContain("can't evaluate field Level");
  });

  it('matches metricname and messagekey by Go field name, in any case, and refuses the JSON tags', async () => {
    const req = await peer.send({ MetricName: 'cpu', MESSAGEKEY: 'k' });
    expect(record(req.body)).toMatchObject({ metric_name: 'cpu', message_key: 'k' });
    for (const tag of ['metric_name', 'message_key']) {
      expect(await peer.create({ [tag]: 'x' })).toEqual({
        status: 400,
        error: expect.stringContaining(`option "${tag}": unknown option`),
      });
    }
  });

  it('posts to the url option; username and password options are accepted and ignored', async () => {
    const req = await peer.send({ url: `${peer.base}/other`, username: 'u', password: 'p' });
    expect(req.url).toBe('/other');
    expect(headerOf(req, 'Authorization')).toBe(
      `Basic ${Buffer.from('kapa:s3cret').toString('base64')}`,
    );
  });

  it('sends no Authorization without both a username and a password', async () => {
    const set = (s: Record<string, unknown>) =>
      peer.host.api('POST', '/kapacitor/v1/config/servicenow/', { set: s });
    expect((await set({ password: '' })).status).toBe(204);
    const req = await peer.send({});
    expect((await set({ password: 's3cret' })).status).toBe(204);
    expect(headerOf(req, 'Authorization')).toBeUndefined();
  });

  it("runs the service test with Kapacitor's options, and 200 only is success", async () => {
    const before = peer.received.length;
    expect(await peer.serviceTest({ additional_info: { k: 1 } })).toEqual({ success: true, message: '' }); // prettier-ignore
    expect(peer.received[before]!.body).toBe(
      '{"records":[{"source":"Kapacitor","message_key":"1001","severity":"1","description":"test servicenow message","additional_info":"{\\"k\\":\\"1\\"}"}]}',
    );
    peer.answer({ status: 201 });
    const created = await peer.serviceTest({});
    peer.answer({ status: 200 });
    expect(created.success).toBe(false);
    expect(created.message).toContain('201');
  });
});
