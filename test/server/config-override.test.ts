// Config changes through /kapacitor/v1/config apply live and survive a restart; secrets are
// never shown: not by the API, `condenser config`, the logs, nor error messages.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { printConfig } from '../../src/cli/config-cmd.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

const secret = 'hunter2-very-secret';
const newSecret = 'correct-horse-battery';

function fire(h: Host, id: string): void {
  h.server.alert.collect(
    makeEvent({ topic: 'ops', state: { id, message: id, level: Level.CRITICAL } }),
  );
}

describe('config overrides', () => {
  it('apply live, persist over a restart, and never show a secret', async () => {
    const first = await startHTTPReceiver();
    const second = await startHTTPReceiver();
    const dir = tempDir();
    const raw = {
      httppost: [
        { endpoint: 'hook', url: first.url, 'basic-auth': { username: 'ops', password: secret } },
      ],
    };
    host = await startHost(raw, dir);

    const section = await host.api('GET', '/kapacitor/v1/config/httppost');
    expect(section.json).toEqual({
      link: { rel: 'self', href: '/kapacitor/v1/config/httppost' },
      elements: [
        {
          link: { rel: 'self', href: '/kapacitor/v1/config/httppost/hook' },
          options: {
            'alert-template': '',
            'alert-template-file': '',
            'basic-auth': true,
            endpoint: 'hook',
            headers: {},
            'row-template': '',
            'row-template-file': '',
            url: first.url,
          },
          redacted: ['basic-auth'],
        },
      ],
    });
    expect(section.text.endsWith('}\n')).toBe(true); // compact + newline, as Kapacitor

    expect(
      (
        await host.api('POST', '/kapacitor/v1/alerts/topics/ops/handlers', {
          id: 'h',
          kind: 'post',
          options: { endpoint: 'hook' },
        })
      ).status,
    ).toBe(200);
    fire(host, 'one');
    await first.waitFor(1);
    const auth =
      first.received[0]!.rawHeaders[
        first.received[0]!.rawHeaders.findIndex((h) => h === 'Authorization') + 1
      ];
    expect(auth).toBe(`Basic ${Buffer.from(`ops:${secret}`).toString('base64')}`);

    // Live: the existing handler follows the new URL and password without a restart.
    const set = await host.api('POST', '/kapacitor/v1/config/httppost/hook', {
      set: { url: second.url, 'basic-auth': { username: 'ops', password: newSecret } },
    });
    expect(set.status, set.text).toBe(204);
    fire(host, 'two');
    await second.waitFor(1);
    expect(first.received).toHaveLength(1);
    expect(JSON.parse(second.received[0]!.body)).toMatchObject({ id: 'two' });

    // A mistyped secret is refused without echoing it.
    const bad = await host.api('POST', '/kapacitor/v1/config/httppost/hook', {
      set: { 'basic-auth': { username: 'ops', password: 12345678 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: 'invalid value: httppost[hook].basic-auth.password: expected a string',
    });
    expect(bad.text).not.toContain('12345678');

    // delete: an overridden option goes back to its file value.
    expect(
      (
        await host.api('POST', '/kapacitor/v1/config/httppost/hook', {
          set: { headers: { X: '1' } },
        })
      ).status,
    ).toBe(204);
    expect((await host.api('GET', '/kapacitor/v1/config/httppost/hook')).json).toMatchObject({
      options: { headers: { X: '<redacted>' } },
    });
    expect(
      (await host.api('POST', '/kapacitor/v1/config/httppost/hook', { delete: ['headers'] }))
        .status,
    ).toBe(204);
    expect((await host.api('GET', '/kapacitor/v1/config/httppost/hook')).json).toMatchObject({
      options: { headers: {}, url: second.url },
    });

    // add / remove list elements.
    expect(
      (
        await host.api('POST', '/kapacitor/v1/config/httppost', {
          add: { endpoint: 'extra', url: 'http://extra.example' },
        })
      ).status,
    ).toBe(204);
    expect((await host.api('GET', '/kapacitor/v1/config/httppost/extra')).json).toMatchObject({
      options: { url: 'http://extra.example' },
    });
    expect(
      (
        await host.api('POST', '/kapacitor/v1/config/httppost', {
          add: { endpoint: 'extra', url: 'http://x' },
        })
      ).status,
    ).toBe(400);

    host = await host.restart(raw);
    const after = await host.api('GET', '/kapacitor/v1/config/httppost/hook');
    expect(after.json).toMatchObject({
      options: { url: second.url, 'basic-auth': true },
      redacted: ['basic-auth'],
    });
    expect((await host.api('GET', '/kapacitor/v1/config/httppost/extra')).status).toBe(200);
    fire(host, 'three');
    await second.waitFor(2);
    const auth2 =
      second.received[1]!.rawHeaders[
        second.received[1]!.rawHeaders.findIndex((h) => h === 'Authorization') + 1
      ];
    expect(auth2).toBe(`Basic ${Buffer.from(`ops:${newSecret}`).toString('base64')}`);

    expect(
      (await host.api('POST', '/kapacitor/v1/config/httppost', { remove: ['extra'] })).status,
    ).toBe(204);
    expect((await host.api('GET', '/kapacitor/v1/config/httppost/extra')).status).toBe(404);
    expect(
      (await host.api('POST', '/kapacitor/v1/config/httppost', { remove: ['hook'] })).status,
    ).toBe(400);

    // `condenser config` shows the effective config (file + overrides), redacted.
    const file = join(dir, 'kapacitor.conf');
    writeFileSync(
      file,
      `[storage]\ndir = "${dir}"\n[[httppost]]\nendpoint = "hook"\nurl = "${first.url}"\nbasic-auth = { username = "ops", password = "${secret}" }\n`,
    );
    let printed = '';
    await host.stop();
    expect(printConfig({ config: file }, (s) => (printed += s))).toBe(0);
    expect(printed).toContain(`url = "${second.url}"`);
    expect(printed).toContain('basic-auth = "<redacted>"');

    const everything = [
      section.text,
      after.text,
      printed,
      JSON.stringify(host.logs),
      bad.text,
    ].join('\n');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(newSecret);
  });

  it('is refused with 403 when [config-override] is disabled', async () => {
    host = await startHost({ 'config-override': { enabled: false } });
    const res = await host.api('GET', '/kapacitor/v1/config');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      error: 'config override service is not enabled',
      message: 'config override service is not enabled',
    });
  });
});
