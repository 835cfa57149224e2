// Issue 7, "secrets come back out": header values, basic auth and passwords in URLs are
// redacted in every config and handler response; a redacted value sent back unchanged keeps
// the stored secret (it is what gets delivered), and a placeholder is never stored.

import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLookup, headerMap, httpURL, secret, secretObject } from '../../src/config/fields.js';
import { REDACTED, redactText, redactURL, secretStrings } from '../../src/config/redact.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';
import { startHost, type Host } from '../helpers/host.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

const secrets = ['s3cr3t-pass', 'tok-123', 'hunter2', 'k3y'];
const noSecret = (text: string) => {
  for (const s of secrets) expect(text).not.toContain(s);
};

describe('config API', () => {
  it('redacts httppost headers, basic-auth and URL credentials in every read', async () => {
    host = await startHost({
      httppost: [
        {
          endpoint: 'hook',
          url: 'https://user:s3cr3t-pass@hooks.example/alerts?api_key=k3y&team=ops',
          headers: { Authorization: 'Bearer tok-123', 'Content-Type': 'application/json' },
          'basic-auth': { username: 'u', password: 'hunter2' },
        },
      ],
    });
    for (const path of [
      '/kapacitor/v1/config',
      '/kapacitor/v1/config/httppost',
      '/kapacitor/v1/config/httppost/hook',
    ]) {
      const res = await host.api('GET', path);
      expect(res.status).toBe(200);
      noSecret(res.text);
    }
    const el = (await host.api('GET', '/kapacitor/v1/config/httppost/hook')).json as {
      options: Record<string, unknown>;
      redacted: string[];
    };
    expect(el.options.url).toBe(
      `https://user:${REDACTED}@hooks.example/alerts?api_key=${REDACTED}&team=ops`,
    );
    expect(el.options.headers).toEqual({
      Authorization: REDACTED,
      'Content-Type': 'application/json',
    });
    expect(el.options['basic-auth']).toBe(true);
    expect(el.redacted).toEqual(['basic-auth']);
  });

  it('keeps the stored secret when a redacted value is sent back, and never stores the placeholder', async () => {
    const receiver = await startHTTPReceiver();
    host = await startHost({
      httppost: [{ endpoint: 'hook', url: receiver.url, headers: { 'X-Token': 'tok-123' } }],
    });
    const shown = (await host.api('GET', '/kapacitor/v1/config/httppost/hook')).json as {
      options: { headers: Record<string, string> };
    };
    const set = await host.api('POST', '/kapacitor/v1/config/httppost/hook', {
      set: { headers: { ...shown.options.headers, 'X-Team': 'ops' } },
    });
    expect(set.status).toBe(204);
    const test = await host.api('POST', '/kapacitor/v1/service-tests/httppost', {
      url: receiver.url,
      headers: { 'X-Token': 'tok-123' },
    });
    expect(test.json).toMatchObject({ success: true });
    // The endpoint's headers as delivered: the real secret, kept.
    await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'h',
      kind: 'post',
      options: { endpoint: 'hook' },
    });
    host.server.alert.collect(
      (await import('../../src/alert/event.js')).makeEvent({
        topic: 't',
        state: { id: 'e', level: 2 as never },
      }),
    );
    await receiver.waitFor(2);
    const raw = receiver.received[1]!.rawHeaders;
    expect(raw[raw.indexOf('X-Token') + 1]).toBe('tok-123');
    expect(raw[raw.indexOf('X-Team') + 1]).toBe('ops');

    const placeholder = await host.api('POST', '/kapacitor/v1/config/httppost/hook', {
      set: { headers: { 'X-Other': REDACTED } },
    });
    expect(placeholder.status).toBe(400);
    expect((placeholder.json as { error: string }).error).toContain(
      'header "X-Other" holds the placeholder <redacted> but no value is stored for it',
    );
  });
});

describe('topic handler API', () => {
  const options = {
    url: 'http://user:s3cr3t-pass@127.0.0.1:9/x',
    headers: { Authorization: 'Bearer tok-123' },
  };

  it('redacts secret-bearing options on create, list, get, put and patch', async () => {
    host = await startHost();
    const base = '/kapacitor/v1/alerts/topics/t/handlers';
    const created = await host.api('POST', base, { id: 'h', kind: 'post', options });
    expect(created.status).toBe(200);
    noSecret(created.text);
    noSecret((await host.api('GET', base)).text);
    const got = await host.api('GET', `${base}/h`);
    noSecret(got.text);
    expect((got.json as { options: unknown }).options).toEqual({
      url: `http://user:${REDACTED}@127.0.0.1:9/x`,
      headers: { Authorization: REDACTED },
    });
    const patched = await host.api('PATCH', `${base}/h`, [
      { op: 'replace', path: '/match', value: 'level() >= WARNING' },
    ]);
    expect(patched.status).toBe(200);
    noSecret(patched.text);
    // What is stored (and delivered) is still the real secret.
    expect(host.server.alert.getHandler('t', 'h')!.options).toEqual(options);
  });

  it('PUT of what GET showed keeps the secrets; a new URL with kept secrets is refused', async () => {
    host = await startHost();
    const base = '/kapacitor/v1/alerts/topics/t/handlers';
    await host.api('POST', base, { id: 'h', kind: 'post', options });
    const shown = (await host.api('GET', `${base}/h`)).json as Record<string, unknown>;
    const put = await host.api('PUT', `${base}/h`, {
      id: 'h',
      kind: 'post',
      options: shown.options,
      match: 'changed()',
    });
    expect(put.status).toBe(200);
    expect(host.server.alert.getHandler('t', 'h')!.options).toEqual(options);
    const exfiltrate = await host.api('PUT', `${base}/h`, {
      id: 'h',
      kind: 'post',
      options: { ...(shown.options as object), url: 'http://evil.example/x' },
    });
    expect(exfiltrate.status).toBe(400);
    expect((exfiltrate.json as { error: string }).error).toContain(
      'is redacted and "url" changed: send the secret again',
    );
    const patch = await host.api('PATCH', `${base}/h`, [
      { op: 'replace', path: '/options/url', value: 'http://evil.example/x' },
    ]);
    expect(patch.status).toBe(400);
    expect(host.server.alert.getHandler('t', 'h')!.options).toEqual(options);
  });

  it('a PATCH cannot probe or copy a secret', async () => {
    host = await startHost();
    const base = '/kapacitor/v1/alerts/topics/t/handlers';
    await host.api('POST', base, { id: 'h', kind: 'post', options });
    const probe = await host.api('PATCH', `${base}/h`, [
      { op: 'test', path: '/options/headers/Authorization', value: 'Bearer tok-123' },
    ]);
    expect(probe.status).toBe(400);
    const copy = await host.api('PATCH', `${base}/h`, [
      { op: 'copy', from: '/options/headers/Authorization', path: '/match' },
    ]);
    noSecret(copy.text);
    noSecret((await host.api('GET', `${base}/h`)).text);
  });

  it('creating a handler with the placeholder is refused, naming the option', async () => {
    host = await startHost();
    const res = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'h',
      kind: 'post',
      options: { url: 'http://127.0.0.1:9/x', headers: { Authorization: REDACTED } },
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(
      /option "headers": header "Authorization"/,
    );
  });
});

describe('redactURL', () => {
  it.each([
    ['http://u:p@h/x', `http://u:${REDACTED}@h/x`],
    ['https://token@h', `https://${REDACTED}@h`],
    ['http://h/x?token=abc&a=1', `http://h/x?token=${REDACTED}&a=1`],
    ['http://h/{{ .ID }}', 'http://h/{{ .ID }}'],
    ['not a url', 'not a url'],
  ])('%s', (url, shown) => {
    expect(redactURL(url)).toBe(shown);
  });
});

describe('secretStrings and redactText (error messages a peer may have quoted)', () => {
  const schema = z.strictObject({
    url: httpURL('', 'where'),
    headers: headerMap({}, 'headers'),
    'basic-auth': secretObject(
      z.object({ username: z.string(), password: z.string() }).optional(),
      'credentials',
    ),
    token: secret('', 'a token'),
    channel: z.string().default(''),
  });
  const options = {
    url: 'http://alice:p%40ss@h/x?api_key=k3y-value&x=1',
    headers: { Authorization: 'Bearer tok-1234567890', 'Content-Type': 'application/json' },
    'basic-auth': { username: 'ops', password: 'hunter22' },
    token: 's3cr3t',
    channel: '#alerts',
  };

  it('finds every secret part, as redaction hides them, and nothing else', () => {
    const found = secretStrings(fieldLookup(schema), options);
    const basic = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString('base64');
    expect(new Set(found)).toEqual(
      new Set([
        'p%40ss',
        'p@ss',
        basic('alice', 'p@ss'),
        'k3y-value',
        'Bearer tok-1234567890',
        'tok-1234567890',
        'ops',
        'hunter22',
        basic('ops', 'hunter22'),
        's3cr3t',
      ]),
    );
  });

  it('replaces them, and the secret parts of any URL, in a message', () => {
    const message =
      'unexpected response code 401: {"auth":"Basic b3BzOmh1bnRlcjIy","seen":"Bearer tok-1234567890",' +
      '"key":"s3cr3t","next":"https://u:pw@other.example.com/?token=zz"} for #alerts';
    expect(redactText(message, secretStrings(fieldLookup(schema), options))).toBe(
      'unexpected response code 401: {"auth":"Basic <redacted>","seen":"<redacted>",' +
        '"key":"<redacted>","next":"https://u:<redacted>@other.example.com/?token=<redacted>"} for #alerts',
    );
  });
});
