// The built-in kinds' requests, byte for byte against Kapacitor's (conformance/handlers).
// The vector's event is collected on the topic exactly as an alert node would publish it;
// the handler is created through the HTTP API with the vector's options and config.

import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { GoTime } from '../../src/common/gotime.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from '../helpers/receivers.js';
import {
  eventFromVector,
  handlerVectors,
  level,
  rowFromVector,
  substitute,
  time,
  type VectorCase,
} from './vectors.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

function caseNamed(kind: string, name: string): VectorCase {
  const c = handlerVectors(kind).cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case "${name}" in ${kind}.json`);
  return c;
}

async function createHandler(h: Host, topic: string, spec: Record<string, unknown>): Promise<void> {
  const res = await h.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, spec);
  expect(res.status, res.text).toBe(200);
}

function headerOf(rawHeaders: string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === name.toLowerCase()) return rawHeaders[i + 1];
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
    await createHandler(host, 'test', {
      id: 'testAlertHandlers',
      kind: 'post',
      options: c.options,
    });
    host.server.alert.collect(eventFromVector(c.event!));
    await receiver.waitFor(1);
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
    for (const [k, v] of Object.entries(expected!.headers as Record<string, string>))
      expect(headerOf(got.rawHeaders, k)).toBe(v);
  });
});

describe('tcp', () => {
  it('topic handler', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(caseNamed('tcp', 'topic handler'), { tcpaddr: receiver.address });
    host = await startHost();
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'tcp', options: c.options });
    host.server.alert.collect(eventFromVector(c.event!));
    await receiver.waitFor(1);
    expect(receiver.messages[0]!.toString('utf8')).toBe(c.expect![0]!.writeExact);
  });

  it('match expression on a topic handler', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(caseNamed('tcp', 'match expression on a topic handler'), {
      tcpaddr: receiver.address,
    });
    host = await startHost();
    await createHandler(host, 'test', c.handlerSpec as Record<string, unknown>);
    // The four events the vector's script emits (one group, id "id"): CRIT serverB,
    // OK serverB (recovery), CRIT serverA, OK serverB (recovery).
    const emitted: Array<[string, Level, number, number]> = [
      ['serverB', Level.CRITICAL, 1, 2],
      ['serverB', Level.OK, 2, 0],
      ['serverA', Level.CRITICAL, 3, 2],
      ['serverB', Level.OK, 4, 0],
    ];
    for (const [hostTag, lvl, sec, value] of emitted) {
      const t = BigInt(sec) * 1_000_000_000n;
      host.server.alert.collect(
        makeEvent({
          topic: 'test',
          state: {
            id: 'id',
            message: 'message',
            details: 'details',
            time: t,
            duration: 0n,
            level: lvl,
          },
          data: {
            name: 'alert',
            taskName: 'testAlertMatch',
            tags: { host: hostTag },
            fields: { value },
            recoverable: true,
            result: {
              series: [
                {
                  name: 'alert',
                  tags: { host: hostTag },
                  columns: ['time', 'value'],
                  values: [[new GoTime(t), value]],
                },
              ],
            },
          },
        }),
      );
    }
    await receiver.waitFor(1);
    await host.server.alert.close(5000);
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
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'log', options });
    host.server.alert.collect(eventFromVector(c.event!));
    host.server.alert.collect(eventFromVector(c.event!));
    await host.server.alert.close(5000);
    const expected = c.expect![0]!;
    const line = expected.appendExact as string;
    // Second event: same state, so previousLevel is now CRITICAL.
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
    await createHandler(host, 'test', { id: 'testAlertHandlers', kind: 'exec', options });
    host.server.alert.collect(eventFromVector(c.event!));
    await host.server.alert.close(5000);
    const expected = c.expect![0]!;
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toBe(expected.stdinExact);
    expect(readFileSync(join(dir, 'args'), 'utf8').trimEnd().split('\n')).toEqual(expected.args);
  });
});

describe('publish and aggregate', () => {
  it('publish events from topic "publish" to topic "tcp"', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(
      caseNamed('publish', 'publish events from topic "publish" to topic "tcp"'),
      { tcpaddr: receiver.address },
    );
    host = await startHost();
    for (const spec of c.handlerSpecs as Array<Record<string, unknown>>)
      await createHandler(host, spec.topic as string, spec);
    const expected = c.expect![0]!;
    const json = expected.json as { time: string; data: { series: never[] } };
    host.server.alert.collect(
      makeEvent({
        topic: 'publish',
        state: {
          id: 'id',
          message: 'message',
          details: 'details',
          time: time(json.time),
          duration: 0n,
          level: Level.CRITICAL,
        },
        data: {
          name: 'alert',
          recoverable: true,
          result: { series: json.data.series.map(rowFromVector) },
        },
      }),
    );
    await receiver.waitFor(1);
    expect(receiver.messages[0]!.toString('utf8')).toBe(expected.writeExact);
    const events = await host.api('GET', '/kapacitor/v1/alerts/topics/tcp/events');
    expect(events.json).toEqual(c.topicEventsAfter);
  });

  it('aggregate 3 events from topic "agg" into topic "tcp" every 100ms', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(
      caseNamed('aggregate', 'aggregate 3 events from topic "agg" into topic "tcp" every 100ms'),
      {
        tcpaddr: receiver.address,
      },
    );
    host = await startHost();
    for (const spec of c.handlerSpecs as Array<Record<string, unknown>>)
      await createHandler(host, spec.topic as string, spec);
    const agg = c.aggregatedEvent as { data: { series: Array<{ values: [string, number][] }> } };
    // The alert node's three CRITICAL events at 0, 1 and 2 ms (one incident).
    for (const row of agg.data.series) {
      const t = time(row.values[0]![0]);
      host.server.alert.collect(
        makeEvent({
          topic: 'agg',
          state: {
            id: 'id',
            message: 'message',
            details: 'details',
            time: t,
            duration: t,
            level: level('CRITICAL'),
          },
          data: {
            name: 'alert',
            recoverable: true,
            result: { series: [rowFromVector(row as never)] },
          },
        }),
      );
    }
    await receiver.waitFor(1);
    const expected = c.expect![0]!;
    expect(receiver.messages[0]!.toString('utf8')).toBe(expected.writeExact);
    const events = await host.api('GET', '/kapacitor/v1/alerts/topics/tcp/events');
    expect(events.json).toEqual(c.topicEventsAfter);
  });
});

describe('service-tests listing', () => {
  it('lists httppost with the default options of Kapacitor', async () => {
    const vectors = handlerVectors('service-tests') as unknown as {
      listResponse: { services: Array<{ name: string }> };
    };
    host = await startHost();
    const res = await host.api('GET', '/kapacitor/v1/service-tests');
    expect(res.status).toBe(200);
    const body = res.json as { link: unknown; services: Array<{ name: string }> };
    expect(body.link).toEqual({ rel: 'self', href: '/kapacitor/v1/service-tests' });
    for (const service of body.services) {
      expect(service).toEqual(vectors.listResponse.services.find((s) => s.name === service.name));
    }
    expect(body.services.map((s) => s.name)).toContain('httppost');
  });
});
