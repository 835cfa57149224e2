// The zenoss wire format byte for byte (spec/handlers.md §3.27; Kapacitor keeps no zenoss
// vectors here): the router envelope marshalled without a trailing newline, the event as a Go
// map (keys sorted) with collector/message left out when empty, the severity map (TOML keys
// OK/Info/..., API keys ok/info/..., strings or numbers), summary defaulting to the message,
// the byte cuts (Kapacitor re-decodes its JSON, so a split character's bytes become U+FFFD),
// custom fields (JSON strings embedded as JSON, and they win), config fallbacks, options
// matched by Go field name, and the TICKscript methods, through a real host.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Level } from '../../src/alert/level.js';
import { loadConfig } from '../../src/config/load.js';
import { closeAll } from '../helpers/receivers.js';
import { headerOf, startWirePeer, type WirePeer } from '../helpers/wire-peer.js';

let peer: WirePeer;
beforeAll(async () => {
  peer = await startWirePeer('zenoss', (base) => ({
    enabled: true,
    url: `${base}/zport/dmd/evconsole_router`,
    username: 'admin',
    password: 'zenoss',
    // kapacitor.conf spells the levels OK, Info, Warning, Critical.
    'severity-map': { OK: 'Clear', Info: 2, Warning: 'Warning', Critical: 5 },
  }));
});
afterAll(async () => {
  await peer.stop();
  await closeAll();
});

type Event = Record<string, unknown>;
const eventOf = (body: string) => (JSON.parse(body) as { data: Event[] }).data[0]!;

describe('zenoss on the wire', () => {
  it('posts the router envelope with one event, marshalled without a trailing newline', async () => {
    const req = await peer.send({}, { message: 'cpu is high' });
    expect(`${req.method} ${req.url}`).toBe('POST /zport/dmd/evconsole_router');
    expect(headerOf(req, 'Content-Type')).toBe('application/json');
    expect(headerOf(req, 'Authorization')).toBe(
      `Basic ${Buffer.from('admin:zenoss').toString('base64')}`,
    );
    expect(req.body).toBe(
      '{"action":"EventsRouter","method":"add_event","data":[{"collector":"Kapacitor","component":"","device":"","evclass":"","evclasskey":"","severity":5,"summary":"cpu is high"}],"type":"rpc","tid":1}',
    );
  });

  it('maps levels through the severity map (strings or numbers)', async () => {
    const severity = async (level: Level) => eventOf((await peer.send({}, { level })).body).severity; // prettier-ignore
    expect(await severity(Level.OK)).toBe('Clear');
    expect(await severity(Level.INFO)).toBe(2);
    expect(await severity(Level.WARNING)).toBe('Warning');
    expect(await severity(Level.CRITICAL)).toBe(5);
  });

  // Here rather than with the level-map field type's tests: they must pass with zenoss removed.
  it('takes KAPACITOR_ZENOSS_SEVERITY_MAP_<LEVEL> from the environment', () => {
    const { config } = loadConfig({ env: { KAPACITOR_ZENOSS_SEVERITY_MAP_CRITICAL: 'Fatal' } });
    expect((config as unknown as { zenoss: { 'severity-map': unknown } }).zenoss['severity-map']).toEqual({ ok: 'Clear', info: 'Info', warning: 'Warning', critical: 'Fatal' }); // prettier-ignore
  });

  it('shows the severity map with API keys and takes API keys in a live update', async () => {
    const shown = await peer.host.api('GET', '/kapacitor/v1/config/zenoss');
    const options = (shown.json as { elements: Array<{ options: Record<string, unknown> }> })
      .elements[0]!.options;
    expect(options['severity-map']).toEqual({ ok: 'Clear', info: 2, warning: 'Warning', critical: 5 }); // prettier-ignore
    const set = (map: Record<string, unknown>) =>
      peer.host.api('POST', '/kapacitor/v1/config/zenoss/', { set: { 'severity-map': map } });
    expect((await set({ critical: 'Critical', ok: 0 })).status).toBe(204);
    const req = await peer.send({});
    const bad = await set({ fatal: 1 });
    expect((await set({ OK: 'Clear', Info: 2, Warning: 'Warning', Critical: 5 })).status).toBe(204);
    expect(eventOf(req.body).severity).toBe('Critical');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('severity-map');
  });

  it('fills every member: options rendered as templates, collector and message left out when empty', async () => {
    const req = await peer.send(
      {
        summary: '{{ .Name }} on {{ index .Tags "host" }} is {{ .Level }}',
        device: '{{ index .Tags "host" }}',
        component: '{{ .TaskName }}',
        eventclasskey: 'key-{{ .ID }}',
        eventclass: '/Perf/CPU',
        collector: '{{ .Name }}-collector',
        message: '{{ .Message }} ({{ .Recoverable }})',
      },
      { message: 'm' },
    );
    expect(req.body).toBe(
      '{"action":"EventsRouter","method":"add_event","data":[{"collector":"cpu-collector","component":"cpu_alert","device":"serverA","evclass":"/Perf/CPU","evclasskey":"key-cpu.serverA","message":"m (true)","severity":5,"summary":"cpu on serverA is CRITICAL"}],"type":"rpc","tid":1}',
    );
    // .Fields is not in Zenoss's template data: the event is not sent.
    expect(await peer.failure({ device: '{{ index .Fields "value" }}' })).toContain(
      "can't evaluate field Fields",
    );
  });

  it('falls back to the config for action, method, type, tid (0) and collector', async () => {
    const own = await peer.send({ action: 'A', method: 'M', type: 'T', tid: 7, collector: 'C' });
    expect(own.body).toMatch(/^\{"action":"A","method":"M","data":\[\{"collector":"C",.*\],"type":"T","tid":7\}$/); // prettier-ignore
    const zero = await peer.send({ tid: 0, collector: '' });
    expect(zero.body).toMatch(/"collector":"Kapacitor".*"tid":1\}$/);
  });

  it('cuts summary at 256 bytes and message at 4096; a split character becomes U+FFFD per kept byte', async () => {
    const req = await peer.send({ message: 'x'.repeat(5000) }, { message: 's'.repeat(300) });
    expect(eventOf(req.body)).toMatchObject({ summary: 's'.repeat(256), message: 'x'.repeat(4096) }); // prettier-ignore
    // 254 bytes, then '€' (3 bytes): 2 kept. Kapacitor's JSON round trip turns each into U+FFFD.
    const split = await peer.send({}, { message: `${'s'.repeat(254)}€` });
    expect(split.body).toContain(`"summary":"${'s'.repeat(254)}\ufffd\ufffd"`);
  });

  it('adds custom fields: JSON strings as JSON (objects as Go maps), other values as they are; they win', async () => {
    const req = await peer.send({
      customField: {
        obj: '{"b": 1, "a": [true, null, 2.50]}',
        list: '[ "{{ .ID }}" ]',
        notJSON: '{not json',
        text: 'at {{ index .Tags "host" }}',
        spaced: ' {"a":1}',
        num: 7,
        nested: { z: 1, y: { b: 2, a: 1 } },
        severity: 'Overridden',
      },
    });
    expect(req.body).toBe(
      '{"action":"EventsRouter","method":"add_event","data":[{"collector":"Kapacitor","component":"","device":"","evclass":"","evclasskey":"","list":["cpu.serverA"],"nested":{"y":{"a":1,"b":2},"z":1},"notJSON":"{not json","num":7,"obj":{"a":[true,null,2.5],"b":1},"severity":"Overridden","spaced":" {\\"a\\":1}","summary":"cpu.serverA is CRITICAL","text":"at serverA"}],"type":"rpc","tid":1}',
    );
  });

  it('matches eventclasskey and eventclass by Go field name, in any case, and refuses the JSON tags', async () => {
    const req = await peer.send({ EventClassKey: 'k', EVENTCLASS: 'c' });
    expect(eventOf(req.body)).toMatchObject({ evclasskey: 'k', evclass: 'c' });
    for (const tag of ['evclasskey', 'evclass', 'url']) {
      expect(await peer.create({ [tag]: 'x' })).toEqual({
        status: 400,
        error: expect.stringContaining(`option "${tag}": unknown option`),
      });
    }
  });

  it('takes its TICKscript methods (and drops .URL, .username, .password) as the API options', async () => {
    const topic = 'tick';
    const reference = await peer.send(
      { eventclasskey: 'k', tid: 3, message: 'msg', customField: { n: 5, s: 'v' } },
      { topic },
    );
    const script = [
      'dbrp "telegraf"."autogen"',
      "stream|from().measurement('cpu').groupBy('host')",
      '|alert().id(\'cpu.{{ index .Tags "host" }}\').crit(lambda: "value" > 90)',
      '.message(\'cpu.{{ index .Tags "host" }} is {{ .Level }}\')',
      `.topic('${topic}')`,
      ".zenoss().eventClassKey('k').tid(3).message('msg').customField('n', 5).customField('s', 'v')",
      ".URL('http://elsewhere').username('u').password('p')",
    ].join('\n');
    const task = await peer.host.api('POST', '/kapacitor/v1/tasks', {
      id: 'zenoss_task',
      script,
      status: 'enabled',
    });
    expect(task.status, task.text).toBe(200);
    const before = peer.received.length;
    const write = await peer.host.api('POST', '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s', 'cpu,host=serverA value=97.5 31536010'); // prettier-ignore
    expect(write.status).toBe(204);
    // The task's own handler and the topic handler each send one request: the same one.
    for (let i = 0; i < 4000 && peer.received.length < before + 2; i++)
      await new Promise((r) => setTimeout(r, 5));
    const sent = peer.received.slice(before).map((r) => `${r.url} ${r.body}`);
    expect(sent).toEqual([`${reference.url} ${reference.body}`, `${reference.url} ${reference.body}`]); // prettier-ignore
    await peer.host.api('DELETE', '/kapacitor/v1/tasks/zenoss_task');
  });

  it("runs the service test with Kapacitor's options, and 200 only is success", async () => {
    const listed = await peer.host.api('GET', '/kapacitor/v1/service-tests/zenoss');
    expect(Object.keys((listed.json as { options: object }).options)).toContain('custom_fields');
    const before = peer.received.length;
    const result = await peer.serviceTest({ custom_fields: { k: '[1]' }, device: 'd' });
    expect(result).toEqual({ success: true, message: '' });
    expect(peer.received[before]!.body).toBe(
      '{"action":"EventsRouter","method":"add_event","data":[{"collector":"Kapacitor","component":"","device":"d","evclass":"","evclasskey":"","k":[1],"severity":5,"summary":"test zenoss message"}],"type":"rpc","tid":1}',
    );
    peer.answer({ status: 500, body: '{"error":"no such router"}' });
    const failed = await peer.serviceTest({});
    peer.answer({ status: 200 });
    expect(failed).toEqual({ success: false, message: expect.stringContaining('no such router') });
  });
});
