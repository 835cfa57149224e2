// The HTTP client against fake hosts: the server's error text, odd answers, unreachable
// hosts, credentials in the URL and KAPACITOR_URL.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, closedURL, fakeServer, type FakeServer } from './helpers.js';

let server: FakeServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('server answers', () => {
  it('ping prints the URL and version and exits 0', async () => {
    server = await fakeServer((_req, res) =>
      res.writeHead(204, { 'X-Kapacitor-Version': '9.9.9' }).end(),
    );
    const r = await cli(['-url', server.url, 'ping']);
    expect(r).toEqual({ code: 0, out: `OK ${server.url} (version 9.9.9)\n`, err: '' });
    expect(server.requests.map((q) => `${q.method} ${q.url}`)).toEqual(['GET /kapacitor/v1/ping']);
  });

  it("a JSON error body gives the server's `error` text, exit 1", async () => {
    server = await fakeServer((_req, res) =>
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end('{\n    "error": "unknown topic: \\"x\\"",\n    "message": "m"\n}'),
    );
    const r = await cli(['-url', server.url, 'show-topic', 'x']);
    expect(r).toEqual({ code: 1, out: '', err: 'condenser show-topic: unknown topic: "x"\n' });
  });

  it('a plain-text error gives its first line, an empty one the status line', async () => {
    server = await fakeServer((req, res) =>
      req.url.includes('topics/a')
        ? res.writeHead(502).end('Bad Gateway\nfrom proxy\n')
        : res.writeHead(503).end(),
    );
    expect((await cli(['-url', server.url, 'delete-topic', 'a'])).err).toBe(
      'condenser delete-topic: Bad Gateway\n',
    );
    expect((await cli(['-url', server.url, 'delete-topic', 'b'])).err).toBe(
      'condenser delete-topic: HTTP 503 Service Unavailable\n',
    );
  });

  it('an answer of the wrong shape is reported, not printed as garbage', async () => {
    server = await fakeServer((_req, res) => res.writeHead(200).end('{"topics": [{"id": 1}]}'));
    const r = await cli(['-url', server.url, 'list', 'topics']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^condenser list: unexpected answer from .*\/kapacitor\/v1\/alerts\/topics: .* at topics\.0\.id\n$/,
    );
  });

  it('IDs are encoded as path segments and patterns sent as ?pattern=', async () => {
    server = await fakeServer((_req, res) => res.writeHead(200).end('{"topic":"t","handlers":[]}'));
    await cli(['-url', server.url, 'delete-topic-handler', 'main:t/x', 'h 1']);
    await cli(['-url', server.url, 'list', 'topic-handlers', 'cpu*']);
    expect(server.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      'DELETE /kapacitor/v1/alerts/topics/main%3At%2Fx/handlers/h%201',
      'GET /kapacitor/v1/alerts/topics?pattern=cpu*',
    ]);
  });

  it('credentials in the URL are sent as basic auth and kept out of messages', async () => {
    server = await fakeServer((_req, res) =>
      res.writeHead(401).end('{"error":"authentication failed"}'),
    );
    const withCreds = server.url.replace('http://', 'http://bob:s%3Acret@');
    const r = await cli(['-url', withCreds, 'ping']);
    expect(r.err).toBe('condenser ping: authentication failed\n');
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('bob:s:cret').toString('base64')}`,
    );
  });

  it('KAPACITOR_URL selects the host when there is no flag', async () => {
    server = await fakeServer((_req, res) => res.writeHead(204).end());
    vi.stubEnv('KAPACITOR_URL', server.url + '/');
    const r = await cli(['ping']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe('unreachable host', () => {
  it('connection refused: one line naming the URL, exit 1', async () => {
    const url = await closedURL();
    const r = await cli(['-url', url, 'list', 'topics']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: `condenser list: cannot reach ${url}: connection refused (is the host running?)\n`,
    });
  });

  it('a connection closed without an answer is reported too', async () => {
    server = await fakeServer((_req, res) => res.socket?.destroy());
    const r = await cli(['-url', server.url, 'ping']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^condenser ping: cannot reach ${server.url}: .+\\n$`));
  });
});
