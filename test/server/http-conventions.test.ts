// Kapacitor's HTTP conventions: ping, CORS, both API bases, auth (basic, bearer, u/p),
// /debug/vars with per-handler delivery counters.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { hashPassword, hashToken } from '../../src/server/auth.js';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

const repoRoot = join(import.meta.dirname, '..', '..');

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

describe('HTTP conventions', () => {
  it('answers ping with 204 on GET and HEAD, under v1 and v1preview', async () => {
    host = await startHost();
    for (const path of ['/kapacitor/v1/ping', '/kapacitor/v1preview/ping']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await host.api(method, path);
        expect(res.status).toBe(204);
        expect(res.text).toBe('');
        expect(res.headers.get('x-kapacitor-version')).toBe('0.1.0');
      }
    }
  });

  it('sends CORS headers for an allowed Origin and answers OPTIONS pre-flight with 204', async () => {
    host = await startHost({ http: { 'cors-allowed-origins': ['http://ui.example'] } });
    const res = await host.api('OPTIONS', '/kapacitor/v1/alerts/topics', undefined, {
      Origin: 'http://ui.example',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://ui.example');
    expect(res.headers.get('access-control-allow-methods')).toBe(
      'DELETE, GET, OPTIONS, POST, PATCH, PUT',
    );
    const plain = await host.api('GET', '/kapacitor/v1/alerts/topics');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requires basic auth, a bearer token or u/p when auth is enabled (ping stays open)', async () => {
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: {
        users: [{ username: 'admin', password: hashPassword('pw-1') }],
        tokens: [{ name: 'ci', hash: hashToken('tok-1') }],
      },
    });
    const path = '/kapacitor/v1/alerts/topics';
    expect((await host.api('GET', '/kapacitor/v1/ping')).status).toBe(204);
    const none = await host.api('GET', path);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      error: 'authentication required',
      message: 'authentication required',
    });
    const basic = (u: string, p: string) => ({
      Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
    });
    expect((await host.api('GET', path, undefined, basic('admin', 'pw-1'))).status).toBe(200);
    const wrong = await host.api('GET', path, undefined, basic('admin', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'authorization failed', message: 'authorization failed' });
    expect((await host.api('GET', path, undefined, { Authorization: 'Bearer tok-1' })).status).toBe(
      200,
    );
    expect((await host.api('GET', path, undefined, { Authorization: 'Bearer tok-2' })).status).toBe(
      401,
    );
    expect((await host.api('GET', `${path}?u=admin&p=pw-1`)).status).toBe(200);
  });

  it('accepts the hashes `condenser hash-password` prints', async () => {
    const run = (args: string[], input: string) =>
      spawnSync(
        process.execPath,
        [join(repoRoot, 'bin', 'condenser.js'), 'hash-password', ...args],
        { input, encoding: 'utf8' },
      );
    const password = run([], 's3cret\n');
    expect(password.status).toBe(0);
    expect(password.stdout).toMatch(/^scrypt\$16384\$8\$1\$\S+\$\S+\n$/);
    const token = run(['--token'], 'tok-9');
    expect(token.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: {
        users: [{ username: 'ops', password: password.stdout.trim() }],
        tokens: [{ name: 'ci', hash: token.stdout.trim() }],
      },
    });
    const basic = `Basic ${Buffer.from('ops:s3cret').toString('base64')}`;
    expect(
      (await host.api('GET', '/kapacitor/v1/alerts/topics', undefined, { Authorization: basic }))
        .status,
    ).toBe(200);
    expect(
      (
        await host.api('GET', '/kapacitor/v1/alerts/topics', undefined, {
          Authorization: 'Bearer tok-9',
        })
      ).status,
    ).toBe(200);
    expect(run([], '').status).toBe(2);
  });

  it('counts deliveries per handler in /debug/vars', async () => {
    const receiver = await startHTTPReceiver((n) => (n === 0 ? { status: 503 } : { status: 200 }));
    host = await startHost({ alert: { 'retry-backoff': '10ms' } });
    await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'h',
      kind: 'post',
      options: { url: receiver.url },
    });
    host.server.alert.collect(makeEvent({ topic: 't', state: { id: 'e', level: Level.WARNING } }));
    await receiver.waitFor(2);
    await host.server.alert.close(5000);
    const vars = (await host.api('GET', '/kapacitor/v1/debug/vars')).json as {
      kapacitor: Record<string, { values: Record<string, number> }>;
    };
    expect(vars.kapacitor['delivery:t/h']!.values).toMatchObject({
      sent: 1,
      retried: 1,
      dropped: 0,
      failed: 0,
    });
    expect(vars.kapacitor['topic:t']!.values).toEqual({ collected: 1, events: 1 });
  });
});
