// Tasks against a real InfluxDB (Debian's influxd on 127.0.0.1): a batch query() on its
// schedule, its results written back with influxDBOut(), the query text a run sends, and a
// dead cluster that is counted and logged but holds up neither ingest nor other tasks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoTime } from '../../src/common/gotime.js';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import type { PipelineNode } from '../../src/pipeline/model.js';
import { queryFor } from '../../src/task/nodes/query.js';
import { startHost, type Host } from '../helpers/host.js';
import { startInfluxd, waitFor, type Influxd } from '../helpers/influxdb.js';
import { closeAll, startBlackHole } from '../helpers/receivers.js';

let influx: Influxd;
let host: Host;
let dead: Awaited<ReturnType<typeof startBlackHole>>;

beforeAll(async () => {
  influx = await startInfluxd();
  dead = await startBlackHole();
  host = await startHost({
    influxdb: [
      { name: 'local', default: true, urls: [influx.url] },
      { name: 'dead', urls: [dead.url.replace('/alert', '')], timeout: '200ms' },
    ],
    alert: { 'delivery-attempts': 2, 'retry-backoff': '10ms' },
  });
});

afterAll(async () => {
  await host?.stop();
  await closeAll();
  await influx?.stop();
});

async function define(id: string, script: string, type: 'stream' | 'batch'): Promise<void> {
  const res = await host.api('POST', '/kapacitor/v1/tasks', {
    id,
    type,
    dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    script,
    status: 'enabled',
  });
  expect(res.status, res.text).toBe(200);
}

async function stats(task: string): Promise<Record<string, Record<string, number>>> {
  const vars = (await host.api('GET', '/kapacitor/v1/debug/vars')).json as {
    kapacitor: Record<string, { tags: Record<string, string>; values: Record<string, number> }>;
  };
  const out: Record<string, Record<string, number>> = {};
  for (const [key, stat] of Object.entries(vars.kapacitor)) {
    if (stat.tags.task === task) out[key.replace(`:${task}:`, ':')] = stat.values;
  }
  return out;
}

describe('batch query()', () => {
  it('queries InfluxDB every period, one batch per group, and writes the result back', async () => {
    await influx.query('CREATE DATABASE telegraf');
    const now = GoTime.now().ns / 1_000_000_000n;
    const lines = [
      `cpu,host=a usage=10 ${now - 60n}`,
      `cpu,host=a usage=30 ${now - 30n}`,
      `cpu,host=b usage=5 ${now - 30n}`,
      `cpu,host=b usage=7 ${now - 7200n}`, // outside the period
    ];
    const res = await fetch(`${influx.url}/write?db=telegraf&precision=s`, {
      method: 'POST',
      body: lines.join('\n'),
    });
    expect(res.status).toBe(204);

    await define(
      'rollup',
      `batch
    |query('SELECT mean("usage") AS usage FROM "telegraf"."autogen"."cpu"')
        .period(1h)
        .every(500ms)
        .groupBy('host')
    |httpOut('q')
    |influxDBOut()
        .create()
        .database('rollups')
        .measurement('cpu_mean')
        .tag('source', 'condenser')
        .flushInterval(50ms)`,
      'batch',
    );
    const rows = await waitFor(async () => {
      try {
        const r = await influx.rows(
          'SELECT * FROM cpu_mean GROUP BY host ORDER BY time',
          'rollups',
        );
        return r.some((x) => x.host === 'a') && r.some((x) => x.host === 'b') ? r : undefined;
      } catch {
        return undefined;
      }
    });
    expect(rows.find((r) => r.host === 'a')).toMatchObject({ usage: 20, source: 'condenser' });
    expect(rows.find((r) => r.host === 'b')).toMatchObject({ usage: 5, source: 'condenser' });
    const out = (await host.api('GET', '/kapacitor/v1/tasks/rollup/q')).json as {
      series: Array<{ name: string; tags: Record<string, string>; columns: string[] }>;
    };
    expect(out.series.map((s) => [s.name, s.tags, s.columns])).toEqual([
      ['cpu', { host: 'a' }, ['time', 'usage']],
      ['cpu', { host: 'b' }, ['time', 'usage']],
    ]);
    // Every period, and none failed or was skipped (a query outlasting its period is an
    // error: hence a period a loaded machine's query cannot outlast).
    const s = await waitFor(async () => {
      const now = await stats('rollup');
      return now['node:query1']!.batches_queried! >= 2 ? now : undefined;
    });
    expect(s['node:query1']!.errors).toBe(0);
    await host.api('DELETE', '/kapacitor/v1/tasks/rollup');
  });

  it('a query InfluxDB refuses is counted every run, logged once, and the schedule goes on', async () => {
    await define(
      'bad-query',
      `batch|query('SELECT mean(usage) FROM "nodb"."autogen"."cpu"').period(1m).every(50ms)|httpOut('q')`,
      'batch',
    );
    await waitFor(async () =>
      ((await stats('bad-query'))['node:query1']?.errors ?? 0) >= 2 ? true : undefined,
    );
    const logged = host.logs.filter(
      (r) => r.task === 'bad-query' && r.msg === 'error executing query',
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'error',
      err: expect.stringContaining('database not found: nodb'),
    });
    await host.api('DELETE', '/kapacitor/v1/tasks/bad-query');
  });

  it('sends the query Kapacitor sends: time range, offset, aligned group offset, fill', () => {
    const pipeline = evaluateScript(
      `batch|query('SELECT max(v) FROM "db"."rp"."m" WHERE "host" = \\'a\\' GROUP BY "x" fill(null)')
        .period(10m).every(1m).offset(2m).groupBy(time(1m), 'host').alignGroup().fill('previous')`,
      { taskId: 't', influxdb: { names: ['local'], defaultName: 'local' } },
    );
    const node = pipeline.nodes[1] as PipelineNode<'query'>;
    const now = new GoTime(1_700_000_012_345_000_000n).ns;
    expect(queryFor(node.props, now)).toEqual({
      query:
        `SELECT max(v) FROM "db"."rp"."m" WHERE ("host" = 'a') AND time >= '2023-11-14T22:01:32.345Z'` +
        ` AND time < '2023-11-14T22:11:32.345Z' GROUP BY time(1m, 32345ms), "host" fill(previous)`,
      stop: now - 120_000_000_000n,
    });
  });
});

describe('a dead InfluxDB', () => {
  it('is counted and logged once, and neither ingest nor other tasks wait for it', async () => {
    await define(
      'to-dead',
      `stream|from().measurement('m')|influxDBOut().cluster('dead').database('x').buffer(1)`,
      'stream',
    );
    await define('alive', `stream|from().measurement('m')|httpOut('last')`, 'stream');
    for (let i = 0; i < 20; i++) {
      const res = await host.api(
        'POST',
        '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
        `m value=${i} ${1_700_000_000 + i}`,
      );
      expect(res.status).toBe(204);
    }
    const last = (await host.api('GET', '/kapacitor/v1/tasks/alive/last')).json as {
      series: Array<{ values: unknown[][] }>;
    };
    expect(last.series[0]!.values[0]![1]).toBe(19);
    await waitFor(async () =>
      ((await stats('to-dead'))['node:influxdb_out2']!.write_errors ?? 0) >= 2 ? true : undefined,
    );
    const s = await stats('to-dead');
    expect(s['delivery:influxdb:influxdb_out2']!.failed_timeout).toBeGreaterThanOrEqual(2);
    expect(
      host.logs.filter(
        (r) => r.task === 'to-dead' && r.msg.startsWith('failed to write points to InfluxDB'),
      ),
    ).toHaveLength(1);
    await host.api('DELETE', '/kapacitor/v1/tasks/to-dead');
    await host.api('DELETE', '/kapacitor/v1/tasks/alive');
  });
});
