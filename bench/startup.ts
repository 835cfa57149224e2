// Startup bench: how long a user waits for the host and for a CLI verb, each as a ratio to
// starting Node itself (`node -e 0`) in the same run, so machine speed cancels out.
//
//   node -e 0              the baseline: spawn → exit
//   condenser list tasks   `node bin/condenser.js -url <host> list tasks` against a running
//                          host (spawn → exit): the freshness check of the bundle, the CLI,
//                          one API call
//   serve → first ping     `node bin/condenser.js serve` with a fresh store: spawn → the first
//                          answered GET /kapacitor/v1/ping (asked as soon as it says it listens)
//   npm start → first ping the same through `npm start` (npm's own start-up included)
//   host bundle build      `node bin/host-bundle.js --force`: what a start after a source
//                          change adds (spawn → exit)
//   tsx list tasks         the same verb run from the TypeScript sources through tsx, as
//                          every start did before the bundle (for comparison)
//
// Rounds are interleaved (BENCH_STARTUP_ROUNDS, default 7); medians, with the range. Only
// 127.0.0.1; every process is stopped by the bench.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './lib/scenario.js';
import { median, roundRatios, spread } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = positiveInt(process.env.BENCH_STARTUP_ROUNDS, 7);
const condenser = path.join(root, 'bin', 'condenser.js');

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Wall time of a process from spawn to exit, in ms; rejects on a non-zero exit. */
function timeProcess(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolve(ms);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${err}`));
    });
  });
}

function ping(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/kapacitor/v1/ping`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  url: string;
  /** spawn → first answered ping */
  ms: number;
}

/** A config on a random port with its own store, for one start of the host. */
function freshConfig(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'condenser-startup-'));
  const file = path.join(dir, 'condenser.conf');
  writeFileSync(
    file,
    `[http]\nbind-address = "127.0.0.1:0"\nlog-enabled = false\n[storage]\ndir = "${dir}"\n`,
  );
  return { dir, file };
}

/** Spawn the host and time it to its first answered ping. */
function startHost(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // its own process group: `npm start` runs the host in a shell below npm
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let err = '';
    let pinged = false;
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /condenser listening on (http:\/\/\S+)/.exec(err);
      if (!m || pinged) return;
      pinged = true;
      const url = m[1]!;
      ping(url).then((status) => {
        const ms = performance.now() - start;
        if (status === 204) resolve({ child, url, ms });
        else reject(new Error(`ping answered ${status}`));
      }, reject);
    });
    child.on('exit', (code) => {
      if (!pinged) reject(new Error(`the host exited (${code}) before listening:\n${err}`));
    });
  });
}

function stopHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

async function hostToPing(viaNpm: boolean): Promise<number> {
  const { dir, file } = freshConfig();
  try {
    const started = viaNpm
      ? await startHost('npm', ['start', '--silent'], { KAPACITOR_CONFIG_PATH: file })
      : await startHost(process.execPath, [condenser, 'serve', '--config', file], {});
    await stopHost(started.child);
    return started.ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Row {
  label: string;
  ms: number[];
  /** the baseline of the same rounds */
  base: number[];
}

const fmtMs = (ms: number): string => `${Math.round(ms)} ms`;

function report(rows: Row[]): void {
  const table = rows.map((r) => [
    r.label,
    fmtMs(median(r.ms)),
    spread(r.ms, (v) => `${Math.round(v)}`),
    fmtMs(median(r.base)),
    median(roundRatios(r.ms, r.base)).toFixed(2),
    spread(roundRatios(r.ms, r.base), (v) => v.toFixed(1)),
  ]);
  console.log(
    formatTable(['scenario', 'median', 'range (ms)', 'node -e 0', 'ratio', 'ratio range'], table),
  );
  console.log(
    `\n${rounds} interleaved rounds; ratio: time over node -e 0 of the same round (median of the rounds)`,
  );
}

async function run(): Promise<void> {
  // A fresh bundle first, so the rounds time starts, not a build.
  const first = await timeProcess(process.execPath, [path.join(root, 'bin', 'host-bundle.js')]);
  console.log(`bundle check before the rounds: ${fmtMs(first)}`);

  const { dir, file } = freshConfig();
  const host = await startHost(process.execPath, [condenser, 'serve', '--config', file], {});
  const node0: number[] = [];
  const rows: Record<string, number[]> = {
    cli: [],
    serve: [],
    npm: [],
    build: [],
    tsx: [],
  };
  try {
    for (let r = 0; r < rounds; r++) {
      node0.push(await timeProcess(process.execPath, ['-e', '0']));
      rows.cli!.push(
        await timeProcess(process.execPath, [condenser, '-url', host.url, 'list', 'tasks']),
      );
      rows.serve!.push(await hostToPing(false));
      rows.npm!.push(await hostToPing(true));
      rows.build!.push(
        await timeProcess(process.execPath, [path.join(root, 'bin', 'host-bundle.js'), '--force']),
      );
      rows.tsx!.push(
        await timeProcess(process.execPath, [
          '--import',
          'tsx',
          path.join(root, 'src', 'main.ts'),
          '-url',
          host.url,
          'list',
          'tasks',
        ]),
      );
    }
  } finally {
    await stopHost(host.child);
    rmSync(dir, { recursive: true, force: true });
  }
  const row = (label: string, key: string): Row => ({ label, ms: rows[key]!, base: node0 });
  report([
    { label: 'node -e 0', ms: node0, base: node0 },
    row('condenser list tasks', 'cli'),
    row('serve → first ping', 'serve'),
    row('npm start → first ping', 'npm'),
    row('host bundle build', 'build'),
    row('tsx list tasks (before)', 'tsx'),
  ]);
}

export const scenarios: Scenario[] = [
  {
    name: 'startup',
    description:
      'launch → first ping of the host, a CLI call and a bundle build, vs node -e 0 (same run)',
    run,
  },
];
