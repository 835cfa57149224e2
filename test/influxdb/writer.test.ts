// The influxDBOut write path against real HTTP peers on 127.0.0.1: batching by size and by
// interval, retries for 5xx and connection errors (not for 4xx), counters, one log line per
// burst of failures, and a dead InfluxDB that never holds up the caller.

import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/common/logger.js';
import { parseElement } from '../../src/config/section.js';
import { HandlerMetrics } from '../../src/delivery/metrics.js';
import { InfluxDBClient } from '../../src/influxdb/client.js';
import { influxdbSection, type InfluxDBConfig } from '../../src/influxdb/config.js';
import { encodeLine } from '../../src/influxdb/line-protocol.js';
import { InfluxDBWriter, type WriterOptions } from '../../src/influxdb/writer.js';
import { closeAll, refusedPort, startHTTPReceiver } from '../helpers/receivers.js';
import { waitFor } from '../helpers/influxdb.js';

afterEach(closeAll);

const cluster = (urls: string[]): InfluxDBConfig =>
  parseElement(influxdbSection, { name: 'test', urls }, 'influxdb[0]');

const target = { database: 'db', retentionPolicy: 'rp', precision: 's' as const, consistency: '' };
const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5 };
const writers: InfluxDBWriter[] = [];

afterEach(async () => {
  for (const w of writers.splice(0)) await w.close(0);
});

function writer(urls: string[], options: Partial<WriterOptions> = {}) {
  const logger = memoryLogger();
  const metrics = new HandlerMetrics('influxdb:test');
  const counters: Record<string, number> = {};
  const client = new InfluxDBClient(cluster(urls));
  const w = new InfluxDBWriter({
    client: () => client,
    bufferSize: 3,
    flushInterval: 3_600_000_000_000n,
    capacity: 10,
    retryPolicy: policy,
    attemptTimeoutMs: 5_000,
    metrics,
    counters,
    logger,
    ...options,
  });
  writers.push(w);
  return { w, logger, metrics, counters };
}

const line = (i: number) => `cpu,host=h${i} value=${i} ${1_700_000_000 + i}`;

describe('InfluxDBWriter', () => {
  it('sends one /write request per full buffer, with the target in the query string', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 204 }));
    const { w, counters, metrics } = writer([rx.url.replace('/alert', '')]);
    for (let i = 0; i < 7; i++) w.add(target, line(i));
    await rx.waitFor(2);
    await w.idle();
    expect(rx.received.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/write?db=db&rp=rp&precision=s', [0, 1, 2].map(line).join('\n')],
      ['POST', '/write?db=db&rp=rp&precision=s', [3, 4, 5].map(line).join('\n')],
    ]);
    w.flush();
    await rx.waitFor(3);
    await w.idle();
    expect(rx.received[2]!.body).toBe(line(6));
    expect(counters).toEqual({ points_written: 7, write_errors: 0 });
    expect(metrics.sent).toBe(3);
  });

  it('keeps one buffer per target: database, retention policy, precision and consistency', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 204 }));
    const { w } = writer([rx.url.replace('/alert', '')]);
    w.add(target, line(1));
    w.add({ database: 'db2', retentionPolicy: '', precision: '', consistency: 'all' }, line(2));
    w.flush();
    await rx.waitFor(2);
    expect(rx.received.map((r) => [r.url, r.body]).sort()).toEqual([
      ['/write?db=db&rp=rp&precision=s', line(1)],
      ['/write?db=db2&consistency=all', line(2)],
    ]);
  });

  it('flushes a partial buffer every flushInterval', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 204 }));
    const { w } = writer([rx.url.replace('/alert', '')], { flushInterval: 20_000_000n });
    w.add(target, line(1));
    await rx.waitFor(1);
    expect(rx.received[0]!.body).toBe(line(1));
  });

  it('retries 5xx and succeeds; does not retry 4xx, counts it and logs it', async () => {
    const rx = await startHTTPReceiver((n) =>
      n === 0
        ? { status: 503, body: '{"error":"busy"}' }
        : n === 1
          ? { status: 204 }
          : { status: 400, body: '{"error":"partial write: field type conflict"}' },
    );
    const { w, counters, metrics, logger } = writer([rx.url.replace('/alert', '')]);
    for (let i = 0; i < 6; i++) w.add(target, line(i));
    await rx.waitFor(3);
    await w.idle();
    expect(rx.received).toHaveLength(3);
    expect(counters).toEqual({ points_written: 3, write_errors: 1 });
    expect(metrics.retried).toBe(1);
    expect(metrics.failed['http-4xx']).toBe(1);
    const errors = logger.records.filter((r) => r.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      reason: 'http-4xx',
      status: 400,
      err: '400: partial write: field type conflict',
      database: 'db',
      points: 3,
    });
  });

  it('InfluxDB down: every failure counted, one log line per burst, a recovery logged', async () => {
    const port = await refusedPort();
    let up = false;
    const rx = await startHTTPReceiver(() => ({ status: up ? 204 : 500 }));
    const { w, counters, metrics, logger } = writer(
      [`http://127.0.0.1:${port}`, rx.url.replace('/alert', '')],
      { retryPolicy: { ...policy, maxAttempts: 2 } },
    );
    // Each batch: the refused URL first, then the 500ing one (a connection error moves on).
    for (let i = 0; i < 9; i++) w.add(target, line(i));
    await waitFor(() => (counters.write_errors === 3 ? true : undefined));
    expect(metrics.failed.connection + metrics.failed['http-5xx']).toBe(3);
    expect(logger.records.filter((r) => r.level === 'error')).toHaveLength(1);
    up = true;
    for (let i = 0; i < 3; i++) w.add(target, line(i));
    await waitFor(() => (counters.points_written === 3 ? true : undefined));
    expect(logger.records.filter((r) => r.level === 'error')).toHaveLength(1);
    expect(logger.records.find((r) => r.msg === 'writes to InfluxDB succeed again')).toMatchObject({
      failures: 3,
    });
  });

  it('never waits for a dead InfluxDB: a full queue drops batches and counts them', async () => {
    const rx = await startHTTPReceiver(() => 'hang');
    const { w, counters, metrics } = writer([rx.url.replace('/alert', '')], {
      capacity: 2,
      bufferSize: 1,
    });
    for (let i = 0; i < 50; i++) w.add(target, line(i));
    await rx.waitFor(1);
    expect(metrics.dropped).toBe(47);
    expect(counters.write_errors).toBe(47);
  });
});

describe('line protocol', () => {
  it('escapes, sorts tags and fields, drops empty tags and unwritable values', () => {
    expect(
      encodeLine(
        {
          measurement: 'cpu load,x',
          tags: { z: 'a b', a: 'x=y,z', empty: '' },
          fields: { s: 'say "hi" \\o/', i: 3n, f: 1.5, b: true, nan: Number.NaN },
          time: 1_700_000_000_123_456_789n,
        },
        'ms',
      ),
    ).toBe(
      'cpu\\ load\\,x,a=x\\=y\\,z,z=a\\ b b=true,f=1.5,i=3i,s="say \\"hi\\" \\\\o/" 1700000000123',
    );
    expect(
      encodeLine({ measurement: 'm', tags: {}, fields: { x: Number.NaN }, time: 0n }, ''),
    ).toBe(undefined);
  });
});
