// `service-tests` against a real host. The httppost test posts to its default URL,
// http://localhost:3000/ (the CLI cannot pass options), so the success case listens there
// on every loopback address `localhost` resolves to.

import { lookup } from 'node:dns/promises';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { cli, fakeServer, type FakeServer } from './helpers.js';
import { installedServices } from '../helpers/installed.js';

let host: Host;
let receivers: FakeServer[] = [];

beforeAll(async () => {
  host = await startHost();
});
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
afterAll(async () => {
  await host.stop();
  rmSync(host.dir, { recursive: true, force: true });
});

const run = (...args: string[]) => cli(['-url', host.url, ...args]);

async function listenOnLocalhost3000(): Promise<void> {
  for (const { address } of await lookup('localhost', { all: true })) {
    receivers.push(await fakeServer((_req, res) => res.writeHead(200).end(), address, 3000));
  }
}

describe('service-tests', () => {
  it('httppost succeeds when its default URL answers', async () => {
    await listenOnLocalhost3000();
    const r = await run('service-tests', 'httppost');
    expect(r).toEqual({ code: 0, out: 'Service  Success Message\nhttppost true\n', err: '' });
    const posts = receivers.flatMap((s) => s.requests);
    expect(posts.map((p) => `${p.method} ${p.url}`)).toEqual(['POST /']);
    expect(JSON.parse(posts[0]?.body ?? '')).toMatchObject({ id: '', message: '', level: 'OK' });
  });

  it('a failed test prints its message and exits 1 (nothing listens on localhost:3000)', async () => {
    for (const args of [['httppost'], ['http*']]) {
      const r = await run('service-tests', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^Service {2}Success Message\nhttppost false {3}\S.*\n/);
      // What it ran with: Kapacitor's default URL, which nothing here listens on.
      expect(r.out).toContain(
        'httppost ran with options {"endpoint":"example","url":"http://localhost:3000/"',
      );
    }
    // Without a pattern every installed service is tested, one row each, in name order.
    const all = await run('service-tests');
    expect(all.code).toBe(1);
    // The table first; what each failed test ran with follows after a blank line.
    const rows = all.out.split('\n\n')[0]!.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^Service +Success +Message$/);
    expect(rows.slice(1).map((r) => r.split(/\s+/)[0])).toEqual(installedServices);
    expect(rows.find((r) => r.startsWith('httppost '))).toMatch(/^httppost +false +\S/);
  });

  it('an unknown service or a pattern matching nothing is refused before any test runs', async () => {
    expect(await run('service-tests', 'httppost', 'nosuch')).toEqual({
      code: 1,
      out: '',
      err: 'condenser service-tests: unknown service "nosuch" (see `condenser list service-tests`)\n',
    });
    expect(await run('service-tests', 'zz*')).toEqual({
      code: 1,
      out: '',
      err: 'condenser service-tests: no service test matches "zz*" (see `condenser list service-tests`)\n',
    });
  });
});
