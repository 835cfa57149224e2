// bigpanda's wire format, byte for byte, as spec/handlers.md §3.2 states it (there are no
// Kapacitor vectors for it here): a real host posts to a real receiver on 127.0.0.1. The body is
// a Go map, compacted (keys sorted, no trailing newline), built so that a later property
// replaces an earlier one: the alert's own properties, then the event's tags, its fields, the
// handler's host and its attributes.

import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, type EventData } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, type HTTPReceiver } from '../helpers/receivers.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

/** 1971-01-01T00:00:10.5Z */
const time = 31_536_010_500_000_000n;

async function start(config: Record<string, unknown>, status = 201): Promise<HTTPReceiver> {
  const receiver = await startHTTPReceiver(() => ({
    status,
    body: status === 201 ? '' : '{"error":"invalid app key"}',
  }));
  host = await startHost({
    bigpanda: {
      enabled: true,
      url: receiver.url,
      'app-key': 'configKey',
      token: 'tok',
      ...config,
    },
  });
  return receiver;
}

async function send(
  topic: string,
  options: Record<string, unknown>,
  state: { id: string; message: string; details: string; level: Level },
  data: Partial<EventData>,
): Promise<void> {
  const res = await host!.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, {
    id: 'bp',
    kind: 'bigpanda',
    options,
  });
  expect(res.status, res.text).toBe(200);
  host!.server.alert.collect(makeEvent({ topic, state: { ...state, time }, data }));
}

function header(raw: string[], name: string): string | undefined {
  const i = raw.findIndex((h, j) => j % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : raw[i + 1];
}

describe('bigpanda on the wire', () => {
  it('later properties replace earlier ones: tags, then fields, then host, then attributes', async () => {
    const receiver = await start({ 'auto-attributes': 'tags,fields' });
    await send(
      'precedence',
      {
        'app-key': 'handlerKey',
        host: '{{ index .Tags "dc" }}',
        'primary-property': 'dc',
        attributes: { status: 'fromAttribute', n: 5, obj: { b: 1, a: 2 }, tpl: '{{ .Name }}' },
      },
      {
        id: 'cpu:host=a',
        message: 'cpu is CRITICAL',
        details: 'a &lt;b&gt; &amp; c',
        level: Level.CRITICAL,
      },
      {
        name: 'cpu',
        taskName: 'task',
        tags: { host: 'fromTag', status: 'fromTag', dc: 'eu' },
        fields: { value: 97.5, count: 10n, up: true, note: 'text', dc: 'fromField' },
      },
    );
    await receiver.waitFor(1);
    const got = receiver.received[0]!;
    expect(`${got.method} ${got.url}`).toBe('POST /alert');
    expect(header(got.rawHeaders, 'Authorization')).toBe('Bearer tok');
    expect(header(got.rawHeaders, 'Content-Type')).toBe('application/json');
    expect(got.body).toBe(
      '{"app_key":"handlerKey","check":"cpu:host=a","count":"10","dc":"fromField",' +
        '"description":"cpu is CRITICAL","details":"a \\u003cb\\u003e \\u0026 c","host":"eu",' +
        '"n":"5","note":"text","obj":"{\\"a\\":2,\\"b\\":1}","primary_property":"dc",' +
        '"status":"fromAttribute","task":"task:cpu","timestamp":31536010,"tpl":"cpu",' +
        '"up":"true","value":"97.5"}',
    );
  });

  it('leaves out empty properties and default (JSON) details; host is always there', async () => {
    const receiver = await start({ 'auto-attributes': 'tags' });
    await send(
      'empty',
      {},
      { id: '', message: '', details: '{&#34;Name&#34;:&#34;cpu&#34;}\n', level: Level.INFO },
      {
        name: 'cpu',
        taskName: 'task',
        tags: { host: 'fromTag', dc: 'eu' },
        fields: { value: 1 },
      },
    );
    await receiver.waitFor(1);
    // Only tags (auto-attributes "tags"); the handler's empty host replaces the host tag;
    // INFO is "ok"; the config's app key.
    expect(receiver.received[0]!.body).toBe(
      '{"app_key":"configKey","dc":"eu","host":"","status":"ok","task":"task:cpu","timestamp":31536010}',
    );
  });

  it('maps levels to statuses and sends no tags or fields when auto-attributes names neither', async () => {
    const receiver = await start({ 'auto-attributes': '' });
    const levels = [Level.OK, Level.INFO, Level.WARNING, Level.CRITICAL];
    for (const [i, level] of levels.entries()) {
      await send(
        `level${i}`,
        { 'secondary-property': 'host' },
        { id: 'id', message: 'm', details: '', level },
        { name: 'cpu', taskName: 't', tags: { host: 'a' }, fields: { value: 1 } },
      );
    }
    await receiver.waitFor(4);
    const statuses = ['ok', 'ok', 'warning', 'critical'];
    expect(receiver.received.map((r) => r.body).sort()).toEqual(
      statuses
        .map(
          (s) =>
            `{"app_key":"configKey","check":"id","description":"m","host":"","secondary_property":"host","status":"${s}","task":"t:cpu","timestamp":31536010}`,
        )
        .sort(),
    );
  });

  it('posts to the handler url when it gives one', async () => {
    const receiver = await start({});
    await send(
      'url',
      { url: receiver.url.replace(/\/alert$/, '/other') },
      { id: 'id', message: 'm', details: '', level: Level.WARNING },
      { name: 'cpu', taskName: 't' },
    );
    await receiver.waitFor(1);
    expect(receiver.received[0]!.url).toBe('/other');
  });

  it('answers its service test with a 201 as success and the error member otherwise', async () => {
    const receiver = await start({});
    const ok = await host!.api('POST', '/kapacitor/v1/service-tests/bigpanda', {
      timestamp: '2014-11-12T11:45:26.371Z',
    });
    expect(ok.json).toEqual({ success: true, message: '' });
    await receiver.waitFor(1);
    // The test's app key, host and event data (its name in `task`); no check (no id).
    expect(receiver.received[0]!.body).toBe(
      '{"app_key":"012345","description":"test bigpanda message","host":"serverA","status":"critical","task":":testBigPanda","timestamp":1415792726}',
    );
    await host!.stop();
    await closeAll();
    await start({}, 400);
    const failed = await host!.api('POST', '/kapacitor/v1/service-tests/bigpanda', {});
    expect(failed.json).toMatchObject({ success: false });
    expect((failed.json as { message: string }).message).toContain('invalid app key');
  });
});
