// API bench: 200 concurrent clients sending mixed API traffic to a real host (`condenser
// serve` in its own process, as `npm start` runs it) for a bounded time, against the same 200
// clients on a bare fastify route in its own process, in the same run. Prints requests/s and
// p50/p99 latency (host figures as ratios to the bare route), and the host's memory: RSS and
// heap after a forced GC (bench/lib/gc-probe.ts) at start, after each burst and after idle.
// Several bursts tell a leak (heap after GC grows burst after burst) from a bounded cache
// (it levels off).
//
// The mix per client, round robin: ping; list topics; write 10 points; read /config; create
// a topic handler and delete it again; list that topic's handlers; /debug/vars.
//
// Bounded: BENCH_API_SECONDS per burst (default 10), BENCH_API_BURSTS bursts (default 3),
// BENCH_API_IDLE_SECONDS idle (default 10), BENCH_API_CLIENTS clients (default 200).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './lib/scenario.js';
import { formatRate, formatTable } from './lib/table.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const envInt = (name: string, def: number) => Number(process.env[name] ?? def);
const seconds = envInt('BENCH_API_SECONDS', 10);
const bursts = envInt('BENCH_API_BURSTS', 3);
const idleSeconds = envInt('BENCH_API_IDLE_SECONDS', 10);
const clients = envInt('BENCH_API_CLIENTS', 200);

interface Target {
  url: string;
  child: ChildProcess;
  probe: string;
}

function start(args: string[], env: Record<string, string>, dir: string): Promise<Target> {
  const probe = path.join(dir, 'gc-probe.jsonl');
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', './bench/lib/gc-probe.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, ...env, GC_PROBE_FILE: probe },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m) resolve({ url: m[1]!, child, probe });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function heapAfterGC(t: Target): Promise<number> {
  const before = (() => {
    try {
      return readFileSync(t.probe, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      return 0;
    }
  })();
  t.child.kill('SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    let lines: string[] = [];
    try {
      lines = readFileSync(t.probe, 'utf8').split('\n').filter(Boolean);
    } catch {
      continue;
    }
    if (lines.length > before)
      return (JSON.parse(lines.at(-1)!) as { heapUsed: number }).heapUsed / 2 ** 20;
  }
}

type Step = { method: string; path: string; body?: string; type?: string };

function hostMix(client: number, n: number): Step[] {
  const points = Array.from(
    { length: 10 },
    (_, i) => `cpu,host=h${i} v=${n} ${1_700_000_000 + n}`,
  ).join('\n');
  switch (n % 7) {
    case 0:
      return [{ method: 'GET', path: '/kapacitor/v1/ping' }];
    case 1:
      return [{ method: 'GET', path: '/kapacitor/v1/alerts/topics' }];
    case 2:
      return [
        {
          method: 'POST',
          path: '/kapacitor/v1/write?db=bench&rp=autogen&precision=s',
          body: points,
          type: 'text/plain',
        },
      ];
    case 3:
      return [{ method: 'GET', path: '/kapacitor/v1/config' }];
    case 4: {
      const id = `c${client}-${n}`;
      return [
        {
          method: 'POST',
          path: '/kapacitor/v1/alerts/topics/bench/handlers',
          body: JSON.stringify({
            id,
            kind: 'post',
            options: { url: 'http://127.0.0.1:9/x', headers: { Authorization: 'Bearer t' } },
          }),
          type: 'application/json',
        },
        { method: 'DELETE', path: `/kapacitor/v1/alerts/topics/bench/handlers/${id}` },
      ];
    }
    case 5:
      return [{ method: 'GET', path: '/kapacitor/v1/alerts/topics/bench/handlers' }];
    default:
      return [{ method: 'GET', path: '/kapacitor/v1/debug/vars' }];
  }
}

const bareMix = (): Step[] => [{ method: 'GET', path: '/ping' }];

function send(agent: http.Agent, base: URL, step: Step): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: Number(base.port),
        method: step.method,
        path: step.path,
        agent,
        headers: step.type ? { 'Content-Type': step.type } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(step.body);
  });
}

interface Burst {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function burst(url: string, mix: (client: number, n: number) => Step[]): Promise<Burst> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = client; performance.now() < deadline; n++) {
        for (const step of mix(client, n)) {
          const s = performance.now();
          try {
            const status = await send(agent, base, step);
            if (status >= 400) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - s);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: q(0.5),
    p99: q(0.99),
  };
}

async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'condenser-bench-api-'));
  const config = path.join(dir, 'kapacitor.conf');
  writeFileSync(
    config,
    [
      '[http]',
      '  bind-address = "127.0.0.1:0"',
      '  log-enabled = false',
      `  max-connections-per-client = ${clients + 50}`,
      '[storage]',
      `  dir = "${path.join(dir, 'store')}"`,
      '[logging]',
      '  level = "WARN"',
      '',
    ].join('\n'),
  );
  const bare = await start(['bench/lib/bare-fastify.ts'], {}, mkdtempSync(path.join(dir, 'bare-')));
  const host = await start(
    ['src/main.ts', 'serve', '--config', config],
    {},
    mkdtempSync(path.join(dir, 'host-')),
  );
  try {
    console.log(`${clients} clients, ${bursts} bursts of ${seconds}s, then ${idleSeconds}s idle\n`);
    const memory: string[][] = [];
    const mem = async (label: string) =>
      memory.push([
        label,
        `${rssMB(host.child.pid!).toFixed(0)} MB`,
        `${(await heapAfterGC(host)).toFixed(1)} MB`,
      ]);
    await mem('start');
    const rows: string[][] = [];
    const bareBursts: Burst[] = [];
    const hostBursts: Burst[] = [];
    for (let b = 1; b <= bursts; b++) {
      bareBursts.push(await burst(bare.url, bareMix));
      hostBursts.push(await burst(host.url, hostMix));
      await mem(`after burst ${b}`);
    }
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    await mem(`after ${idleSeconds}s idle`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const bareRate = median(bareBursts.map((x) => x.perSecond));
    const hostRate = median(hostBursts.map((x) => x.perSecond));
    const bareP50 = median(bareBursts.map((x) => x.p50));
    const bareP99 = median(bareBursts.map((x) => x.p99));
    const hostP50 = median(hostBursts.map((x) => x.p50));
    const hostP99 = median(hostBursts.map((x) => x.p99));
    rows.push([
      'bare fastify route',
      formatRate(bareRate),
      '1.00',
      `${bareP50.toFixed(1)} ms`,
      `${bareP99.toFixed(1)} ms`,
      String(bareBursts.reduce((a, x) => a + x.errors, 0)),
    ]);
    rows.push([
      'condenser, mixed API',
      formatRate(hostRate),
      (hostRate / bareRate).toFixed(2),
      `${hostP50.toFixed(1)} ms (${(hostP50 / bareP50).toFixed(1)}x)`,
      `${hostP99.toFixed(1)} ms (${(hostP99 / bareP99).toFixed(1)}x)`,
      String(hostBursts.reduce((a, x) => a + x.errors, 0)),
    ]);
    console.log(formatTable(['server', 'requests/s', 'ratio', 'p50', 'p99', 'errors'], rows));
    console.log('\nhost memory (its own process)\n');
    console.log(formatTable(['when', 'RSS', 'heap after GC'], memory));
  } finally {
    bare.child.kill();
    host.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'api',
    description: `${clients} concurrent mixed API clients against a bare fastify route: req/s, p50/p99, host RSS and heap`,
    run,
  },
];
