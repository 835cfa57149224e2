// Scaffolder bench: wall time of the scaffolder's commands as real processes, each a ratio
// against a bare node-plop run measured in the same run (so machine speed cancels out):
//
//   new-handler   `node --import tsx generators/new-handler.ts bench<N>` in a throw-away copy
//                 of the repository: process start to exit, then the 7 files checked present
//                 (render, wire the six touch points, prettier, write)
//   wire --check  `node --import tsx generators/wire.ts --check` on the same copy right after
//                 the new handler was generated (what `npm test`'s pretest runs): exit 0 and
//                 "wiring is complete" expected
//   bare plop     `node --import tsx bench/lib/bare-plop.ts bench<N> <tmp>`: node-plop `add`
//                 actions over the same templates/kind/*.hbs with the same view
//                 (kindView of the spec new-handler makes from the name), writing into a fresh temp dir;
//                 nothing else (lib/bare-plopfile.ts)
//
// The copy is its own git repository (like test/generators/scaffolder.test.ts makes it) and
// is reset (git checkout + clean) before every round, so each round generates fresh into the
// same tree, with a new kind name each round. One unmeasured warm-up round first (tsx's
// transform cache, the page cache), which also checks that the bare run writes exactly what
// generators/kind/render.ts renders and the same paths new-handler creates. Rounds interleave the
// commands; the bare run goes first in odd rounds and last in even ones. Also printed: the
// floor every command pays, `node --import tsx -e ''`.
//
// Bounded: BENCH_SCAFFOLD_RUNS rounds (default 5, medians), no new round after
// BENCH_SCAFFOLD_BUDGET_MS (default 180000), each process killed after
// BENCH_SCAFFOLD_TIMEOUT_MS (default 60000). Temp dirs are removed at the end.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { resolveKind } from '../generators/generate.js';
import { emptyInventory } from '../generators/inventory.js';
import { renderKind } from '../generators/kind/render.js';
import { git, gitCopyOfRepo } from '../test/helpers/repo-copy.js';
import type { Scenario } from './lib/scenario.js';
import { formatTable } from './lib/table.js';

const runs = positiveInt(process.env.BENCH_SCAFFOLD_RUNS, 5);
const budgetMs = positiveInt(process.env.BENCH_SCAFFOLD_BUDGET_MS, 180_000);
const timeoutMs = positiveInt(process.env.BENCH_SCAFFOLD_TIMEOUT_MS, 60_000);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const barePlopScript = path.join(repoRoot, 'bench', 'lib', 'bare-plop.ts');

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function gitCopy(): string {
  return gitCopyOfRepo('condenser-bench-scaffold-');
}

/** Back to the committed copy: touch points restored, generated files gone. */
function reset(root: string): void {
  git(root, 'checkout', '-q', '--', '.');
  git(root, 'clean', '-fdq');
}

interface Timed {
  ms: number;
  stdout: string;
}

/** One real process without a terminal, start to exit; anything but exit 0 is an error. */
function timedProcess(label: string, cwd: string, args: string[]): Timed {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const ms = performance.now() - start;
  if (r.error) throw new Error(`${label}: ${r.error.message}`, { cause: r.error });
  if (r.status !== 0) {
    const why = r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    throw new Error(`${label}: ${why}\n${r.stdout}${r.stderr}`);
  }
  return { ms, stdout: r.stdout };
}

/** The files generation writes for `kind`, relative to the root it writes into. */
function generatedPaths(kind: string): string[] {
  return renderKind(resolveKind({ kind }, repoRoot, emptyInventory).spec).map((f) => f.path);
}

function assertPresent(label: string, root: string, kind: string): void {
  const missing = generatedPaths(kind).filter((p) => !existsSync(path.join(root, p)));
  if (missing.length > 0) throw new Error(`${label}: not written: ${missing.join(', ')}`);
}

/** The bare run writes exactly what generators/kind/render.ts renders for the same spec. */
function assertSameAsRender(dir: string, kind: string): void {
  for (const file of renderKind(resolveKind({ kind }, repoRoot, emptyInventory).spec)) {
    if (readFileSync(path.join(dir, file.path), 'utf8') !== file.content) {
      throw new Error(`bare plop: ${file.path} differs from generators/render.ts's output`);
    }
  }
}

interface Samples {
  newHandler: number[];
  wireCheck: number[];
  bare: number[];
  floor: number[];
}

class Round {
  constructor(
    private readonly copy: string,
    private readonly kind: string,
  ) {}

  bare(check = false): number {
    const dest = mkdtempSync(path.join(tmpdir(), 'condenser-bench-bare-plop-'));
    try {
      const t = timedProcess('bare plop', this.copy, [
        '--import',
        'tsx',
        barePlopScript,
        this.kind,
        dest,
      ]);
      assertPresent('bare plop', dest, this.kind);
      if (check) assertSameAsRender(dest, this.kind);
      return t.ms;
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  }

  newHandler(): number {
    const label = `new-handler ${this.kind}`;
    const t = timedProcess(label, this.copy, [
      '--import',
      'tsx',
      'generators/new-handler.ts',
      this.kind,
    ]);
    assertPresent(label, this.copy, this.kind);
    return t.ms;
  }

  wireCheck(): number {
    const t = timedProcess('wire --check', this.copy, [
      '--import',
      'tsx',
      'generators/wire.ts',
      '--check',
    ]);
    if (!t.stdout.includes('wiring is complete')) {
      throw new Error(`wire --check: unexpected output\n${t.stdout}`);
    }
    return t.ms;
  }

  floor(): number {
    return timedProcess('process floor', this.copy, ['--import', 'tsx', '-e', '']).ms;
  }
}

function formatMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

function report(s: Samples, note: string): void {
  const bare = median(s.bare);
  const row = (label: string, values: number[]): string[] => {
    const m = median(values);
    return [label, formatMs(m), formatMs(bare), (m / bare).toFixed(2)];
  };
  console.log(
    formatTable(
      ['scenario', 'median', 'bare plop', 'ratio'],
      [row('new-handler', s.newHandler), row('wire --check', s.wireCheck)],
    ),
  );
  console.log(`\n(${note}; real processes, start to exit; medians)`);
  const all = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');
  console.log(`new-handler   [${all(s.newHandler)}] ms`);
  console.log(`wire --check  [${all(s.wireCheck)}] ms`);
  console.log(`bare plop     [${all(s.bare)}] ms`);
  console.log(
    `process floor [${all(s.floor)}] ms, median ${formatMs(median(s.floor))} (node --import tsx -e '')`,
  );
}

async function scaffold(): Promise<void> {
  const started = performance.now();
  const copy = gitCopy();
  try {
    const files = generatedPaths('<kind>');
    console.log(`files per generation: ${files.length} (${files.join(', ')})`);

    // Warm-up (unmeasured), with the one-off checks.
    const warm = new Round(copy, 'bench0');
    warm.bare(true);
    warm.newHandler();
    warm.wireCheck();
    warm.floor();
    const created = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: copy,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l.startsWith('?? '))
      .map((l) => l.slice(3))
      .sort();
    const expected = generatedPaths('bench0').sort();
    if (created.join('\n') !== expected.join('\n')) {
      throw new Error(
        `new-handler created [${created.join(', ')}], the bare run writes [${expected.join(', ')}]`,
      );
    }

    const s: Samples = { newHandler: [], wireCheck: [], bare: [], floor: [] };
    let done = 0;
    for (let r = 1; r <= runs; r++) {
      if (r > 1 && performance.now() - started > budgetMs) break;
      reset(copy);
      const round = new Round(copy, `bench${r}`);
      const bareFirst = r % 2 === 1;
      if (bareFirst) s.bare.push(round.bare());
      s.newHandler.push(round.newHandler());
      s.wireCheck.push(round.wireCheck());
      if (!bareFirst) s.bare.push(round.bare());
      s.floor.push(round.floor());
      done++;
    }
    const stopped = done < runs ? ` (stopped: BENCH_SCAFFOLD_BUDGET_MS ${budgetMs} ms)` : '';
    report(s, `${done} of ${runs} interleaved rounds after 1 warm-up${stopped}`);
    console.log(`total ${formatMs(performance.now() - started)}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'scaffold',
    description:
      'wall time of new-handler and wire --check as real processes, vs a bare node-plop render+write',
    run: scaffold,
  },
];
