// The Condenser extension API: the schema is derived from the host's own definitions (every
// section, every handler kind, every service test), overrides are listed by key only, and the
// live alert view keeps levels, level history and event data, streamed as server-sent events.

import { afterEach, describe, expect, it } from 'vitest';
import type {
  AlertStreamMessage,
  SchemaResponse,
  TopicDetailResponse,
  TopicSummary,
} from '../../src/api/condenser.js';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { handlerKinds } from '../../src/alert/service.js';
import { infoOf } from '../../src/config/fields.js';
import type { SectionDef } from '../../src/config/section.js';
import { allSections } from '../../src/server/config.js';
import { sseMessages } from '../../console/lib/sse.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const kindTypes: Record<string, string> = {
  string: 'string',
  bool: 'bool',
  int: 'int',
  float: 'float',
  duration: 'duration',
  stringList: 'stringList',
  stringMap: 'stringMap',
};

describe('GET /condenser/v1/schema', () => {
  it('describes every section from its definition: fields, types, secrets, list keys, tests', async () => {
    host = await startHost();
    const res = await host.api('GET', '/condenser/v1/schema');
    expect(res.status).toBe(200);
    const schema = res.json as SchemaResponse;
    const defs = Object.values(allSections as Record<string, SectionDef>);
    expect(schema.sections.map((s) => s.name)).toEqual(defs.map((d) => d.name).sort());
    for (const def of defs) {
      const s = schema.sections.find((x) => x.name === def.name)!;
      expect(s.description).toBe(def.description);
      expect(s.overridable).toBe(def.overridable);
      expect(s.list).toEqual(def.list ? { key: def.list.key } : null);
      expect(s.fields.map((f) => f.name)).toEqual(Object.keys(def.schema.shape));
      for (const f of s.fields) {
        const info = infoOf(def.schema.shape[f.name] as never);
        if (!info) continue;
        expect(f.secret, `${def.name}.${f.name}`).toBe(info.secret);
        expect(f.description).toBe(info.description);
        if (kindTypes[info.kind]) expect(f.type).toBe(kindTypes[info.kind]);
      }
      const service = host.server.services.get(def.name);
      expect(s.test === null, def.name).toBe(service?.test === undefined);
      if (service?.test)
        expect(s.test!.options.map((o) => o.name)).toEqual(Object.keys(service.test.options.shape));
    }
  });

  it('gives defaults as the API shows them: Go durations in config, nanoseconds in options', async () => {
    host = await startHost();
    const schema = (await host.api('GET', '/condenser/v1/schema')).json as SchemaResponse;
    const alert = schema.sections.find((s) => s.name === 'alert')!;
    expect(alert.fields.find((f) => f.name === 'delivery-timeout')).toEqual({
      name: 'delivery-timeout',
      type: 'duration',
      durationFormat: 'go',
      default: '30s',
      description: 'Time limit for one delivery attempt',
      secret: false,
      optional: false,
    });
    const httppost = schema.sections.find((s) => s.name === 'httppost')!;
    expect(httppost.kinds).toContain('post');
    const auth = httppost.fields.find((f) => f.name === 'basic-auth')!;
    expect(auth).toMatchObject({ type: 'object', secret: true, optional: true, default: false });
    expect(auth.fields!.map((f) => f.name)).toEqual(['username', 'password']);
    const post = schema.handlers.find((h) => h.kind === 'post')!;
    expect(post).toMatchObject({ section: 'httppost', external: true, tickProperty: 'post' });
    expect(post.options.find((o) => o.name === 'timeout')).toMatchObject({
      type: 'duration',
      durationFormat: 'nanoseconds',
      default: 0,
    });
    // Fields not made by a builder are described from their zod schema.
    const users = schema.sections.find((s) => s.name === 'auth')!.fields[0]!;
    expect(users).toMatchObject({ name: 'users', type: 'list', default: [] });
    expect(users.fields!.map((f) => [f.name, f.type])).toEqual([
      ['username', 'string'],
      ['password', 'string'],
    ]);
  });

  it('lists every handler kind of the host with its options', async () => {
    host = await startHost();
    const schema = (await host.api('GET', '/condenser/v1/schema')).json as SchemaResponse;
    const kinds = Object.values(handlerKinds).map((k) => k.kind);
    expect(schema.handlers.map((h) => h.kind)).toEqual([...kinds].sort());
    for (const k of Object.values(handlerKinds)) {
      const h = schema.handlers.find((x) => x.kind === k.kind)!;
      expect(h.options.map((o) => o.name)).toEqual(Object.keys(k.options.shape));
      expect(h.section).toBe(k.service ?? null);
    }
  });

  it('needs the API credentials when auth is enabled', async () => {
    const { hashToken } = await import('../../src/server/auth.js');
    host = await startHost({
      http: { 'auth-enabled': true },
      auth: { tokens: [{ name: 'console', hash: hashToken('tok-console') }] },
    });
    expect((await host.api('GET', '/condenser/v1/schema')).status).toBe(401);
    const ok = await host.api('GET', '/condenser/v1/schema', undefined, {
      Authorization: 'Bearer tok-console',
    });
    expect(ok.status).toBe(200);
  });
});

describe('GET /condenser/v1/config/overrides', () => {
  it('names the overridden keys, never their values', async () => {
    host = await startHost();
    expect((await host.api('GET', '/condenser/v1/config/overrides')).json).toEqual({
      overrides: [],
    });
    const set = await host.api('POST', '/kapacitor/v1/config/httppost/example', {
      set: { url: 'http://127.0.0.1:1/x', 'basic-auth': { username: 'u', password: 's3cr3t-pw' } },
    });
    expect(set.status).toBe(204);
    const added = await host.api('POST', '/kapacitor/v1/config/httppost', {
      add: { endpoint: 'second', url: 'http://127.0.0.1:2/' },
    });
    expect(added.status).toBe(204);
    const res = await host.api('GET', '/condenser/v1/config/overrides');
    expect(res.json).toEqual({
      overrides: [
        { section: 'httppost', element: 'example', created: false, keys: ['basic-auth', 'url'] },
        { section: 'httppost', element: 'second', created: true, keys: ['url'] },
      ],
    });
    expect(res.text).not.toContain('s3cr3t-pw');
  });
});

const second = 1_000_000_000n;
const t0 = 1_700_000_000n * second;

function collect(h: Host, topic: string, id: string, level: Level, at: bigint): void {
  h.server.alert.collect(
    makeEvent({
      topic,
      state: { id, message: `${id} is ${Level[level]}`, level, time: at },
      data: {
        result: {
          series: [{ name: 'cpu', tags: { host: id }, columns: ['time', 'v'], values: [[1, 2]] }],
        },
      },
    }),
  );
}

describe('live alert view', () => {
  it('keeps each topic level, its changes and the data of its events', async () => {
    host = await startHost();
    collect(host, 'ops', 'a', Level.WARNING, t0);
    collect(host, 'ops', 'b', Level.CRITICAL, t0 + second);
    collect(host, 'ops', 'b', Level.CRITICAL, t0 + 2n * second); // no change of topic level
    collect(host, 'ops', 'b', Level.OK, t0 + 3n * second);
    collect(host, 'ops', 'a', Level.OK, t0 + 4n * second);
    collect(host, 'ops', 'c', Level.INFO, t0 + 5n * second);
    const res = await host.api('GET', '/condenser/v1/alerts/topics/ops');
    expect(res.status).toBe(200);
    const detail = res.json as TopicDetailResponse;
    const ms = (n: bigint) => Number((t0 + n * second) / 1_000_000n);
    expect(detail.topic).toEqual({
      id: 'ops',
      level: 'INFO',
      collected: 6,
      events: { OK: 2, INFO: 1, WARNING: 0, CRITICAL: 0 },
      history: [
        { time: ms(0n), level: 'WARNING' },
        { time: ms(1n), level: 'CRITICAL' },
        { time: ms(3n), level: 'WARNING' },
        { time: ms(4n), level: 'OK' },
        { time: ms(5n), level: 'INFO' },
      ],
    });
    expect(detail.total).toBe(3);
    expect(detail.events.map((e) => [e.id, e.level])).toEqual([
      ['c', 'INFO'],
      ['a', 'OK'],
      ['b', 'OK'],
    ]);
    expect(detail.events[0]).toMatchObject({
      message: 'c is INFO',
      time: '2023-11-14T22:13:25Z',
      data: { series: [{ name: 'cpu', tags: { host: 'c' }, columns: ['time', 'v'] }] },
    });
    const limited = (await host.api('GET', '/condenser/v1/alerts/topics/ops?limit=1'))
      .json as TopicDetailResponse;
    expect(limited.events.map((e) => e.id)).toEqual(['c']);
    expect(limited.total).toBe(3);
  });

  it('refuses an unknown topic and a bad limit with a reason', async () => {
    host = await startHost();
    const missing = await host.api('GET', '/condenser/v1/alerts/topics/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: 'unknown topic: "nope"' });
    collect(host, 'ops', 'a', Level.OK, t0);
    for (const bad of ['0', '-1', 'ten', '1001', '99999999999']) {
      const r = await host.api('GET', `/condenser/v1/alerts/topics/ops?limit=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.json).toMatchObject({
        error: `invalid limit "${bad}": must be an integer from 1 to 1000`,
      });
    }
  });

  it('starts from the stored topic state after a restart (the data is not kept)', async () => {
    const dir = tempDir();
    host = await startHost({}, dir);
    collect(host, 'ops', 'a', Level.CRITICAL, t0);
    host = await host.restart();
    const detail = (await host.api('GET', '/condenser/v1/alerts/topics/ops'))
      .json as TopicDetailResponse;
    expect(detail.topic.level).toBe('CRITICAL');
    expect(detail.topic.history).toEqual([{ time: Number(t0 / 1_000_000n), level: 'CRITICAL' }]);
    expect(detail.events[0]!.data).toBeNull();
  });

  it('streams a snapshot, then what changed, then deleted topics', async () => {
    host = await startHost();
    collect(host, 'before', 'x', Level.WARNING, t0);
    const abort = new AbortController();
    const res = await fetch(`${host.url}/condenser/v1/alerts/stream`, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const next = async (): Promise<AlertStreamMessage> => {
      for (;;) {
        const split = sseMessages(buffer);
        if (split.messages.length > 0) {
          const [first, ...rest] = split.messages;
          buffer = rest.map((m) => `data: ${m}\n\n`).join('') + split.rest;
          return JSON.parse(first!) as AlertStreamMessage;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    const snapshot = await next();
    expect(snapshot.type).toBe('snapshot');
    expect(snapshot.topics.map((t: TopicSummary) => [t.id, t.level])).toEqual([
      ['before', 'WARNING'],
    ]);

    collect(host, 'cpu', 'web01', Level.CRITICAL, t0);
    const changed = await next();
    expect(changed).toMatchObject({ type: 'changed', deleted: [] });
    expect(changed.topics.map((t) => [t.id, t.level])).toEqual([['cpu', 'CRITICAL']]);

    expect((await host.api('DELETE', '/kapacitor/v1/alerts/topics/cpu')).status).toBe(204);
    expect(await next()).toEqual({ type: 'changed', topics: [], deleted: ['cpu'] });

    // Closing the host ends open streams instead of waiting for them.
    await host.stop();
    host = undefined;
    await expect(reader.read()).resolves.toMatchObject({ done: true });
    abort.abort();
  });
});
