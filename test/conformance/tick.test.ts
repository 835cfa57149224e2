// Every TICKscript vector (conformance/tick), end to end through the HTTP API: define the task,
// replay the writes through /write, and capture what the alert's post handler delivers to a
// loopback receiver; then compare each event exactly. The vectors' stand-in
// `.post('http://127.0.0.1:9/alert')` is pointed at the receiver.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'tick');

interface TickVector {
  name: string;
  task: {
    id: string;
    type: string;
    dbrps: Array<{ db: string; rp: string }>;
    dbrpSource: 'task-definition' | 'script';
  };
  tickscript: string;
  input: { precision: string; writes: Array<{ db: string; rp: string; lines: string[] }> };
  expected: {
    eventCount: number;
    events: Array<Record<string, unknown> & { duration: number | string; details?: string }>;
    httpOut?: { endpoint: string; series: unknown[] };
  };
}

const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) =>
      [
        f.replace(/\.json$/, ''),
        JSON.parse(readFileSync(join(dir, f), 'utf8')) as TickVector,
      ] as const,
  );

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

/** The duration as written on the wire (bigint-exact: it may be max int64). */
function rawDuration(body: string): string {
  return /"duration":(-?\d+)/.exec(body)![1]!;
}

/** Tags compare as maps; numbers by value; everything else exactly. */
function normalizeData(data: { series: Array<Record<string, unknown>> | null }) {
  return {
    series:
      data.series?.map((row) => ({
        ...row,
        tags:
          row.tags === undefined
            ? undefined
            : Object.fromEntries(Object.entries(row.tags as object).sort()),
      })) ?? null,
  };
}

async function replay(h: Host, v: TickVector, script: string): Promise<void> {
  const task: Record<string, unknown> = {
    id: v.task.id,
    type: v.task.type,
    script,
    status: 'enabled',
  };
  if (v.task.dbrpSource === 'task-definition') task.dbrps = v.task.dbrps;
  const created = await h.api('POST', '/kapacitor/v1/tasks', task);
  expect(created.status, created.text).toBe(200);
  for (const w of v.input.writes) {
    const res = await h.api(
      'POST',
      `/kapacitor/v1/write?db=${w.db}&rp=${w.rp}&precision=${v.input.precision}`,
      w.lines.join('\n'),
    );
    expect(res.status, res.text).toBe(204);
  }
}

describe('TICKscript conformance vectors', () => {
  it('has every vector', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(11);
  });

  it.each(vectors)('%s', async (_file, v) => {
    const receiver = await startHTTPReceiver();
    host = await startHost();
    const script = v.tickscript.replaceAll('http://127.0.0.1:9/alert', receiver.url);
    expect(script).not.toBe(v.tickscript);
    await replay(host, v, script);
    // Wait for the expected events, then drain so that an extra event would show up too.
    await receiver.waitFor(v.expected.eventCount);
    await host.server.tasks.close();
    await host.server.alert.close(5000);
    expect(receiver.received).toHaveLength(v.expected.eventCount);
    receiver.received.forEach((req, i) => {
      const got = JSON.parse(req.body) as Record<string, unknown> & {
        data: { series: Array<Record<string, unknown>> | null };
      };
      const want = v.expected.events[i]!;
      expect(got.id, `event ${i} id`).toBe(want.id);
      expect(got.level, `event ${i} level`).toBe(want.level);
      expect(got.message, `event ${i} message`).toBe(want.message);
      expect(got.time, `event ${i} time`).toBe(want.time);
      expect(rawDuration(req.body), `event ${i} duration`).toBe(String(want.duration));
      expect(got.previousLevel, `event ${i} previousLevel`).toBe(want.previousLevel);
      expect(got.recoverable, `event ${i} recoverable`).toBe(want.recoverable);
      if (want.details !== undefined) expect(got.details, `event ${i} details`).toBe(want.details);
      expect(normalizeData(got.data), `event ${i} data`).toEqual(normalizeData(want.data as never));
    });
  });

  it.each(vectors.filter(([, v]) => v.expected.httpOut))('%s: httpOut', async (_file, v) => {
    host = await startHost();
    await replay(host, v, v.tickscript);
    const out = v.expected.httpOut!;
    const res = await host.api('GET', `/kapacitor/v1/tasks/${v.task.id}/${out.endpoint}`);
    expect(res.status).toBe(200);
    expect(normalizeData(res.json as never)).toEqual(
      normalizeData({ series: out.series as never }),
    );
  });
});
