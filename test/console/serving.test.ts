// The console on the host's own port: `/` redirects to `/console/`, files come from the build
// (only the ones it lists, gzip when accepted) with a Content-Security-Policy allowing only this
// origin, they need no credentials (the API does), and the build stays under its size budget
// and is redone only when an input changed.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleOutDir,
  ensureConsoleBuilt,
  isFresh,
  readManifest,
  type ConsoleManifest,
} from '../../src/console/build.js';
import { contentSecurityPolicy } from '../../src/console/routes.js';
import { hashPassword } from '../../src/server/auth.js';
import { startHost, type Host } from '../helpers/host.js';

let manifest: ConsoleManifest;
beforeAll(async () => {
  manifest = (await ensureConsoleBuilt()).manifest;
}, 60_000);

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const raw = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, redirect: 'manual' });

describe('console build', () => {
  it('ships under 150 KB of gzipped JavaScript', () => {
    // Measured here from the files themselves, not from the build's own count.
    const js = readdirSync(consoleOutDir).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(consoleOutDir, f)), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBe(manifest.jsGzipBytes);
    expect(gzipped).toBeLessThan(150 * 1024);
  });

  it('is rebuilt only when an input changed', async () => {
    expect(isFresh(readManifest())).toBe(true);
    expect((await ensureConsoleBuilt()).built).toBe(false);
    const changed = structuredClone(manifest);
    changed.inputs['console/main.tsx'] = '1:1';
    expect(isFresh(changed)).toBe(false);
    const missing = structuredClone(manifest);
    missing.inputs['console/gone.tsx'] = '1:1';
    expect(isFresh(missing)).toBe(false);
  });
});

describe('console routes', () => {
  it('redirects / and /console to /console/', async () => {
    host = await startHost();
    for (const path of ['/', '/console']) {
      const res = await raw(host.url + path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe('/console/');
    }
  });

  it('serves the page and its files with a CSP that allows only this origin', async () => {
    host = await startHost();
    const page = await raw(`${host.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe|\*|https?:|data:/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const a of assets) {
      const res = await raw(`${host.url}/console/${a}`);
      expect(res.status, a).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      const type = res.headers.get('content-type');
      if (a.endsWith('.js')) {
        expect(type).toBe('text/javascript; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
      if (a.endsWith('.css')) expect(type).toBe('text/css; charset=utf-8');
    }
  });

  it('sends the gzip copy when the browser accepts it', async () => {
    host = await startHost();
    const script = Object.keys(manifest.files).find(
      (f) => f.startsWith('app-') && f.endsWith('.js'),
    )!;
    const plain = Buffer.from(await (await raw(`${host.url}/console/${script}`)).arrayBuffer());
    const res = await raw(`${host.url}/console/${script}`, { 'Accept-Encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    // fetch decodes gzip itself: the bytes match the plain file.
    expect(Buffer.from(await res.arrayBuffer())).toEqual(plain);
    expect(gunzipSync(readFileSync(join(consoleOutDir, `${script}.gz`)))).toEqual(plain);
  });

  it('serves nothing the build did not list', async () => {
    host = await startHost();
    for (const path of [
      '/console/manifest.json',
      '/console/nope.js',
      '/console/..%2F..%2Fpackage.json',
      '/console/%2e%2e/package.json',
      '/console/.gitignore',
      `/console/${Object.keys(manifest.files)[0]}.gz`,
    ]) {
      const res = await raw(host.url + path);
      expect(res.status, path).toBe(404);
    }
  });

  it('needs no credentials for the console, while the API still does', async () => {
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: { users: [{ username: 'admin', password: hashPassword('pw') }] },
    });
    expect((await raw(`${host.url}/`)).status).toBe(302);
    expect((await raw(`${host.url}/console/`)).status).toBe(200);
    expect((await raw(`${host.url}/console/favicon.svg`)).status).toBe(200);
    expect((await raw(`${host.url}/kapacitor/v1/config`)).status).toBe(401);
    expect((await raw(`${host.url}/condenser/v1/alerts/topics`)).status).toBe(401);
    const basic = `Basic ${Buffer.from('admin:pw').toString('base64')}`;
    expect(
      (await raw(`${host.url}/condenser/v1/alerts/topics`, { Authorization: basic })).status,
    ).toBe(200);
  });
});
