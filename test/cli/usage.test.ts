// Command-line usage: flags, arguments and exit code 2, checked without a host (commander
// rejects these before any request is made).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram, normalizeArgs } from '../../src/cli/index.js';
import { resolveServerURL } from '../../src/cli/remote.js';
import { cli, closedURL } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('normalizeArgs', () => {
  it("turns Kapacitor's single-dash long flags into double-dash ones", () => {
    expect(normalizeArgs(['-url', 'http://h:1', 'list', 'topics'])).toEqual([
      '--url',
      'http://h:1',
      'list',
      'topics',
    ]);
    expect(normalizeArgs(['-url=http://h:1', 'ping'])).toEqual(['--url=http://h:1', 'ping']);
  });

  it('leaves short flags, double-dash flags and plain arguments alone', () => {
    expect(normalizeArgs(['-h', '--url', 'x', 'cpu*', '-'])).toEqual([
      '-h',
      '--url',
      'x',
      'cpu*',
      '-',
    ]);
  });
});

describe('resolveServerURL', () => {
  it('prefers the flag, then KAPACITOR_URL, then the default', () => {
    expect(resolveServerURL('http://flag:1', { KAPACITOR_URL: 'http://env:2' })).toBe(
      'http://flag:1',
    );
    expect(resolveServerURL(undefined, { KAPACITOR_URL: 'http://env:2' })).toBe('http://env:2');
    expect(resolveServerURL(undefined, { KAPACITOR_URL: '' })).toBe('http://localhost:9092');
    expect(resolveServerURL(undefined, {})).toBe('http://localhost:9092');
  });
});

describe('usage errors exit 2 with commander’s message', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['show-topic'], "missing required argument 'topic'"],
    [['show-topic-handler', 'cpu'], "missing required argument 'handler'"],
    [['define-topic-handler'], "missing required argument 'file'"],
    [['show-topic', 'a', 'b'], 'too many arguments'],
    [['delete-topic-handler', 'a', 'b', 'c'], 'too many arguments'],
    [['ping', 'extra'], 'too many arguments'],
    [['ping', '--bogus'], "unknown option '--bogus'"],
    [['ping', '-bogus'], "unknown option '--bogus'"],
    [['list'], "missing required argument 'kind'"],
    [['list', 'recordings'], 'Allowed choices are tasks, topics, topic-handlers, service-tests'],
    [['define'], "missing required argument 'name'"],
    [['define', 'a', 'b'], 'too many arguments'],
    [['define', 'a', '-tick'], "option '--tick <file>' argument missing"],
    [['define', 'a', '-type', 'batchy'], 'Allowed choices are stream, batch'],
    [['define', 'a', '-dbrp', 'nodot'], "does not contain a '.'"],
    [['define', 'a', '-bogus'], "unknown option '--bogus'"],
    [['enable'], "missing required argument 'names'"],
    [['disable'], "missing required argument 'names'"],
    [['reload'], "missing required argument 'names'"],
    [['show'], "missing required argument 'name'"],
    [['show', 'a', 'b'], 'too many arguments'],
    [['delete'], "missing required argument 'kind'"],
    [['delete', 'tasks'], "missing required argument 'ids'"],
    [['delete', 'recordings', 'x'], 'Allowed choices are tasks, topics, topic-handlers'],
    [['delete', 'topic-handlers', 'system'], 'missing handler'],
    [['-url'], "option '--url <url>' argument missing"],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('no command at all is a usage error that shows the help', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: condenser');
  });

  it.each([
    ['not a url', 'invalid server URL "not a url": expected http(s)://host:port'],
    ['ftp://host:21', 'invalid server URL "ftp://host:21": the scheme must be http or https'],
  ])('an unusable server URL (%s) is a usage error', async (url, message) => {
    const r = await cli(['-url', url, 'ping']);
    expect(r).toEqual({ code: 2, out: '', err: `condenser ping: ${message}\n` });
  });

  it('an unusable KAPACITOR_URL is reported the same way', async () => {
    vi.stubEnv('KAPACITOR_URL', 'nope');
    const r = await cli(['list', 'topics']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('condenser list: invalid server URL "nope": expected http(s)://host:port\n');
  });

  it('the flag is accepted after the verb too', async () => {
    const url = await closedURL();
    const r = await cli(['ping', '-url', url]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot reach ${url}`);
  });
});

describe('help', () => {
  it('every command has a description', () => {
    const program = buildProgram({ out: () => {}, err: () => {} }, { exitCode: 0 });
    const names = program.commands.map((c) => c.name());
    for (const verb of [
      'define',
      'enable',
      'disable',
      'reload',
      'show',
      'delete',
      'define-topic-handler',
      'show-topic-handler',
      'delete-topic-handler',
      'list',
      'show-topic',
      'delete-topic',
      'service-tests',
      'ping',
    ]) {
      expect(names).toContain(verb);
    }
    for (const c of program.commands) expect(c.description(), c.name()).not.toBe('');
  });

  it('--help on a verb prints its usage and exits 0', async () => {
    const r = await cli(['define-topic-handler', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: condenser define-topic-handler [options] <file>');
    expect(r.out).toContain('kind: slack');
  });

  it('define --help explains -dbrp and the vars file', async () => {
    const r = await cli(['define', '-help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: condenser define [options] <name>');
    expect(r.out).toContain('--dbrp <db.rp>');
    expect(r.out).toContain('the database ends at the first dot');
    expect(r.out).toContain('{"crit": {"type": "float", "value": 90}');
  });
});
