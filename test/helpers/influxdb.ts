// A real InfluxDB 1.x (Debian's `influxdb` package, installed by .ci/run) for the tests:
// `influxd` on 127.0.0.1 with free ports and a temporary data directory, no systemd. `query`
// reads back with InfluxQL over the HTTP API; `waitFor` polls until a condition holds.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

export interface Influxd {
  url: string;
  /** Run InfluxQL; returns the first statement's series (throws on an error). */
  query(q: string, db?: string): Promise<InfluxSeries[]>;
  /** Rows of `SELECT ...` as objects keyed by column (tags of the series merged in). */
  rows(q: string, db?: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `check` until it returns something defined (no clock assertion: the test timeout bounds it). */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  everyMs = 50,
): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function ping(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`);
    return res.status === 204;
  } catch {
    return false;
  }
}

export async function startInfluxd(): Promise<Influxd> {
  const dir = mkdtempSync(join(tmpdir(), 'condenser-influxd-'));
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'influxdb.conf');
  writeFileSync(
    conf,
    [
      'reporting-disabled = true',
      `bind-address = "127.0.0.1:${rpcPort}"`,
      '[meta]',
      `  dir = "${dir}/meta"`,
      '[data]',
      `  dir = "${dir}/data"`,
      `  wal-dir = "${dir}/wal"`,
      '  query-log-enabled = false',
      '[monitor]',
      '  store-enabled = false',
      '[http]',
      `  bind-address = "127.0.0.1:${httpPort}"`,
      '  log-enabled = false',
      '[logging]',
      '  level = "error"',
      '  suppress-logo = true',
      '[continuous_queries]',
      '  enabled = false',
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn('influxd', ['run', '-config', conf], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', (err) => {
    exited = true;
    output += `${err.message}: install Debian's influxdb package (apt-get install -y influxdb; .ci/run does)\n`;
  });
  const url = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => {
    if (exited) throw new Error(`influxd exited before answering /ping:\n${output}`);
    return (await ping(url)) ? true : undefined;
  });

  const query = async (q: string, db?: string): Promise<InfluxSeries[]> => {
    const params = new URLSearchParams({ q });
    if (db !== undefined) params.set('db', db);
    const res = await fetch(`${url}/query`, { method: 'POST', body: params });
    const body = (await res.json()) as {
      error?: string;
      results?: Array<{ error?: string; series?: InfluxSeries[] }>;
    };
    const err = body.error ?? body.results?.[0]?.error;
    if (err !== undefined) throw new Error(`InfluxQL ${q}: ${err}`);
    return body.results?.[0]?.series ?? [];
  };

  return {
    url,
    query,
    async rows(q, db) {
      const out: Array<Record<string, unknown>> = [];
      for (const s of await query(q, db)) {
        for (const v of s.values) {
          const row: Record<string, unknown> = { ...(s.tags ?? {}) };
          s.columns.forEach((c, i) => (row[c] = v[i]));
          out.push(row);
        }
      }
      return out;
    },
    async stop() {
      if (!exited) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
