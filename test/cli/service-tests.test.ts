// `service-tests` against a real host. Without options the httppost test posts to its default
// URL, http://localhost:3000/, so that case listens there on every loopback address
// `localhost` resolves to; -options and -options-file point it at a receiver of the test's
// own. A failure prints the options the test ran with and the error; bad JSON is a usage
// error naming where.

import { lookup } from 'node:dns/promises';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { cli, closedURL, fakeServer, type FakeServer } from './helpers.js';
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

describe('service-tests -options and -options-file', () => {
  const posts = () => receivers.flatMap((r) => r.requests).map((p) => `${p.method} ${p.url}`);

  it('runs the test with the options given inline or in a file', async () => {
    const receiver = await fakeServer((_req, res) => res.writeHead(200).end());
    receivers.push(receiver);
    const inline = await run(
      'service-tests',
      'httppost',
      '-options',
      `{"url": "${receiver.url}/inline"}`,
    );
    expect(inline).toEqual({ code: 0, out: 'Service  Success Message\nhttppost true\n', err: '' });
    const file = join(host.dir, 'test-options.json');
    writeFileSync(
      file,
      `{\n  "url": "${receiver.url}/from-file",\n  "headers": {"X-Test": "1"}\n}\n`,
    );
    const fromFile = await run('service-tests', 'httppost', '-options-file', file);
    expect(fromFile.code).toBe(0);
    expect(posts()).toEqual(['POST /inline', 'POST /from-file']);
    expect(receiver.requests[1]?.headers['x-test']).toBe('1');
  });

  it('a failure prints the options the test ran with and the error', async () => {
    const closed = await closedURL();
    const port = new URL(closed).port;
    // Option names match in any case, as the host decodes them: URL is url.
    const r = await run('service-tests', 'httppost', '-options', `{"URL": "${closed}/x"}`);
    expect(r).toEqual({
      code: 1,
      out:
        'Service  Success Message\n' +
        `httppost false   ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}\n` +
        '\n' +
        `httppost ran with options {"endpoint":"example","url":"${closed}/x","headers":{"Auth":"secret"},"timeout":0}\n` +
        `httppost failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}\n`,
      err: '',
    });
  });

  it('options the host refuses are a failed test that says it did not run', async () => {
    const r = await run('service-tests', 'httppost', '-options', '{"nope": 1}');
    expect(r.code).toBe(1);
    const refusal =
      'failed to decode JSON body: invalid options for kind "httppost": option "nope": unknown option (valid options: endpoint, url, headers, timeout)';
    expect(r.out).toBe(
      `Service  Success Message\nhttppost false   ${refusal}\n\n` +
        `httppost did not run: the host refused options {"endpoint":"example","url":"http://localhost:3000/","headers":{"Auth":"secret"},"timeout":0,"nope":1}: ${refusal}\n`,
    );
  });

  it('bad JSON, a missing file, a non-object or both flags are usage errors naming where', async () => {
    const bad = join(host.dir, 'bad.json');
    writeFileSync(bad, '{\n  "url": "http://x",\n  "timeout": \n}\n');
    const list = join(host.dir, 'list.json');
    writeFileSync(list, '["http://x"]\n');
    const cases: Array<[string[], string]> = [
      [
        ['-options', '{"url":'],
        '-options: invalid JSON: unexpected end of input at line 1, column 8, expected a value',
      ],
      [['-options', "{'url': 'x'}"], '-options: invalid JSON: '],
      [['-options-file', bad], `${bad}: invalid JSON: `],
      [['-options-file', list], `${list}: expected a JSON object of test options`],
      [['-options', '1'], '-options: expected a JSON object of test options'],
      [
        ['-options-file', join(host.dir, 'nope.json')],
        `${join(host.dir, 'nope.json')}: file not found`,
      ],
      [['-options', '{}', '-options-file', list], 'give -options or -options-file, not both'],
    ];
    for (const [args, message] of cases) {
      const r = await run('service-tests', 'httppost', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.startsWith(`condenser service-tests: ${message}`), r.err).toBe(true);
    }
    // The file's error names its line.
    expect((await run('service-tests', 'httppost', '-options-file', bad)).err).toMatch(
      /: invalid JSON: unexpected character "}" at line 4, column 1, expected a value\n$/,
    );
  });

  it('redacts the secret options it ran with (the schema says which are secret)', async () => {
    // A host with one service whose test has a secret option: the CLI reads which from
    // /condenser/v1/schema.
    const fake = await fakeServer((req, res) => {
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/kapacitor/v1/service-tests?pattern=pager')
        return reply(200, { services: [{ name: 'pager' }] });
      if (req.url === '/kapacitor/v1/service-tests/pager')
        return req.method === 'POST'
          ? reply(200, { success: false, message: 'unauthorized' })
          : reply(200, { name: 'pager', options: { url: 'http://pager', token: '' } });
      if (req.url === '/condenser/v1/schema')
        return reply(200, {
          sections: [
            {
              name: 'pager',
              test: {
                options: [
                  { name: 'url', secret: false },
                  { name: 'token', secret: true },
                ],
              },
            },
          ],
        });
      reply(404, { error: 'not found' });
    });
    receivers.push(fake);
    const r = await cli([
      '-url',
      fake.url,
      'service-tests',
      'pager',
      '-options',
      '{"Token": "s3cr3t-t0ken"}',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'pager ran with options {"url":"http://pager","token":"<redacted>"}\npager failed: unauthorized\n',
    );
    expect(r.out).not.toContain('s3cr3t-t0ken');
    // What the host got was the real value.
    expect(fake.requests.find((q) => q.method === 'POST')?.body).toBe('{"Token":"s3cr3t-t0ken"}');
  });
});
