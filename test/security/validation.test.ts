// Issue 7, "bad options are accepted and fail later": URLs, header names and values, host:port
// addresses, file modes and durations are checked when a handler is created (API, handler
// files, TICKscript), with a 400 that names the key; and the TICKscript limits.

import { afterEach, describe, expect, it } from 'vitest';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import { TickEvalError } from '../../src/pipeline/eval-error.js';
import { TickParseError } from '../../src/tick/errors.js';
import { startHost, type Host } from '../helpers/host.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const create = (h: Host, kind: string, options: unknown) =>
  h.api('POST', '/kapacitor/v1/alerts/topics/t/handlers', { id: 'h', kind, options });

describe('handler options are validated at creation', () => {
  it.each([
    ['post', { url: 'ftp://example.com/x' }, 'url', 'must use http or https, not "ftp"'],
    ['post', { url: 'not a url' }, 'url', 'must not contain spaces or control characters'],
    ['post', { url: 'example.com/x' }, 'url', 'must be an http:// or https:// URL'],
    [
      'post',
      { url: 'http://h/x', headers: { 'X-A': 'a\r\nX-Injected: 1' } },
      'headers',
      'must not contain CR or LF',
    ],
    [
      'post',
      { url: 'http://h/x', headers: { 'Bad Name': 'a' } },
      'headers',
      'is not a valid HTTP token',
    ],
    ['post', { url: 'http://h/x', timeout: -1 }, 'timeout', 'must not be negative'],
    [
      'tcp',
      { address: '127.0.0.1:99999' },
      'address',
      'port must be between 1 and 65535, got 99999',
    ],
    ['tcp', { address: 'localhost' }, 'address', 'must be host:port'],
    ['log', { path: '/tmp/x.log', mode: -1 }, 'mode', 'must be a file mode between 0 and 07777'],
    ['log', { path: 'relative.log' }, 'path', 'must be an absolute path'],
  ])('%s %j is a 400 naming "%s"', async (kind, options, key, problem) => {
    host ??= await startHost();
    const res = await create(host, kind, options);
    expect(res.status).toBe(400);
    const error = (res.json as { error: string }).error;
    expect(error).toContain(`option "${key}": `);
    expect(error).toContain(problem);
  });

  it('templated URLs are still accepted', async () => {
    host = await startHost();
    const res = await create(host, 'post', { url: 'http://127.0.0.1:9/{{ .ID }}/x' });
    expect(res.status).toBe(200);
  });

  it('TICKscript handlers and httpPost are validated at define time, with the position', async () => {
    host = await startHost();
    const define = (script: string) =>
      host!.api('POST', '/kapacitor/v1/tasks', {
        id: 'x',
        type: 'stream',
        dbrps: [{ db: 'a', rp: 'b' }],
        script,
      });
    const post = await define("stream|from()|alert().crit(lambda: TRUE).post('ftp://x/y')");
    expect(post.status).toBe(400);
    expect((post.json as { error: string }).error).toMatch(
      /alert handler \.post\(\) at line 1:42: .*option "url": must use http or https, not "ftp"/,
    );
    const tcp = await define("stream|from()|alert().crit(lambda: TRUE).tcp('h:0')");
    expect((tcp.json as { error: string }).error).toMatch(
      /\.tcp\(\) at line 1:42: .*option "address"/,
    );
    const node = await define("stream|from()|httpPost('http://h/x').header('X', '''a\nb''')");
    expect(node.status).toBe(400);
    expect((node.json as { error: string }).error).toContain(
      'line 1 char 15: invalid httpPost header: header "X": value must not contain CR or LF',
    );
  });

  it('config sections refuse bad URLs and headers, naming the key', async () => {
    await expect(
      startHost({ httppost: [{ endpoint: 'e', url: 'file:///etc/passwd' }] }),
    ).rejects.toThrow('httppost[0].url: must use http or https, not "file"');
    host = await startHost();
    const res = await host.api('POST', '/kapacitor/v1/config/httppost/example', {
      set: { headers: { 'X-A': 'a\nb' } },
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toContain(
      'httppost[example].headers: header "X-A": value must not contain CR or LF',
    );
  });
});

describe('TICKscript limits: every error typed and located, nothing blocks', () => {
  const evaluate = (script: string) => evaluateScript(script, { taskId: 't' });
  const errorOf = (script: string): Error => {
    try {
      evaluate(script);
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected an error');
  };

  it('a 10,000-deep parenthesised lambda is a located parse error, not a RangeError', () => {
    const err = errorOf('var x = lambda: ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000));
    expect(err).toBeInstanceOf(TickParseError);
    expect(err.message).toMatch(/^parser: nesting deeper than 100 levels line 1 char \d+/);
  });

  it('a long |from() chain is a located parse error', () => {
    const err = errorOf('stream' + '|from()'.repeat(20_000));
    expect(err).toBeInstanceOf(TickParseError);
    expect(err.message).toMatch(/^parser: expression nested more than 256 levels deep/);
    expect((err as TickParseError).line).toBe(1);
  });

  it('24,000 statements are refused by size at once, with a position', () => {
    const err = errorOf(Array.from({ length: 24_000 }, (_, i) => `var v${i} = ${i}`).join('\n'));
    expect(err).toBeInstanceOf(TickParseError);
    expect(err.message).toMatch(
      /^parser: script is \d+ bytes, more than the limit of 262144 line \d+/,
    );
  });

  it('many variables within the limit evaluate (no quadratic checks)', () => {
    const script =
      'dbrp "a"."b"\n' + Array.from({ length: 12_000 }, (_, i) => `var v${i} = ${i}`).join('\n');
    expect(evaluate(script).nodes.length).toBe(1);
  });

  it('a task of more than 500 nodes is refused at the node that passes the limit', () => {
    const lines = ['var v0 = stream|from()'];
    for (let i = 1; i <= 500; i++) lines.push(`var v${i} = v${i - 1}|where(lambda: TRUE)`);
    const err = errorOf(lines.join('\n'));
    expect(err).toBeInstanceOf(TickEvalError);
    expect(err.message).toMatch(/^line 500 char \d+: a task may have at most 500 nodes/);
  });

  it('a call with too few arguments says what it takes, not a Go reflect panic', () => {
    for (const script of [
      'var x = time()',
      'stream|from()|window().period()',
      'stream|from()|mean()',
    ]) {
      const err = errorOf(script);
      expect(err, script).toBeInstanceOf(TickEvalError);
      expect(err.message, script).toMatch(/^line \d+ char \d+: /);
      expect(err.message, script).not.toMatch(/reflect|GoPanic/);
    }
    expect(errorOf('var x = time()').message).toBe(
      'line 1 char 9: error calling func "time": too few arguments: takes 1 argument (time.Duration), got 0',
    );
  });
});
