// Every generated kind against Kapacitor's vectors, byte for byte, end to end through the
// running host as Kapacitor's server and integration tests run them: topic-handler cases
// (the vector's task, config, topic handler and write), TICKscript cases (the task fed
// TestStream_Alert's recording through /write) and service-test cases (POST
// /kapacitor/v1/service-tests/<name>). Kinds are read from the host's registry, so a kind
// generated from the catalogue is checked as soon as it is installed. HTTP and TCP kinds
// deliver to receivers; smtp, mqtt and snmptrap to a real SMTP server, MQTT broker and trap
// receiver on 127.0.0.1, and kafka to the Kafka TEST BROKER, a protocol-level test double
// (no Kafka broker can run on these machines; see peer-vectors.ts).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, type AlertEvent, type Row } from '../../src/alert/event.js';
import { parseLevel } from '../../src/alert/level.js';
import { handlerKinds } from '../../src/alert/service.js';
import { parseRFC3339 } from '../../src/common/gotime.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from '../helpers/receivers.js';
import { peerExpectations, startVectorPeers, stopVectorPeers } from './peer-vectors.js';
import { substitute, type VectorCase } from './vectors.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance');
/** Kinds with tests of their own (handlers.test.ts, handlers-tick.test.ts). */
const builtIns = new Set(['post', 'tcp', 'log', 'exec', 'publish', 'aggregate']);

/** TestStream_Alert's points: cpu for serverA/serverB and disk, 1 s apart from 1971-01-01. */
const streamAlertLines = (
  JSON.parse(readFileSync(join(fixtures, 'tick', 'stream_alert_window_count.json'), 'utf8')) as {
    input: { writes: Array<{ lines: string[] }> };
  }
).input.writes.flatMap((w) => w.lines);

interface Expectation {
  transport: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  json?: unknown;
  bodyExact?: string;
  form?: Record<string, string | string[]>;
  successStatus?: number | number[];
  writeExact?: string;
}

interface Setup {
  task: {
    id: string;
    type: string;
    dbrps: Array<{ db: string; rp: string }>;
    script: string;
    status: string;
  };
  write: { path: string; body: string };
  topicHandler?: { topic: string; id: string };
}

const installed = Object.values(handlerKinds)
  .map((k) => k.kind)
  .filter((k) => !builtIns.has(k) && existsSync(join(fixtures, 'handlers', `${k}.json`)))
  .sort();

/** `derived` cases (restated from Kapacitor's code) run too when they give one event and options. */
const runnable = (c: VectorCase) =>
  ['topic-handler', 'tickscript', 'service-test'].includes(c.via) ||
  (c.via === 'derived' && c.event !== undefined && c.options !== undefined);

/** An event as the vectors write it (README: "Event object"). */
interface VectorEvent {
  id: string;
  message: string;
  details?: string;
  time: string;
  duration: number;
  level: string;
  previousLevel: string;
  recoverable: boolean;
  name: string;
  taskName: string;
  group: string;
  tags: Record<string, string>;
  fields: Record<string, number | string | boolean>;
  data?: { series: Row[] | null };
}

function eventOf(e: VectorEvent, topic: string): AlertEvent {
  return makeEvent({
    topic,
    state: {
      id: e.id,
      message: e.message,
      details: e.details ?? '',
      time: parseRFC3339(e.time)!.ns,
      duration: BigInt(e.duration),
      level: parseLevel(e.level)!,
    },
    data: {
      name: e.name,
      taskName: e.taskName,
      group: e.group,
      tags: e.tags,
      fields: e.fields,
      recoverable: e.recoverable,
      result: e.data ?? { series: null },
    },
    previousLevel: parseLevel(e.previousLevel)!,
  });
}

/**
 * The points a TICKscript case is fed: TestStream_Alert's recording, or, for a case that lists
 * its events (a stream without windows: each event is one point), the points of those events.
 */
function recordingOf(c: VectorCase): string[] {
  const events = c.events as VectorEvent[] | undefined;
  if (events === undefined) return streamAlertLines;
  return events.flatMap((e) =>
    (e.data?.series ?? []).flatMap((row) =>
      (row.values ?? []).map((values) => {
        const tags = Object.entries(row.tags ?? {})
          .map(([k, v]) => `,${k}=${v}`)
          .join('');
        const columns = row.columns ?? [];
        const fields = columns.slice(1).map((col, i) => `${col}=${String(values[i + 1])}`);
        const seconds = Number(parseRFC3339(String(values[0]))!.unixSeconds());
        return `${row.name ?? ''}${tags} ${fields.join(',')} ${seconds}`;
      }),
    ),
  );
}

function casesOf(kind: string): VectorCase[] {
  const file = JSON.parse(readFileSync(join(fixtures, 'handlers', `${kind}.json`), 'utf8')) as {
    cases: VectorCase[];
  };
  return file.cases.filter(runnable);
}

/**
 * A store holding server_test's cluster and server ids, which the default details template
 * shows (`.ServerInfo`); the hostname is this machine's, put in place of server_test's.
 */
function serverTestStore(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'ids.json'),
    JSON.stringify({
      cluster: 'f4c77777-a43d-439a-ba56-b08cbb0993fe',
      server: 'af80a060-3226-41e2-b1cd-548a1467b491',
    }),
  );
  return dir;
}

function withOwnHostname(expected: Expectation[]): Expectation[] {
  const own = (s: string) =>
    s.replace(/(Hostname(?:\\u0026|&)#34;:(?:\\u0026|&)#34;)localhost/g, `$1${hostname()}`);
  return expected.map((e) =>
    e.bodyExact === undefined ? e : { ...e, bodyExact: own(e.bodyExact) },
  );
}

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
  await stopVectorPeers();
});

function header(raw: string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.toLowerCase() === name.toLowerCase()) return raw[i + 1];
  return undefined;
}

function formOf(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : [...([] as string[]).concat(prev), v];
  }
  return out;
}

async function settle(h: Host): Promise<void> {
  await h.server.tasks.close();
  await h.server.alert.close(5000);
}

describe.each(installed)('%s: Kapacitor vectors', (kind) => {
  it.each(casesOf(kind).map((c) => [c.name, c] as const))('%s', async (_name, raw) => {
    const expected = (raw.expect ?? []) as unknown as Expectation[];
    const statuses = expected.map((e) =>
      Array.isArray(e.successStatus) ? e.successStatus[0]! : (e.successStatus ?? 200),
    );
    const http = await startHTTPReceiver((n) => ({ status: statuses[n] ?? 200 }));
    const tcp = await startTCPReceiver((data) => (kind === 'sensu' && data.length > 0 ? 'ok' : ''));
    const server = http.url.replace(/\/alert$/, '');
    const peers = await startVectorPeers(kind);
    const before = substitute(raw, { server, tcpaddr: tcp.address, ...peers?.vars });
    const config = (before.config ?? {}) as Record<string, unknown>;
    host = await startHost(
      (peers ? peers.config(config) : config) as Record<string, never>,
      serverTestStore(),
    );
    const c = substitute(before, { kapacitorURL: `${host.url}/kapacitor/v1` });
    const wanted = withOwnHostname((c.expect ?? []) as unknown as Expectation[]);

    if (c.via === 'service-test') {
      const request = c.request as { path: string; json: unknown };
      const res = await host.api('POST', request.path, request.json);
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual(c.response);
    } else if (c.via === 'tickscript') {
      const created = await host.api('POST', '/kapacitor/v1/tasks', {
        id: 'TestStream_Alert',
        type: 'stream',
        dbrps: [{ db: 'dbname', rp: 'rpname' }],
        script: c.tickscript,
        status: 'enabled',
      });
      expect(created.status, created.text).toBe(200);
      const res = await host.api('POST', '/kapacitor/v1/write?db=dbname&rp=rpname&precision=s', recordingOf(c).join('\n')); // prettier-ignore
      expect(res.status, res.text).toBe(204);
    } else if (c.via === 'derived') {
      const handler = await host.api('POST', '/kapacitor/v1/alerts/topics/derived/handlers', {
        id: 'derived',
        kind,
        options: c.options,
      });
      expect(handler.status, handler.text).toBe(200);
      host.server.alert.collect(eventOf(c.event as VectorEvent, 'derived'));
    } else {
      const setup = c.setup as Setup | undefined;
      const task = setup?.task ?? {
        id: 'testAlertHandlers',
        type: 'stream',
        dbrps: [{ db: 'mydb', rp: 'myrp' }],
        script: c.tickscript as string,
        status: 'enabled',
      };
      const created = await host.api('POST', '/kapacitor/v1/tasks', task);
      expect(created.status, created.text).toBe(200);
      const topic = setup?.topicHandler?.topic ?? 'test';
      const handler = await host.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, {
        id: setup?.topicHandler?.id ?? 'testAlertHandlers',
        kind,
        options: c.options,
      });
      expect(handler.status, handler.text).toBe(200);
      const write = setup?.write ?? { path: '/kapacitor/v1/write?db=mydb&rp=myrp&precision=s', body: 'alert value=1 0000000000' }; // prettier-ignore
      const res = await host.api('POST', write.path, write.body);
      expect(res.status, res.text).toBe(204);
    }

    const httpExpected = wanted.filter((e) => e.transport === 'http');
    const tcpExpected = wanted.filter((e) => e.transport === 'tcp');
    const peerExpected = wanted.filter((e) =>
      (peerExpectations as readonly string[]).includes(e.transport),
    );
    expect(peerExpected.length === 0 || peers !== undefined, 'peers for the expectations').toBe(true); // prettier-ignore
    if (peers) await peers.check(peerExpected as unknown as Array<Record<string, unknown>>);
    await http.waitFor(httpExpected.length);
    await tcp.waitFor(tcpExpected.length);
    await settle(host);
    expect(http.received.length, 'http requests').toBe(httpExpected.length);
    expect(tcp.messages.length, 'tcp connections').toBe(tcpExpected.length);
    // Each handler has its own queue, so requests to different URLs may arrive in any order;
    // those to one URL (one handler's) keep theirs: compare in a stable order by URL.
    const byURL = <T>(list: T[], url: (x: T) => string) =>
      [...list].sort((a, b) => (url(a) < url(b) ? -1 : url(a) > url(b) ? 1 : 0));
    const gotHTTP = byURL(http.received, (r) => r.url);
    byURL(httpExpected, (e) => e.path ?? '').forEach((e, i) => {
      const got = gotHTTP[i]!;
      expect(`${got.method} ${got.url}`).toBe(`${e.method ?? 'POST'} ${e.path}`);
      for (const [k, v] of Object.entries(e.headers ?? {}))
        expect(header(got.rawHeaders, k), k).toBe(v);
      if (e.bodyExact !== undefined) expect(got.body).toBe(e.bodyExact);
      else if (e.form !== undefined) expect(formOf(got.body)).toEqual(e.form);
      else if (e.json !== undefined) expect(JSON.parse(got.body)).toEqual(e.json);
    });
    tcpExpected.forEach((e, i) => {
      const got = tcp.messages[i]!.toString('utf8');
      if (e.writeExact !== undefined) expect(got).toBe(e.writeExact);
      else expect(JSON.parse(got)).toEqual(e.json);
    });
  });
});
