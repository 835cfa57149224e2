// Chronograf's three rule types end to end against a real InfluxDB: the scripts Chronograf
// generates (test/fixtures/chronograf) are defined through the task API, points are written
// to /write, and the alert history Chronograf shows is read back from the `chronograf`
// database with InfluxQL.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { startInfluxd, waitFor, type Influxd } from '../helpers/influxdb.js';
import { closeAll, startHTTPReceiver, type HTTPReceiver } from '../helpers/receivers.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/chronograf/${name}.tick`, import.meta.url), 'utf8');

let influx: Influxd;
let host: Host;

beforeAll(async () => {
  influx = await startInfluxd();
  host = await startHost({ influxdb: [{ name: 'localhost', urls: [influx.url] }] });
});

afterAll(async () => {
  await closeAll();
  await host?.stop();
  await influx?.stop();
});

async function define(id: string, script: string): Promise<void> {
  const res = await host.api('POST', '/kapacitor/v1/tasks', {
    id,
    type: 'stream',
    dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    script,
    status: 'enabled',
  });
  expect(res.status, res.text).toBe(200);
}

async function write(lines: string, precision = 's'): Promise<void> {
  const res = await host.api(
    'POST',
    `/kapacitor/v1/write?db=telegraf&rp=autogen&precision=${precision}`,
    lines,
  );
  expect(res.status, res.text).toBe(204);
}

/**
 * The rule as Chronograf generates it with an HTTP POST handler (`.post(url)` after the alert
 * properties), so the events it sends can be checked at a real receiver.
 */
function withPost(script: string, url: string): string {
  const anchor = '        .durationField(durationField)\n';
  expect(script).toContain(anchor);
  return script.replace(anchor, `${anchor}        .post('${url}')\n`);
}

/** Events the receiver got: [id, level] in order. */
function events(receiver: HTTPReceiver): Array<[string, string]> {
  return receiver.received.map((r) => {
    const e = JSON.parse(r.body) as { id: string; level: string };
    return [e.id, e.level];
  });
}

/** Stop the task (which flushes its influxDBOut buffer) and read the alert history back. */
async function alertHistory(
  task: string,
  alertName: string,
): Promise<Array<Record<string, unknown>>> {
  const res = await host.api('PATCH', `/kapacitor/v1/tasks/${task}`, { status: 'disabled' });
  expect(res.status, res.text).toBe(200);
  return influx.rows(
    `SELECT * FROM "alerts" WHERE "alertName" = '${alertName}' ORDER BY time`,
    'chronograf',
  );
}

describe("Chronograf's alert rules", () => {
  it('threshold: a window mean above crit is CRITICAL, back below is OK; both written to chronograf.alerts', async () => {
    const hook = await startHTTPReceiver();
    await define('chronograf-threshold', withPost(fixture('threshold'), hook.url));
    const t0 = 1_700_000_000;
    const point = (t: number, v: number, host = 'web01', cpu = 'cpu-total') =>
      `cpu,host=${host},cpu=${cpu} usage_user=${v} ${t0 + t}`;
    await write(
      [
        point(0, 95),
        point(5, 97),
        point(3, 10, 'web01', 'cpu0'), // filtered out by the where clause
        point(10, 40),
        point(15, 60),
        point(20, 50),
      ].join('\n'),
    );
    await hook.waitFor(2);
    expect(events(hook)).toEqual([
      ['cpu high:host=web01', 'CRITICAL'],
      ['cpu high:host=web01', 'OK'],
    ]);

    const rows = await alertHistory('chronograf-threshold', 'cpu high');
    expect(rows).toEqual([
      {
        time: '2023-11-14T22:13:30Z',
        alertID: 'cpu high:host=web01',
        alertName: 'cpu high',
        duration: 0,
        host: 'web01',
        level: 'CRITICAL',
        message: 'cpu high:host=web01 is CRITICAL: 96',
        triggerType: 'threshold',
        value: 96,
      },
      {
        time: '2023-11-14T22:13:40Z',
        alertID: 'cpu high:host=web01',
        alertName: 'cpu high',
        duration: 10_000_000_000,
        host: 'web01',
        level: 'OK',
        message: 'cpu high:host=web01 is OK: 50',
        triggerType: 'threshold',
        value: 50,
      },
    ]);
  });

  it('relative: the percent change against the shifted past window triggers, through shift and join', async () => {
    const hook = await startHTTPReceiver();
    await define('chronograf-relative', withPost(fixture('relative'), hook.url));
    const t0 = 1_700_001_000;
    const values = [10, 10, 10, 10, 30, 30, 30, 30, 30, 30];
    await write(
      values
        .map((v, i) => `cpu,host=db01 usage_user=${v} ${t0 + i * 5}`)
        .concat([`cpu,host=db01 usage_user=30 ${t0 + 50}`])
        .join('\n'),
    );
    await hook.waitFor(2);
    expect(events(hook)).toEqual([
      ['cpu jump:host=db01', 'CRITICAL'],
      ['cpu jump:host=db01', 'OK'],
    ]);

    const rows = await alertHistory('chronograf-relative', 'cpu jump');
    expect(rows.map((r) => [r.time, r.level, r.value, r.alertID, r.triggerType, r.host])).toEqual([
      ['2023-11-14T22:30:30Z', 'CRITICAL', 200, 'cpu jump:host=db01', 'relative', 'db01'],
      ['2023-11-14T22:30:40Z', 'OK', 0, 'cpu jump:host=db01', 'relative', 'db01'],
    ]);
    expect(rows[0]!.message).toBe('cpu jump:host=db01 changed by 200%');
  });

  it('deadman: a host that stops writing is CRITICAL after the period, OK when it writes again', async () => {
    const hook = await startHTTPReceiver();
    await define('chronograf-deadman', withPost(fixture('deadman'), hook.url));
    const hostEvents = (): Array<[string, string]> =>
      events(hook).filter(([id]) => id === 'cpu silent:host=batch01');
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await write(`cpu,host=batch01 usage_user=1`, 'ns');
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // Wait until the deadman has seen the host alive (an OK evaluation creates no event, so
    // wait for the stats of its group instead), then go silent.
    await waitFor(async () => {
      const vars = (await host.api('GET', '/kapacitor/v1/debug/vars')).json as {
        kapacitor: Record<string, { values: Record<string, number> }>;
      };
      const alertNode = Object.entries(vars.kapacitor).find(([k]) =>
        k.startsWith('node:chronograf-deadman:alert'),
      )?.[1];
      return alertNode !== undefined && (alertNode.values.collected ?? 0) >= 2 ? true : undefined;
    });
    writing = false;
    await writer;
    await waitFor(() => (hostEvents().length === 1 ? true : undefined));
    writing = true;
    const again = (async () => {
      while (writing) {
        await write(`cpu,host=batch01 usage_user=1`, 'ns');
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await waitFor(() => (hostEvents().length === 2 ? true : undefined));
    expect(hostEvents()).toEqual([
      ['cpu silent:host=batch01', 'CRITICAL'],
      ['cpu silent:host=batch01', 'OK'],
    ]);
    writing = false;
    await again;

    const rows = (await alertHistory('chronograf-deadman', 'cpu silent')).filter(
      (r) => r.host === 'batch01',
    );
    expect(rows.map((r) => [r.level, r.alertID, r.triggerType])).toEqual([
      ['CRITICAL', 'cpu silent:host=batch01', 'deadman'],
      ['OK', 'cpu silent:host=batch01', 'deadman'],
    ]);
    expect(rows[0]!.value).toBe(0);
    expect(rows[1]!.value as number).toBeGreaterThan(0);
    expect(rows[0]!.message).toBe('cpu silent:host=batch01 is CRITICAL');
  });

  it('a rule is refused at define time, naming the section, when no [[influxdb]] is configured', async () => {
    const bare = await startHost();
    try {
      const res = await bare.api('POST', '/kapacitor/v1/tasks', {
        id: 'no-influx',
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        script: fixture('threshold'),
      });
      expect(res.status).toBe(400);
      expect((res.json as { error: string }).error).toBe(
        "invalid TICKscript: line 68 char 6: influxDBOut() needs an InfluxDB server: add an [[influxdb]] section (name, urls) to the host's configuration",
      );
    } finally {
      await bare.stop();
    }
  });
});
