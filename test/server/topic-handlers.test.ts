// Topic handler CRUD over the HTTP API, and what survives a restart.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { runCli } from '../../src/cli/index.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

const base = '/kapacitor/v1/alerts/topics';

describe('topic handlers', () => {
  it('creates, reads, lists, patches, renames and deletes, with Kapacitor shapes', async () => {
    host = await startHost();
    const created = await host.api('POST', `${base}/system/handlers`, {
      id: 'myhandler',
      kind: 'post',
      options: { url: 'http://example.com/x' },
    });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      link: { rel: 'self', href: `${base}/system/handlers/myhandler` },
      id: 'myhandler',
      kind: 'post',
      options: { url: 'http://example.com/x' },
      match: '',
    });
    expect(created.text).toContain('\n    "id": "myhandler"'); // MarshalIndent, four spaces
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(created.headers.get('x-kapacitor-version')).toBeTruthy();
    expect(created.headers.get('request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const topic = await host.api('GET', `${base}/system`);
    expect(topic.json).toEqual({
      link: { rel: 'self', href: `${base}/system` },
      id: 'system',
      level: 'OK',
      collected: 0,
      'events-link': { rel: 'events', href: `${base}/system/events` },
      'handlers-link': { rel: 'handlers', href: `${base}/system/handlers` },
    });

    const patched = await host.api('PATCH', `${base}/system/handlers/myhandler`, [
      { op: 'replace', path: '/kind', value: 'log' },
      { op: 'remove', path: '/options/url' },
      { op: 'add', path: '/options/path', value: '/tmp/alert.log' },
    ]);
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({
      id: 'myhandler',
      kind: 'log',
      options: { path: '/tmp/alert.log' },
    });

    const renamed = await host.api('PUT', `${base}/system/handlers/myhandler`, {
      id: 'newid',
      kind: 'tcp',
      options: { address: '127.0.0.1:9' },
      match: 'level() >= WARNING',
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({
      link: { href: `${base}/system/handlers/newid` },
      id: 'newid',
      kind: 'tcp',
    });
    expect((await host.api('GET', `${base}/system/handlers/myhandler`)).status).toBe(404);

    const list = await host.api('GET', `${base}/system/handlers`);
    expect(list.json).toEqual({
      link: { rel: 'self', href: `${base}/system/handlers` },
      topic: 'system',
      handlers: [
        {
          link: { rel: 'self', href: `${base}/system/handlers/newid` },
          id: 'newid',
          kind: 'tcp',
          options: { address: '127.0.0.1:9' },
          match: 'level() >= WARNING',
        },
      ],
    });

    expect((await host.api('DELETE', `${base}/system/handlers/newid`)).status).toBe(204);
    expect((await host.api('DELETE', `${base}/system/handlers/newid`)).status).toBe(204);
    expect((await host.api('GET', `${base}/system/handlers`)).json).toMatchObject({ handlers: [] });
  });

  it('filters topics by pattern and min-level and lists events', async () => {
    host = await startHost();
    const at = (id: string, topic: string, level: Level) =>
      makeEvent({
        topic,
        state: {
          id,
          message: `${id} is ${Level[level]}`,
          level,
          time: 2_000_000n,
          duration: 1_500_000_000n,
        },
      });
    host.server.alert.collect(at('a', 'cpu', Level.CRITICAL));
    host.server.alert.collect(at('b', 'cpu', Level.INFO));
    host.server.alert.collect(at('c', 'mem', Level.WARNING));
    const ids = async (query: string) =>
      (
        (await host!.api('GET', `${base}${query}`)).json as { topics: Array<{ id: string }> }
      ).topics.map((t) => t.id);
    expect(await ids('')).toEqual(['cpu', 'mem']);
    expect(await ids('?min-level=critical')).toEqual(['cpu']);
    expect(await ids('?pattern=m*')).toEqual(['mem']);
    const events = await host.api('GET', `${base}/cpu/events?min-level=WARNING`);
    expect(events.json).toEqual({
      link: { rel: 'self', href: `${base}/cpu/events` },
      topic: 'cpu',
      events: [
        {
          link: { rel: 'self', href: `${base}/cpu/events/a` },
          id: 'a',
          state: {
            message: 'a is CRITICAL',
            details: '',
            time: '1970-01-01T00:00:00.002Z',
            duration: '1.5s',
            level: 'CRITICAL',
          },
        },
      ],
    });
    expect((await host.api('GET', `${base}/cpu/events/b`)).json).toMatchObject({
      id: 'b',
      state: { level: 'INFO' },
    });
    expect((await host.api('DELETE', `${base}/cpu`)).status).toBe(204);
    expect(await ids('')).toEqual(['mem']);
  });

  it('keeps handlers and non-OK topic state over a restart, and delivers after it', async () => {
    const receiver = await startHTTPReceiver();
    host = await startHost();
    expect(
      (
        await host.api('POST', `${base}/cpu/handlers`, {
          id: 'hook',
          kind: 'post',
          options: { url: receiver.url },
          match: 'changed()',
        })
      ).status,
    ).toBe(200);
    const event = (id: string, level: Level) =>
      makeEvent({ topic: 'cpu', state: { id, message: id, level, time: 1_000_000_000n } });
    host.server.alert.collect(event('down', Level.CRITICAL));
    host.server.alert.collect(event('recovered', Level.CRITICAL));
    host.server.alert.collect(event('recovered', Level.OK));
    await receiver.waitFor(3);

    host = await host.restart();
    const handlers = await host.api('GET', `${base}/cpu/handlers`);
    expect((handlers.json as { handlers: unknown[] }).handlers).toEqual([
      {
        link: { rel: 'self', href: `${base}/cpu/handlers/hook` },
        id: 'hook',
        kind: 'post',
        options: { url: receiver.url },
        match: 'changed()',
      },
    ]);
    // Only the non-OK state was persisted.
    const events = (await host.api('GET', `${base}/cpu/events`)).json as {
      events: Array<{ id: string }>;
    };
    expect(events.events.map((e) => e.id)).toEqual(['down']);
    // previousLevel survives: the same CRITICAL again is not a change, a recovery is.
    host.server.alert.collect(event('down', Level.CRITICAL));
    host.server.alert.collect(event('down', Level.OK));
    await receiver.waitFor(4);
    await host.server.alert.close(5000);
    expect(receiver.received).toHaveLength(4);
    expect(JSON.parse(receiver.received[3]!.body)).toMatchObject({
      id: 'down',
      level: 'OK',
      previousLevel: 'CRITICAL',
    });
  });
});

describe('handler files', () => {
  it('define-topic-handler from YAML and JSON files survives a restart', async () => {
    const dir = tempDir();
    const yaml = join(dir, 'cpu.yaml');
    const json = join(dir, 'mem.json');
    writeFileSync(
      yaml,
      "topic: cpu\nid: example\nkind: log\nmatch: changed() == TRUE\noptions:\n  path: '/tmp/cpu.log'\n",
    );
    writeFileSync(
      json,
      JSON.stringify({
        topic: 'mem',
        id: 'mem-hook',
        kind: 'tcp',
        options: { address: '127.0.0.1:7777' },
      }),
    );
    host = await startHost();
    const errors: string[] = [];
    const io = { out: () => {}, err: (s: string) => void errors.push(s) };
    expect(await runCli(['-url', host.url, 'define-topic-handler', yaml], io)).toBe(0);
    expect(await runCli(['-url', host.url, 'define-topic-handler', json], io)).toBe(0);
    expect(errors).toEqual([]);
    host = await host.restart();
    expect((await host.api('GET', `${base}/cpu/handlers/example`)).json).toEqual({
      link: { rel: 'self', href: `${base}/cpu/handlers/example` },
      id: 'example',
      kind: 'log',
      options: { path: '/tmp/cpu.log' },
      match: 'changed() == TRUE',
    });
    expect((await host.api('GET', `${base}/mem/handlers/mem-hook`)).json).toMatchObject({
      kind: 'tcp',
      options: { address: '127.0.0.1:7777' },
    });
    // Upsert: the same file with another path updates the handler in place.
    writeFileSync(yaml, "topic: cpu\nid: example\nkind: log\noptions:\n  path: '/tmp/other.log'\n");
    expect(await runCli(['-url', host.url, 'define-topic-handler', yaml], io)).toBe(0);
    expect((await host.api('GET', `${base}/cpu/handlers/example`)).json).toMatchObject({
      options: { path: '/tmp/other.log' },
      match: '',
    });
  });
});
