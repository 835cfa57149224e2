// Issue 7: one request can stall every other (scrypt on the event loop, user enumeration by
// timing, a backtracking glob), one body can poison the process (__proto__), slow clients are
// never cut off, and `bearer` in lower case is refused.

import { afterEach, describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/common/glob.js';
import { Authenticator, hashPassword, hashToken, verifyPassword } from '../../src/server/auth.js';
import { connect, rawRequest, readUntilClosed } from '../helpers/raw-http.js';
import { startHost, type Host } from '../helpers/host.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('authentication', () => {
  it('checks passwords off the event loop: a ping is answered while 16 wrong passwords are checked', async () => {
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: {
        users: [{ username: 'admin', password: hashPassword('right') }],
        'max-failures': 100,
      },
    });
    const order: string[] = [];
    const wrong = Array.from({ length: 16 }, (_, i) =>
      rawRequest(host!.url, {
        path: '/kapacitor/v1/alerts/topics',
        headers: { Authorization: basic('admin', `wrong-${i}`) },
      }).then((r) => {
        order.push('wrong');
        return r;
      }),
    );
    const ping = rawRequest(host.url, { path: '/kapacitor/v1/ping' }).then((r) => {
      order.push('ping');
      return r;
    });
    expect((await ping).status).toBe(204);
    for (const r of await Promise.all(wrong)) expect(r.status).toBe(401);
    // With scrypt on the event loop the ping waits for every check before it.
    expect(order.indexOf('ping')).toBeLessThan(order.length - 1);
  });

  it('yields to the event loop while scrypt runs', async () => {
    const auth = new Authenticator({
      users: [{ username: 'admin', password: hashPassword('right') }],
      tokens: [],
    });
    for (const username of ['admin', 'nobody']) {
      let turned = false;
      setImmediate(() => (turned = true));
      await auth.authenticate({ kind: 'password', username, password: 'wrong' });
      // A synchronous scrypt would have finished before the event loop turned once.
      expect(turned, username).toBe(true);
    }
  });

  it('an unknown user costs the same scrypt as a known one (no user enumeration by timing)', async () => {
    const stored = hashPassword('right');
    const checked: string[] = [];
    const auth = new Authenticator(
      { users: [{ username: 'admin', password: stored }], tokens: [] },
      {
        verify: (password, hash) => {
          checked.push(hash);
          return verifyPassword(password, hash);
        },
      },
    );
    expect(await auth.authenticate({ kind: 'password', username: 'nobody', password: 'x' })).toBe(
      undefined,
    );
    expect(await auth.authenticate({ kind: 'password', username: 'admin', password: 'x' })).toBe(
      undefined,
    );
    expect(checked).toHaveLength(2);
    // Same scrypt parameters (so the same cost) for the dummy as for the real hash.
    const params = (h: string) => h.split('$').slice(0, 4).join('$');
    expect(params(checked[0]!)).toBe(params(stored));
    expect(checked[0]).not.toBe(stored);
  });

  it('answers 429 with Retry-After after too many failures from one address', async () => {
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: {
        users: [{ username: 'admin', password: hashPassword('right') }],
        'max-failures': 3,
        'failure-window': '1h',
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await rawRequest(host.url, {
        path: '/kapacitor/v1/alerts/topics',
        headers: { Authorization: basic('admin', 'wrong') },
      });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        expect(JSON.parse(r.text).error).toBe(
          'too many failed authentication attempts from this address; retry later',
        );
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('accepts the bearer scheme in any case (RFC 7235)', async () => {
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: { tokens: [{ name: 'ci', hash: hashToken('tok-1') }] },
    });
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const r = await rawRequest(host.url, {
        path: '/kapacitor/v1/alerts/topics',
        headers: { Authorization: `${scheme} tok-1` },
      });
      expect(r.status, scheme).toBe(200);
    }
    const basicLower = await rawRequest(host.url, {
      path: '/kapacitor/v1/alerts/topics',
      headers: { Authorization: `bearer wrong` },
    });
    expect(basicLower.status).toBe(401);
  });
});

describe('topic patterns', () => {
  it('match in linear time: *a*a*a*a*ab against a long topic id returns at once', async () => {
    // A backtracking RegExp takes far longer than the test timeout on these.
    expect(globMatcher('*a*a*a*a*a*a*a*a*ab')('a'.repeat(5000))).toBe(false);
    expect(globMatcher('*a*a*a*a*ab')('a'.repeat(200) + 'b')).toBe(true);
    host = await startHost();
    const res = await host.api(
      'GET',
      `/kapacitor/v1/alerts/topics?pattern=${encodeURIComponent('*a*a*a*a*a*a*a*a*ab')}`,
    );
    expect(res.status).toBe(200);
  });

  it("keeps Go's path.Match semantics", () => {
    const cases: Array<[string, string, boolean]> = [
      ['abc', 'abc', true],
      ['*', 'abc', true],
      ['*c', 'abc', true],
      ['a*', 'a', true],
      ['a*/b', 'abc/b', true],
      ['a*/b', 'a/c/b', false],
      ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
      ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
      ['ab[c]', 'abc', true],
      ['ab[b-d]', 'abc', true],
      ['ab[^c]', 'abc', false],
      ['ab[^b-d]', 'abe', true],
      ['a\\*b', 'a*b', true],
      ['a?b', 'a☺b', true],
      ['a[^a]b', 'a☺b', true],
      ['*x', 'xxx', true],
      ['[\\]a]', ']', true],
      ['[\\-]', '-', true],
    ];
    for (const [p, s, want] of cases) expect(globMatcher(p)(s), `${p} ${s}`).toBe(want);
    for (const bad of ['[', '[^', '[^bc', 'a[', '[]a]', '[-]', '[x-]', '[a-b-c]', 'a\\', '[\\'])
      expect(() => globMatcher(bad), bad).toThrow(/syntax error in pattern/);
  });
});

describe('request bodies', () => {
  it('refuses __proto__ keys and patch paths, and the process stays unpoisoned', async () => {
    host = await startHost();
    const base = '/kapacitor/v1/alerts/topics/t/handlers';
    await host.api('POST', base, { id: 'h', kind: 'log', options: { path: '/tmp/a.log' } });
    const patch = await host.api(
      'PATCH',
      `${base}/h`,
      '[{"op":"add","path":"/__proto__/parent","value":{"x":1}}]',
    );
    expect(patch.status).toBe(400);
    expect((patch.json as { error: string }).error).toContain('key "__proto__" is not allowed');
    const body = await host.api(
      'POST',
      base,
      '{"id":"h2","kind":"log","options":{"path":"/tmp/b.log","__proto__":{"parent":1}}}',
    );
    expect(body.status).toBe(400);
    expect((body.json as { error: string }).error).toBe(
      'invalid handler json: key "__proto__" is not allowed (at options.__proto__): it could change the prototype of host objects',
    );
    const ctor = await host.api('POST', '/kapacitor/v1/config/httppost/example', {
      set: { constructor: { prototype: { polluted: true } } },
    });
    expect(ctor.status).toBe(400);
    expect(({} as Record<string, unknown>).parent).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const next = await host.api('POST', base, {
      id: 'h3',
      kind: 'log',
      options: { path: '/tmp/c.log' },
    });
    expect(next.status).toBe(200);
  });

  it('refuses JSON nested deeper than 64 levels with a 400, not a stack overflow', async () => {
    host = await startHost();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await host.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', deep);
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(/nested more than 64 levels/);
    const broken = await host.api(
      'POST',
      '/kapacitor/v1/alerts/topics/t/handlers',
      '['.repeat(100_000),
    );
    expect(broken.status).toBe(400);
    expect((broken.json as { error: string }).error).toMatch(/nesting deeper than 512 levels/);
  });
});

describe('slow and greedy clients', () => {
  it('cuts off a client that sends one header line at a time after [http] read-timeout', async () => {
    host = await startHost({ http: { 'read-timeout': '1s' } });
    const socket = await connect(host.url);
    const closed = readUntilClosed(socket);
    socket.write('GET /kapacitor/v1/ping HTTP/1.1\r\n');
    let n = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(`X-Drip-${n++}: 1\r\n`);
    }, 200);
    const answer = await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that sends its body one byte at a time', async () => {
    host = await startHost({ http: { 'read-timeout': '1s' } });
    const socket = await connect(host.url);
    const closed = readUntilClosed(socket);
    socket.write(
      'POST /write?db=a&rp=b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n',
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('x');
    }, 200);
    const answer = await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections beyond [http] max-connections-per-client with 503', async () => {
    host = await startHost({ http: { 'max-connections-per-client': 2 } });
    const held = [await connect(host.url), await connect(host.url)];
    const third = await connect(host.url);
    const answer = await readUntilClosed(third);
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    expect(answer).toContain('too many connections from this address (limit 2');
    for (const s of held) s.destroy();
  });
});
