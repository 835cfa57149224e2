// Window memory under group churn: what a window costs per live group, and what a group that
// stopped sending still costs once the stream has moved on (its window expired), as ratios
// against a baseline of the same stream without the churn, measured in the same run.
//
// The task (in-process writes: parseLineProtocol + TaskMaster.writePoints, as POST /write):
//
//   stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|count('value')
//
// The stream, one point per host per second of stream time:
//
//   steady   BENCH_WINDOWS_STEADY hosts (default 100) send every second from 0 s to the end
//   churn    BENCH_WINDOWS_GROUPS hosts (default 100k), 2% of them new each second over the
//            first 50 s, each sending 5 points (5 s) and never again
//   after    the steady hosts alone, until 130 s after the churn: past the window expiry
//            (twice the window, at least 60 s), so every churned window can be dropped
//
// Heap after a forced GC (exact: the bench turns --expose-gc on itself) is read at the peak
// (every churned group has a window: second 54) and at the end, for the churn run and for the
// baseline run (steady hosts only, same timeline, a fresh task). Per group:
//
//   live window     (churn peak - baseline at the same second) / groups
//   after expiry    (churn end  - baseline end) / groups
//
// The ratio after/live is what a group that stopped sending keeps of its live cost.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { silentLogger } from '../src/common/logger.js';
import { buildConfig } from '../src/config/load.js';
import { parseLineProtocol } from '../src/ingest/line-protocol.js';
import { Server } from '../src/server/server.js';
import type { Scenario } from './lib/scenario.js';
import { formatTable } from './lib/table.js';

const churnGroups = positiveInt(process.env.BENCH_WINDOWS_GROUPS, 100_000);
const steadyGroups = positiveInt(process.env.BENCH_WINDOWS_STEADY, 100);
const churnSeconds = 50;
const pointsPerChurnGroup = 5;
const peakSecond = churnSeconds + pointsPerChurnGroup - 1;
const endSecond = peakSecond + 130;
const DB = 'bench';
const RP = 'autogen';
const T0 = BigInt(Date.UTC(2026, 0, 1)) * 1_000_000n;
const SECOND = 1_000_000_000n;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The line-protocol body of one second of stream time. */
function secondBody(second: number, churn: boolean): string {
  const time = (T0 + BigInt(second) * SECOND).toString();
  const lines: string[] = [];
  for (let h = 0; h < steadyGroups; h++) lines.push(`cpu,host=steady${h} value=${h} ${time}`);
  if (churn) {
    const perSecond = Math.ceil(churnGroups / churnSeconds);
    // hosts that started in the last pointsPerChurnGroup seconds are sending
    for (let start = second - pointsPerChurnGroup + 1; start <= second; start++) {
      if (start < 0 || start >= churnSeconds) continue;
      const last = Math.min(churnGroups, (start + 1) * perSecond);
      for (let h = start * perSecond; h < last; h++) {
        lines.push(`cpu,host=churn${h} value=${h} ${time}`);
      }
    }
  }
  return lines.join('\n');
}

interface Reading {
  peak: number;
  end: number;
  points: number;
  ms: number;
}

let taskSeq = 0;

async function runStream(server: Server, churn: boolean): Promise<Reading> {
  const id = `bench-windows-${++taskSeq}`;
  await server.tasks.create({
    id,
    dbrps: [{ db: DB, rp: RP }],
    script: `stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|count('value')`,
    status: 'enabled',
  });
  const master = server.tasks.master;
  let peak = 0;
  let points = 0;
  const start = performance.now();
  for (let second = 0; second <= endSecond; second++) {
    const parsed = parseLineProtocol(secondBody(second, churn), { precision: 'n', now: 0n });
    master.writePoints(DB, RP, parsed);
    points += parsed.length;
    if (second === peakSecond) peak = heapUsed();
  }
  const ms = performance.now() - start;
  const end = heapUsed();
  await server.tasks.delete(id);
  return { peak, end, points, ms };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KiB`;
}

async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'condenser-bench-windows-'));
  let server: Server | undefined;
  try {
    const { config } = buildConfig(
      { http: { 'bind-address': '127.0.0.1:0' }, storage: { dir } },
      'bench',
    );
    server = await Server.start(config, { logger: silentLogger });
    // warm-up, then baseline and churn alternately; medians of 3 would triple a long run,
    // so one of each after the warm-up (the heap figures barely vary between runs)
    await runStream(server, false);
    const baseline = await runStream(server, false);
    const churn = await runStream(server, true);

    const live = (churn.peak - baseline.peak) / churnGroups;
    const after = (churn.end - baseline.end) / churnGroups;
    console.log(
      formatTable(
        ['per churned group', 'bytes', 'ratio to live'],
        [
          ['live window (5 points)', Math.round(live).toLocaleString('en-US'), '1.00'],
          ['after expiry', Math.round(after).toLocaleString('en-US'), (after / live).toFixed(3)],
        ],
      ),
    );
    console.log(
      `\nheap after GC: baseline peak ${kb(baseline.peak)}, end ${kb(baseline.end)}; ` +
        `churn peak ${kb(churn.peak)}, end ${kb(churn.end)}`,
    );
    console.log(
      `${churnGroups.toLocaleString('en-US')} churned groups (${pointsPerChurnGroup} points each, ` +
        `over the first ${churnSeconds} s), ${steadyGroups} steady groups, ${endSecond + 1} s of ` +
        `stream time; window period 10s every 10s (expiry 60 s)`,
    );
    console.log(
      `points: baseline ${baseline.points.toLocaleString('en-US')} in ${baseline.ms.toFixed(0)} ms, ` +
        `churn ${churn.points.toLocaleString('en-US')} in ${churn.ms.toFixed(0)} ms`,
    );
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'window-churn',
    description:
      'window memory per group: live, and after 100k groups stopped sending (window expiry)',
    run,
  },
];
