// Issue 7, "any web page can run a command on the machine": a foreign Origin, a foreign Host
// (DNS rebinding) and a cross-site request without Origin are refused before any route runs;
// CORS headers only for allowed origins; browsers must send JSON; clients without Origin
// (curl, Telegraf, the CLI) work as before; [exec] can close exec handlers off.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const hostHeader = (h: Host) => new URL(h.url).host;
const execHandler = (marker: string) =>
  JSON.stringify({ id: 'pwn', kind: 'exec', options: { prog: '/usr/bin/touch', args: [marker] } });

describe('origin checks', () => {
  it('refuses a cross-origin simple POST (text/plain) with 403 before the route runs', async () => {
    host = await startHost();
    const marker = join(tempDir(), 'ran');
    const res = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      body: execHandler(marker),
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({
      error: 'origin "http://evil.example" is not allowed: add it to [http] cors-allowed-origins',
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await host.api('GET', '/kapacitor/v1/alerts/topics/t/handlers')).json).toMatchObject({
      handlers: [],
    });
    // Writes and tasks from a foreign page are refused the same way.
    for (const [path, body] of [
      ['/write?db=a&rp=b', 'cpu v=1'],
      ['/kapacitor/v1/tasks', '{"id":"x","type":"stream","dbrps":[{"db":"a","rp":"b"}]}'],
    ] as const) {
      const r = await rawRequest(host.url, {
        method: 'POST',
        path,
        headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
        body,
      });
      expect(r.status).toBe(403);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('never reflects a foreign Origin; answers allowed origins with CORS headers', async () => {
    host = await startHost({ http: { 'cors-allowed-origins': ['https://console.example'] } });
    const foreign = await rawRequest(host.url, {
      path: '/kapacitor/v1/alerts/topics',
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(host.url, {
      method: 'OPTIONS',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { Origin: 'https://console.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://console.example');
    const allowed = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { Origin: 'https://console.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'h', kind: 'log', options: { path: '/tmp/x.log' } }),
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
  });

  it("always allows the host's own origin (the console), with JSON bodies only", async () => {
    host = await startHost();
    const origin = host.url;
    const json = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { Origin: origin, 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ id: 'h', kind: 'log', options: { path: '/tmp/x.log' } }),
    });
    expect(json.status).toBe(200);
    const form = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ id: 'h2', kind: 'log', options: { path: '/tmp/x.log' } }),
    });
    expect(form.status).toBe(415);
    expect(JSON.parse(form.text)).toMatchObject({
      error: 'requests from a browser must send Content-Type: application/json',
    });
    // A browser also announces itself with Sec-Fetch-Site, even without Origin.
    const fetchSite = await rawRequest(host.url, {
      method: 'PATCH',
      path: '/kapacitor/v1/alerts/topics/t/handlers/h',
      headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'text/plain' },
      body: '[]',
    });
    expect(fetchSite.status).toBe(415);
  });

  it('refuses cross-site requests without Origin except top-level navigations', async () => {
    host = await startHost();
    const img = await rawRequest(host.url, {
      path: '/kapacitor/v1/config',
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' },
    });
    expect(img.status).toBe(403);
    const link = await rawRequest(host.url, {
      path: '/kapacitor/v1/ping',
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
    });
    expect(link.status).toBe(204);
  });

  it('keeps clients without Origin working as before (curl -d form encoding, Node fetch)', async () => {
    host = await startHost();
    const curl = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ id: 'h', kind: 'log', options: { path: '/tmp/x.log' } }),
    });
    expect(curl.status).toBe(200);
    // Node's fetch sends Sec-Fetch-Mode: cors but neither Origin nor Sec-Fetch-Site.
    const viaFetch = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'h2',
      kind: 'log',
      options: { path: '/tmp/x.log' },
    });
    expect(viaFetch.status).toBe(200);
    const write = await rawRequest(host.url, {
      method: 'POST',
      path: '/write?db=a&rp=b',
      body: 'cpu v=1',
    });
    expect(write.status).toBe(204);
  });
});

describe('host checks (DNS rebinding)', () => {
  it('refuses a Host that names neither loopback nor [http] allowed-hosts', async () => {
    host = await startHost({ http: { 'allowed-hosts': ['alerts.internal'] } });
    const port = new URL(host.url).port;
    const rebound = await rawRequest(host.url, {
      path: '/kapacitor/v1/alerts/topics',
      headers: { Host: `evil.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.text).error).toMatch(/^host "evil.example:\d+" is not allowed/);
    // Same-origin by the page's own reckoning, and still refused.
    const sameOrigin = await rawRequest(host.url, {
      method: 'POST',
      path: '/kapacitor/v1/alerts/topics/t/handlers',
      headers: {
        Host: `evil.example:${port}`,
        Origin: `http://evil.example:${port}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(403);
    for (const name of [
      `localhost:${port}`,
      hostHeader(host),
      `[::1]:${port}`,
      'alerts.internal',
    ]) {
      const ok = await rawRequest(host.url, {
        path: '/kapacitor/v1/ping',
        headers: { Host: name },
      });
      expect(ok.status, name).toBe(204);
    }
  });
});

describe('[exec]', () => {
  it('enabled = false refuses exec topic handlers and TICKscript .exec() with 403', async () => {
    host = await startHost({ exec: { enabled: false } });
    const handler = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'x',
      kind: 'exec',
      options: { prog: '/bin/true' },
    });
    expect(handler.status).toBe(403);
    expect((handler.json as { error: string }).error).toContain(
      'exec handlers are disabled on this host ([exec] enabled = false)',
    );
    const task = await host.api('POST', '/kapacitor/v1/tasks', {
      id: 'x',
      type: 'stream',
      dbrps: [{ db: 'a', rp: 'b' }],
      script: "stream|from()|alert().crit(lambda: TRUE).exec('/bin/true')",
      status: 'enabled',
    });
    expect(task.status).toBe(400);
    expect((task.json as { error: string }).error).toContain('exec handlers are disabled');
  });

  it('allowed-programs lets only the listed programs run', async () => {
    host = await startHost({ exec: { 'allowed-programs': ['/bin/true'] } });
    const ok = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'a',
      kind: 'exec',
      options: { prog: '/bin/true' },
    });
    expect(ok.status).toBe(200);
    const other = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', {
      id: 'b',
      kind: 'exec',
      options: { prog: '/bin/sh', args: ['-c', 'id'] },
    });
    expect(other.status).toBe(403);
    expect((other.json as { error: string }).error).toContain(
      'program "/bin/sh" is not in [exec] allowed-programs (/bin/true)',
    );
  });

  it('refuses relative allowed-programs in the config, naming the key', async () => {
    await expect(startHost({ exec: { 'allowed-programs': ['true'] } })).rejects.toThrow(
      'exec.allowed-programs[0]: must be an absolute path, got "true"',
    );
  });
});
