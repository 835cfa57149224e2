// Ingest bench: points/s through a stream task, each figure a ratio against merely parsing the
// same line-protocol body (parseLineProtocol) in the same run, so machine speed cancels out.
// Two ratios: of wall time, and of this process's CPU time (process.cpuUsage: every thread,
// GC helpers included), which other load on a shared machine disturbs far less.
//
// The task (dbrp bench.autogen in the task definition):
//
//   stream|from().measurement('cpu')|where(lambda: "host" == 'a')
//     |alert().crit(lambda: "value" > 90).post('<loopback sink>')
//
// and, for 10k series, `.groupBy('host')` after the measurement, with the where changed to
// `strHasPrefix("host", 'a')` so that hosts a0..a9999 all pass. Cases:
//
//   1 series, quiet     all points host=a, no value > 90: no events
//   10k series, quiet   hosts a0..a9999 round robin: 10k alert groups, no events
//   1 series, 1% crit   1% of points (spread pseudo-randomly) have value 95: each is a CRIT
//   10k series, 1% crit event, and the group's next point an OK recovery event
//
// Two ingest paths, each against the same parse-only baseline:
//
//   in-process  parseLineProtocol + TaskMaster.writePoints per chunk: the host's ingest core,
//               no HTTP (what POST /write does after reading the body)
//   HTTP        POST /kapacitor/v1/write?db=bench&rp=autogen on a real host on 127.0.0.1, one
//               chunk per request, sequential, keep-alive, from a writer in a child process
//               (lib/process-writer.ts): as from Telegraf, the client's own work (building the
//               requests, sending megabytes) is not the host's; reading them is
//
// The body is BENCH_INGEST_POINTS points (default 500k), sent as chunks of BENCH_INGEST_CHUNK
// lines (default 5000); the parse-only baseline parses the same chunks. A fresh task per
// measurement (all groups start at OK). Events go to an HTTP sink in a child process (its work
// is not this process's CPU time), which counts deliveries; events/s is delivered events over
// the time from the first write to the last delivery. Memory per group: heap used after the 10k-series run minus before (task
// already started), over 10k; exact with `NODE_OPTIONS=--expose-gc npm run bench -- ingest`
// (a forced GC before each reading), a plain reading (garbage included) otherwise.
//
// Bounded: BENCH_INGEST_ROUNDS interleaved rounds (default 3, medians), at most
// BENCH_INGEST_BUDGET_MS per measurement (default 30000) for writing and again for delivery.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/common/logger.js';
import { nowNanos } from '../src/common/gotime.js';
import { buildConfig } from '../src/config/load.js';
import { parseLineProtocol } from '../src/ingest/line-protocol.js';
import { Server } from '../src/server/server.js';
import type { Scenario } from './lib/scenario.js';
import { formatRate, formatTable } from './lib/table.js';
import { startProcessHTTPSink, type ProcessSink } from './lib/process-sink.js';
import { startProcessWriter, type ProcessWriter } from './lib/process-writer.js';

const pointCount = positiveInt(process.env.BENCH_INGEST_POINTS, 500_000);
const chunkLines = positiveInt(process.env.BENCH_INGEST_CHUNK, 5000);
const rounds = positiveInt(process.env.BENCH_INGEST_ROUNDS, 3);
const budgetMs = positiveInt(process.env.BENCH_INGEST_BUDGET_MS, 30_000);
const manySeries = 10_000;
const DB = 'bench';
const RP = 'autogen';
const gc = (globalThis as { gc?: () => void }).gc;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

interface Case {
  label: string;
  series: number;
  firing: boolean;
  chunks: string[];
  firingPoints: number;
}

/** Deterministic spread of the firing points: about 1 in 100, no regular stride. */
function fires(i: number): boolean {
  return (Math.imul(i ^ 0x5bd1e995, 0x9e3779b1) >>> 0) % 100 === 0;
}

function makeCase(series: number, firing: boolean): Case {
  const baseMs = Date.UTC(2026, 0, 1);
  const chunks: string[] = [];
  let lines: string[] = [];
  let firingPoints = 0;
  for (let i = 0; i < pointCount; i++) {
    const host = series === 1 ? 'a' : `a${i % series}`;
    let value: number;
    if (firing && fires(i)) {
      value = 95;
      firingPoints++;
    } else {
      value = ((i * 37) % 90) + 0.5; // 0.5 .. 89.5
    }
    lines.push(`cpu,host=${host} value=${value} ${baseMs + i}000000`);
    if (lines.length === chunkLines) {
      chunks.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n'));
  const label = `${series === 1 ? '1 series' : `${series / 1000}k series`}, ${firing ? '1% crit' : 'quiet'}`;
  return {
    label,
    series,
    firing,
    chunks,
    firingPoints,
  };
}

function taskScript(c: Case, sinkURL: string): string {
  const from =
    c.series === 1 ? `from().measurement('cpu')` : `from().measurement('cpu').groupBy('host')`;
  const where =
    c.series === 1 ? `where(lambda: "host" == 'a')` : `where(lambda: strHasPrefix("host", 'a'))`;
  return `stream\n  |${from}\n  |${where}\n  |alert()\n    .crit(lambda: "value" > 90)\n    .post('${sinkURL}')\n`;
}

// ---- the host ----

interface Bench {
  server: Server;
  dir: string;
  sink: ProcessSink;
  writer: ProcessWriter;
  /** Each case's chunks, as the writer process holds them. */
  writerBodies: Map<Case, string>;
}

async function api(b: Bench, method: string, p: string, body?: unknown): Promise<void> {
  const res = await fetch(b.server.url + p, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
}

/** The alert node's alerts_triggered: the events the task handed to its handler. */
function alertsTriggered(b: Bench, taskId: string): number {
  const running = b.server.tasks.runningTask(taskId);
  if (!running) throw new Error(`task ${taskId} is not running`);
  const stats = running.task.stats();
  let total = 0;
  for (const node of running.pipeline.nodes) {
    if (node.type === 'alert') total += stats[node.name]?.extra.alerts_triggered ?? 0;
  }
  return total;
}

async function waitUntil(done: () => Promise<boolean>, deadline: number): Promise<void> {
  while (!(await done()) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** CPU time of this process (all threads) in ms since `start` (process.cpuUsage()). */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

// ---- measurements ----

type Path = 'in-process' | 'HTTP';

interface Run {
  points: number;
  ms: number;
  /** CPU time of the process over the same span */
  cpuMs: number;
  events: number;
  delivered: number;
  /** first write to last delivery */
  deliverMs: number;
  heapDelta: number;
}

const pointRate = (r: Run): number => (r.points / r.ms) * 1000;
const pointCPURate = (r: Run): number => (r.points / r.cpuMs) * 1000;

/** Parse every chunk and drop the result: the baseline. */
function parseOnly(c: Case, limit = c.chunks.length): Run {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let points = 0;
  for (let i = 0; i < limit; i++) {
    points += parseLineProtocol(c.chunks[i] as string, { precision: 'n', now: nowNanos() }).length;
    if (performance.now() - start > budgetMs) break;
  }
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  return { points, ms, cpuMs, events: 0, delivered: 0, deliverMs: 0, heapDelta: 0 };
}

let taskSeq = 0;

async function ingest(b: Bench, c: Case, via: Path, limit = c.chunks.length): Promise<Run> {
  const taskId = `bench-ingest-${++taskSeq}`;
  await api(b, 'POST', '/kapacitor/v1/tasks', {
    id: taskId,
    type: 'stream',
    dbrps: [{ db: DB, rp: RP }],
    script: taskScript(c, b.sink.url),
    status: 'enabled',
  });
  try {
    const master = b.server.tasks.master;
    const sunk = await b.sink.count();
    const heapBefore = heapUsed();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let points = 0;
    if (via === 'HTTP') {
      const url = `${b.server.url}/kapacitor/v1/write?db=${DB}&rp=${RP}`;
      const sent = await b.writer.run(b.writerBodies.get(c)!, url, limit, budgetMs);
      for (let i = 0; i < sent; i++) points += Math.min(chunkLines, pointCount - i * chunkLines);
    } else {
      for (let i = 0; i < limit; i++) {
        const parsed = parseLineProtocol(c.chunks[i] as string, {
          precision: 'n',
          now: nowNanos(),
        });
        master.writePoints(DB, RP, parsed);
        points += parsed.length;
        if (performance.now() - start > budgetMs) break;
      }
    }
    const ms = performance.now() - start;
    const cpuMs = cpuMsSince(cpu);
    const events = alertsTriggered(b, taskId);
    let delivered = 0;
    await waitUntil(async () => {
      delivered = (await b.sink.count()) - sunk;
      return delivered >= events;
    }, performance.now() + budgetMs);
    const deliverMs = performance.now() - start;
    const heapDelta = heapUsed() - heapBefore;
    return { points, ms, cpuMs, events, delivered, deliverMs, heapDelta };
  } finally {
    await api(b, 'DELETE', `/kapacitor/v1/tasks/${taskId}`);
  }
}

// ---- report ----

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Results {
  c: Case;
  parse: Run[];
  byPath: Record<Path, Run[]>;
}

const paths: Path[] = ['in-process', 'HTTP'];

function report(results: Results[]): void {
  const rows: string[][] = [];
  for (const r of results) {
    const base = median(r.parse.map(pointRate));
    const baseCPU = median(r.parse.map(pointCPURate));
    for (const p of paths) {
      const rate = median(r.byPath[p].map(pointRate));
      const cpuRate = median(r.byPath[p].map(pointCPURate));
      rows.push([
        `${r.c.label}, ${p}`,
        formatRate(rate),
        formatRate(base),
        (rate / base).toFixed(2),
        (cpuRate / baseCPU).toFixed(2),
      ]);
    }
  }
  console.log(formatTable(['scenario', 'points/s', 'parse-only', 'ratio', 'CPU-time ratio'], rows));

  const firing = results.filter((r) => r.c.firing);
  if (firing.length > 0) {
    const deliveryRows: string[][] = [];
    for (const r of firing) {
      for (const p of paths) {
        const runs = r.byPath[p];
        const evRate = median(runs.map((x) => (x.delivered / x.deliverMs) * 1000));
        deliveryRows.push([
          `${r.c.label}, ${p}`,
          `${median(runs.map((x) => x.events))}`,
          `${median(runs.map((x) => x.delivered))}`,
          formatRate(evRate),
          `${(median(runs.map((x) => x.deliverMs)) / 1000).toFixed(2)} s`,
        ]);
      }
    }
    console.log('\nevents (CRIT + OK recoveries) delivered to the loopback POST sink:');
    console.log(
      formatTable(
        ['scenario', 'events', 'delivered', 'events/s', 'first write→last delivery'],
        deliveryRows,
      ),
    );
  }

  console.log('\nmemory per group (10k series; heap after the run minus before, / 10k):');
  for (const r of results.filter((x) => x.c.series === manySeries)) {
    const per = paths.map((p) => {
      const bytes = median(r.byPath[p].map((x) => x.heapDelta)) / manySeries;
      return `${p} ${Math.round(bytes).toLocaleString('en-US')} B`;
    });
    console.log(`  ${r.c.label}: ${per.join(', ')}`);
  }
  console.log(
    gc
      ? '  (forced GC before each reading: --expose-gc is on)'
      : '  (no forced GC, so garbage is included: run with NODE_OPTIONS=--expose-gc for exact figures)',
  );

  console.log(
    `\n${pointCount.toLocaleString('en-US')} points per body in chunks of ${chunkLines} lines; ` +
      `${rounds} interleaved rounds, medians; a fresh task per measurement`,
  );
  console.log(
    `10k series: from().groupBy('host') and where(lambda: strHasPrefix("host", 'a')) ` +
      `instead of "host" == 'a', so hosts a0..a9999 pass`,
  );
  for (const r of results) {
    const fmt = (runs: Run[]): string =>
      runs
        .map((x) => `${x.points} in ${x.ms.toFixed(0)} ms (CPU ${x.cpuMs.toFixed(0)} ms)`)
        .join(', ');
    const fired = r.c.firing ? `; ${r.c.firingPoints} points > 90` : '';
    console.log(`${r.c.label}${fired}`);
    console.log(`  parse-only [${fmt(r.parse)}]`);
    for (const p of paths) console.log(`  ${p} [${fmt(r.byPath[p])}]`);
  }
}

// ---- the scenario ----

async function run(): Promise<void> {
  const build = performance.now();
  const cases = [
    makeCase(1, false),
    makeCase(manySeries, false),
    makeCase(1, true),
    makeCase(manySeries, true),
  ];
  const maxEvents = Math.max(...cases.map((c) => c.firingPoints)) * 2;
  console.log(
    `bodies built in ${(performance.now() - build).toFixed(0)} ms ` +
      `(${(cases[0]?.chunks.reduce((n, c) => n + Buffer.byteLength(c), 0) ?? 0) / 1e6} MB for 1 series)`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'condenser-bench-'));
  const sink = await startProcessHTTPSink();
  const writer = startProcessWriter();
  let server: Server | undefined;
  try {
    const { config } = buildConfig(
      {
        http: { 'bind-address': '127.0.0.1:0' },
        storage: { dir },
        // room for every event of a run: the bench measures delivery, not drops
        alert: { 'topic-buffer-length': Math.max(5000, maxEvents + 1000) },
      },
      'bench',
    );
    server = await Server.start(config, { logger: silentLogger });
    const writerBodies = new Map<Case, string>();
    for (const c of cases) writerBodies.set(c, await writer.load(c.chunks));
    const b: Bench = { server, dir, sink, writer, writerBodies };

    // warm-up: a few chunks of every case down both paths
    const warm = Math.min(10, cases[0]?.chunks.length ?? 0);
    for (const c of cases) {
      parseOnly(c, warm);
      for (const p of paths) await ingest(b, c, p, warm);
    }

    const results: Results[] = cases.map((c) => ({
      c,
      parse: [],
      byPath: { 'in-process': [], HTTP: [] },
    }));
    for (let r = 0; r < rounds; r++) {
      for (const res of results) {
        res.parse.push(parseOnly(res.c));
        for (const p of paths) res.byPath[p].push(await ingest(b, res.c, p));
      }
    }
    report(results);
  } finally {
    await writer.close();
    await server?.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'ingest',
    description:
      'points/s through a stream alert task (in-process and POST /write), vs parsing alone',
    run,
  },
];
