// The built-in kinds' requests, byte for byte against Kapacitor's (conformance/handlers),
// end to end as Kapacitor's server tests run them: the vector's task is defined over the HTTP
// API, the topic handlers are created with the vector's options and config, and the vector's
// points are written through /write.

import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from '../helpers/receivers.js';
import { handlerVectors, substitute, type VectorCase } from './vectors.js';
import { installedServices } from '../helpers/installed.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

interface VectorSetup {
  task: {
    id: string;
    type: string;
    dbrps: Array<{ db: string; rp: string }>;
    script: string;
    status: string;
  };
  write: { path: string; body: string };
}

function caseNamed(kind: string, name: string): VectorCase {
  const c = handlerVectors(kind).cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case "${name}" in ${kind}.json`);
  return c;
}

/** Define the vector's task: its own setup, or server_test's task around the case's script. */
async function defineTask(h: Host, c: VectorCase): Promise<void> {
  const setup = c.setup as VectorSetup | undefined;
  const task = setup?.task ?? {
    id: 'testAlertHandlers',
    type: 'stream',
    dbrps: [{ db: 'mydb', rp: 'myrp' }],
    script: c.tickscript as string,
    status: 'enabled',
  };
  const res = await h.api('POST', '/kapacitor/v1/tasks', task);
  expect(res.status, res.text).toBe(200);
}

/** Write the vector's points: a setup write, or `lines (precision=x)` (default s). */
async function writePoints(h: Host, c: VectorCase): Promise<void> {
  const setup = c.setup as VectorSetup | undefined;
  let path = setup?.write.path;
  let body = setup?.write.body;
  if (!setup) {
    const m = /^([\s\S]*?)\s*(?:\(precision=(\w+)\))?\s*$/.exec(c.write as string)!;
    body = m[1]!;
    path = `/kapacitor/v1/write?db=mydb&rp=myrp&precision=${m[2] ?? 's'}`;
  }
  const res = await h.api('POST', path!, body);
  expect(res.status, res.text).toBe(204);
}

async function createHandler(h: Host, topic: string, spec: Record<string, unknown>): Promise<void> {
  const res = await h.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, spec);
  expect(res.status, res.text).toBe(200);
}

/** Stop the tasks and drain every queue, so anything extra would have arrived. */
async function settle(h: Host): Promise<void> {
  await h.server.tasks.close();
  await h.server.alert.close(5000);
}

function headerOf(rawHeaders: string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === name.toLowerCase()) return rawHeaders[i + 1];
  }
  return undefined;
}

describe('post', () => {
  it.each([
    'topic handler with url option (no endpoint)',
    'topic handler with endpoint that has an alert-template',
    'alert-template "{{ jsonCompact . }}"',
  ])('%s', async (name) => {
    const receiver = await startHTTPReceiver();
    const server = receiver.url.replace(/\/alert$/, '');
    const c = substitute(caseNamed('post', name), { server });
    host = await startHost(c.config ?? {});
    await defineTask(host, c);
    await createHandler(host, 'test', {
      id: 'testAlertHandlers',
      kind: 'post',
      options: c.options,
    });
    await writePoints(host, c);
    await receiver.waitFor(1);
    await settle(host);
    expect(receiver.received).toHaveLength(1);
    const [expected] = c.expect!;
    const got = receiver.received[0]!;
    expect(got.method).toBe(expected!.method);
    expect(got.url).toBe(expected!.path);
    expect(got.body).toBe(expected!.bodyExact);
    const headers = expected!.headers as Record<string, string>;
    for (const [k, v] of Object.entries(headers)) expect(headerOf(got.rawHeaders, k)).toBe(v);
    if (!('Content-Type' in headers))
      expect(headerOf(got.rawHeaders, 'Content-Type')).toBeUndefined();
  });

  it('service test (httppost) default options', async () => {
    const receiver = await startHTTPReceiver();
    const server = receiver.url.replace(/\/alert$/, '');
    const c = substitute(caseNamed('post', 'service test (httppost) default options'), { server });
    host = await startHost();
    const request = c.request as { path: string; json: unknown };
    const res = await host.api('POST', request.path, request.json);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(c.response);
    const [expected] = c.expect!;
    const got = receiver.received[0]!;
    expect(got.url).toBe(expected!.path);
    expect(got.body).toBe(expected!.bodyExact);
    for (const [k, v] of Object.entries(expected!.headers as Record<string, string>)) {
      expect(headerOf(got.rawHeaders, k)).toBe(v);
    }
  });
});

describe('tcp', () => {
  it('topic handler', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(caseNamed('tcp', 'topic handler'), { tcpaddr: receiver.address });
    host = await startHost();
    await defineTask(host, c);
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'tcp', options: c.options });
    await writePoints(host, c);
    await receiver.waitFor(1);
    await settle(host);
    expect(receiver.messages.map((m) => m.toString('utf8'))).toEqual([c.expect![0]!.writeExact]);
  });

  it('match expression on a topic handler', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(caseNamed('tcp', 'match expression on a topic handler'), {
      tcpaddr: receiver.address,
    });
    host = await startHost();
    await defineTask(host, c);
    await createHandler(host, 'test', c.handlerSpec as Record<string, unknown>);
    // The script emits four events (one group, id "id"): CRIT serverB, OK serverB,
    // CRIT serverA, OK serverB; only CRIT serverA matches the expression.
    await writePoints(host, c);
    await receiver.waitFor(1);
    await settle(host);
    expect(receiver.messages).toHaveLength(1);
    expect(JSON.parse(receiver.messages[0]!.toString('utf8'))).toEqual(c.expect![0]!.json);
  });
});

describe('log', () => {
  it('topic handler with mode', async () => {
    const dir = tempDir();
    const path = join(dir, 'alert.log');
    const c = caseNamed('log', 'topic handler with mode');
    const options = { ...(c.options as Record<string, unknown>), path };
    host = await startHost();
    await defineTask(host, c);
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'log', options });
    await writePoints(host, c);
    await writePoints(host, c);
    await settle(host);
    const expected = c.expect![0]!;
    const line = expected.appendExact as string;
    // The same point again: still CRITICAL, so previousLevel is now CRITICAL.
    expect(readFileSync(path, 'utf8')).toBe(
      line + line.replace('"previousLevel":"OK"', '"previousLevel":"CRITICAL"'),
    );
    expect((statSync(path).mode & 0o777).toString(8).padStart(4, '0')).toBe(expected.fileMode);
  });
});

describe('exec', () => {
  it('topic handler prog+args', async () => {
    const dir = tempDir();
    const prog = join(dir, 'alert-handler.sh');
    writeFileSync(prog, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/stdin"\n`);
    chmodSync(prog, 0o755);
    const c = caseNamed('exec', 'topic handler prog+args');
    const options = { ...(c.options as Record<string, unknown>), prog };
    host = await startHost();
    await defineTask(host, c);
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'exec', options });
    await writePoints(host, c);
    await settle(host);
    const expected = c.expect![0]!;
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toBe(expected.stdinExact);
    expect(readFileSync(join(dir, 'args'), 'utf8').trimEnd().split('\n')).toEqual(expected.args);
  });
});

describe('publish and aggregate', () => {
  it.each([
    ['publish', 'publish events from topic "publish" to topic "tcp"'],
    ['aggregate', 'aggregate 3 events from topic "agg" into topic "tcp" every 100ms'],
  ])('%s: %s', async (kind, name) => {
    const receiver = await startTCPReceiver();
    const c = substitute(caseNamed(kind, name), { tcpaddr: receiver.address });
    host = await startHost();
    await defineTask(host, c);
    for (const spec of c.handlerSpecs as Array<Record<string, unknown>>) {
      await createHandler(host, spec.topic as string, spec);
    }
    await writePoints(host, c);
    await receiver.waitFor(1);
    expect(receiver.messages.map((m) => m.toString('utf8'))).toEqual([c.expect![0]!.writeExact]);
    const events = await host.api('GET', '/kapacitor/v1/alerts/topics/tcp/events');
    expect(events.json).toEqual(c.topicEventsAfter);
  });
});

/**
 * The vector with its `time.Now()` placeholders (bigpanda's `timestamp`) replaced by what was
 * listed, once that is checked to be an RFC3339 time of the last hour.
 */
interface ListedService {
  name: string;
  options?: Record<string, unknown>;
}

function withNow(expected: ListedService, listed: ListedService): ListedService {
  if (expected.options === undefined) return expected;
  const options = { ...expected.options };
  for (const [k, v] of Object.entries(options)) {
    if (typeof v !== 'string' || !v.startsWith('<time.Now()')) continue;
    const shown = listed.options?.[k];
    expect(shown, k).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Math.abs(Date.parse(String(shown)) - Date.now()), k).toBeLessThan(3_600_000);
    options[k] = shown;
  }
  return { ...expected, options };
}

describe('service-tests listing', () => {
  it('lists every installed service, each with the default options of Kapacitor', async () => {
    const vectors = handlerVectors('service-tests') as unknown as {
      listResponse: { services: ListedService[] };
    };
    host = await startHost();
    const res = await host.api('GET', '/kapacitor/v1/service-tests');
    expect(res.status).toBe(200);
    const body = res.json as { link: unknown; services: ListedService[] };
    expect(body.link).toEqual({ rel: 'self', href: '/kapacitor/v1/service-tests' });
    expect(body.services.map((s) => s.name)).toEqual(installedServices);
    for (const service of body.services) {
      const expected = vectors.listResponse.services.find((s) => s.name === service.name);
      // A kind Kapacitor does not have (one a user generated) has no vector to match.
      if (!expected) continue;
      expect(service).toEqual(withNow(expected, service));
    }
    expect(body.services.map((s) => s.name)).toContain('httppost');
  });
});
