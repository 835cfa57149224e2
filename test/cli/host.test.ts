// The client verbs against a real host (127.0.0.1, random port, temporary store), run
// in-process through runCli with captured output.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { formatRFC822 } from '../../src/cli/table.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { cli } from './helpers.js';
import { installedServices } from '../helpers/installed.js';

let host: Host;
const files = tempDir('condenser-cli-files-');

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
  rmSync(host.dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

/** Run a verb against the test host. */
const run = (...args: string[]) => cli(['-url', host.url, ...args]);

function file(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

async function storedHandler(topic: string, id: string): Promise<unknown> {
  return (await host.api('GET', `/kapacitor/v1/alerts/topics/${topic}/handlers/${id}`)).json;
}

describe('define-topic-handler', () => {
  it('creates from YAML, then replaces from JSON (upsert)', async () => {
    const yaml = file(
      'cpu-post.yaml',
      "topic: cpu\nid: example\nkind: post\nmatch: changed() == TRUE\noptions:\n  url: 'http://127.0.0.1:9/a'\n",
    );
    expect(await run('define-topic-handler', yaml)).toEqual({ code: 0, out: '', err: '' });
    expect(await storedHandler('cpu', 'example')).toMatchObject({
      id: 'example',
      kind: 'post',
      match: 'changed() == TRUE',
      options: { url: 'http://127.0.0.1:9/a' },
    });

    const json = file(
      'cpu-post.json',
      JSON.stringify({
        topic: 'cpu',
        id: 'example',
        kind: 'log',
        options: { path: join(files, 'alerts.log') },
      }),
    );
    expect(await run('define-topic-handler', json)).toEqual({ code: 0, out: '', err: '' });
    expect(await storedHandler('cpu', 'example')).toMatchObject({
      kind: 'log',
      match: '',
      options: { path: join(files, 'alerts.log') },
    });
    const list = await host.api('GET', '/kapacitor/v1/alerts/topics/cpu/handlers');
    expect((list.json as { handlers: unknown[] }).handlers).toHaveLength(1);
  });

  it("an unknown kind is refused with the server's message, exit 1", async () => {
    const path = file('bad-kind.yaml', 'topic: refused\nid: h\nkind: nosuchkind\n');
    const r = await run('define-topic-handler', path);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^condenser define-topic-handler: failed to create handler: unsupported action kind "nosuchkind" \(known kinds: .*\)\n$/,
    );
    expect(await storedHandler('refused', 'h')).toMatchObject({ error: 'unknown handler: "h"' });
  });

  it("a bad option is refused with the server's message, exit 1", async () => {
    const path = file(
      'bad-option.json',
      '{"topic":"refused","id":"h","kind":"post","options":{"nope":1}}',
    );
    const r = await run('define-topic-handler', path);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^condenser define-topic-handler: failed to create handler: .*nope.*\n$/);
    expect(r.err.split('\n')).toHaveLength(2); // one line
  });

  it('a bad option on an existing handler is refused by the PUT and leaves it unchanged', async () => {
    await run(
      'define-topic-handler',
      file('keep.yaml', 'topic: keep\nid: h\nkind: log\noptions:\n  path: /tmp/x.log\n'),
    );
    const r = await run(
      'define-topic-handler',
      file('keep-bad.yaml', 'topic: keep\nid: h\nkind: log\noptions:\n  path: 3\n'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^condenser define-topic-handler: .+\n$/);
    expect(await storedHandler('keep', 'h')).toMatchObject({ options: { path: '/tmp/x.log' } });
  });

  it('an invalid handler id is refused by the server', async () => {
    const r = await run(
      'define-topic-handler',
      file('bad-id.yaml', 'topic: refused\nid: "a b"\nkind: log\n'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("handler ID must contain only letters, numbers, '-', '.' and '_'");
  });
});

describe('show-topic-handler and delete-topic-handler', () => {
  it('shows the handler as Kapacitor does (then its delivery), deletes it, then reports it unknown', async () => {
    await run(
      'define-topic-handler',
      file(
        'show.yaml',
        'topic: show\nid: h1\nkind: post\nmatch: level() >= WARNING\noptions:\n  url: http://127.0.0.1:9/x\n  headers: {B: "2", A: "1"}\n',
      ),
    );
    expect(await run('show-topic-handler', 'show', 'h1')).toEqual({
      code: 0,
      out:
        'ID: h1\nTopic: show\nKind: post\nMatch: level() >= WARNING\n' +
        // Header values are redacted by the API (they may carry credentials); the CLI
        // escapes < and > as Go's encoding/json does.
        'Options: {"headers":{"A":"\\u003credacted\\u003e","B":"\\u003credacted\\u003e"},"url":"http://127.0.0.1:9/x"}\n' +
        // Then what a Condenser host adds: how delivery went (nothing sent yet).
        'Status: running\nSent: 0\nFailed: 0\nDropped: 0\nRetried: 0\nQueued: 0\nLast error: none\n',
      err: '',
    });

    expect(await run('delete-topic-handler', 'show', 'h1')).toEqual({ code: 0, out: '', err: '' });
    expect(await run('show-topic-handler', 'show', 'h1')).toEqual({
      code: 1,
      out: '',
      err: 'condenser show-topic-handler: unknown handler: "h1"\n',
    });
    // Deleting what is not there succeeds, as in Kapacitor.
    expect((await run('delete-topic-handler', 'show', 'h1')).code).toBe(0);
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (const [topic, id, kind] of [
      ['lsta', 'slack-ish', 'log'],
      ['lsta', 'poster', 'post'],
      ['lstb', 'a-much-longer-handler-id', 'log'],
    ] as const) {
      const opts = kind === 'post' ? '  url: http://127.0.0.1:9/\n' : '  path: /tmp/x.log\n';
      const r = await run(
        'define-topic-handler',
        file(`${topic}-${id}.yaml`, `topic: ${topic}\nid: ${id}\nkind: ${kind}\noptions:\n${opts}`),
      );
      expect(r.err).toBe('');
    }
    host.server.alert.collect(
      makeEvent({
        topic: 'lstb',
        state: { id: 'e1', message: 'e1 is CRITICAL', level: Level.CRITICAL, time: 1_000_000_000n },
      }),
    );
  });

  it('topics, filtered by patterns', async () => {
    expect(await run('list', 'topics', 'lst*')).toEqual({
      code: 0,
      out: 'ID   Level     Collected\nlsta OK                0\nlstb CRITICAL          1\n',
      err: '',
    });
    // several patterns: the union, each topic once
    expect((await run('list', 'topics', 'lstb', 'lst?')).out).toBe(
      'ID   Level     Collected\nlsta OK                0\nlstb CRITICAL          1\n',
    );
  });

  it("topic-handlers: every topic's handlers, or those matching a topic and handler pattern", async () => {
    const all = await run('list', 'topic-handlers');
    expect(all.code).toBe(0);
    expect(all.out.split('\n')[0]).toBe('Topic      ID                       Kind');
    expect(all.out).toContain('\nlsta       poster                   post\n');
    expect(all.out).toContain('\nlstb       a-much-longer-handler-id log\n');

    expect((await run('list', 'topic-handlers', 'lsta')).out).toBe(
      'Topic      ID         Kind\nlsta       poster     post\nlsta       slack-ish  log\n',
    );
    expect((await run('list', 'topic-handlers', 'lst*', 'p*', 'a?much*')).out).toBe(
      'Topic      ID                       Kind\n' +
        'lsta       poster                   post\n' +
        'lstb       a-much-longer-handler-id log\n',
    );
  });

  it('service-tests', async () => {
    expect(await run('list', 'service-tests')).toEqual({
      code: 0,
      out: `Service Name\n${installedServices.map((s) => `${s}\n`).join('')}`,
      err: '',
    });
    expect(await run('list', 'service-tests', 'nomatch*')).toEqual({
      code: 0,
      out: 'Service Name\n',
      err: '',
    });
  });

  it("a bad pattern is refused with the server's message", async () => {
    expect(await run('list', 'topics', '[')).toEqual({
      code: 1,
      out: '',
      err: 'condenser list: invalid pattern: syntax error in pattern: "["\n',
    });
  });
});

describe('show-topic and delete-topic', () => {
  it('shows level, handlers and events; delete-topic drops it', async () => {
    await run(
      'define-topic-handler',
      file('st.yaml', 'topic: st\nid: z-handler\nkind: log\noptions:\n  path: /tmp/x.log\n'),
    );
    await run(
      'define-topic-handler',
      file('st2.yaml', 'topic: st\nid: a-handler\nkind: log\noptions:\n  path: /tmp/x.log\n'),
    );
    const event = (id: string, level: Level, seconds: bigint) =>
      makeEvent({
        topic: 'st',
        state: { id, message: `${id} is ${Level[level]}`, level, time: seconds * 1_000_000_000n },
      });
    host.server.alert.collect(event('later', Level.WARNING, 120n));
    host.server.alert.collect(event('first', Level.CRITICAL, 60n));

    const r = await run('show-topic', 'st');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const date = (s: number) => formatRFC822(new Date(s * 1000));
    expect(r.out).toBe(
      'ID: st\nLevel: CRITICAL\nCollected: 2\nHandlers: [a-handler, z-handler]\nEvents:\n' +
        'Event Level    Message           Date\n' +
        `first CRITICAL first is CRITICAL ${date(60)}\n` +
        `later WARNING  later is WARNING  ${date(120)}\n`,
    );

    expect(await run('delete-topic', 'st')).toEqual({ code: 0, out: '', err: '' });
    expect(await run('show-topic', 'st')).toEqual({
      code: 1,
      out: '',
      err: 'condenser show-topic: unknown topic: "st"\n',
    });
  });
});

describe('ping', () => {
  it('answers with the URL and version', async () => {
    expect(await run('ping')).toEqual({
      code: 0,
      out: `OK ${host.url} (version 0.1.0)\n`,
      err: '',
    });
  });
});
