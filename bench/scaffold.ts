// Scaffolder bench: wall time of the scaffolder's commands as a user runs them (`npm run ...`,
// whole processes, start to exit), each as a ratio against baselines measured in the same
// rounds, so that machine speed cancels out:
//
//   node -e 0        a bare node process: the floor any command pays
//   bare plop        `node --import tsx bench/lib/bare-plop.ts bench<N> <tmp>`: node-plop `add`
//                    actions over the same templates/kind/*.hbs with the same view, writing into
//                    a fresh temp dir; nothing else (lib/bare-plopfile.ts)
//
// and the commands:
//
//   new-handler        `npm run new-handler bench<N>`: a new kind from flags (render, wire the six
//                      touch points, prettier, journaled commit); the 7 files checked present
//   wire --check       `npm run wire -- --check` right after it (the touch points and one kind
//                      are new texts; new-handler kept what it knows of them, from the check
//                      of the committed tree in the warm-up): "wiring is complete" expected
//   wire --check, unchanged   the same again on the unchanged tree (what `npm test` runs)
//   new-handler talk   `npm run new-handler talk`: one catalogue kind, after
//                      `npm run remove-handler talk -- --yes` (untimed)
//   catalogue --check  `npm run catalogue -- --check`: every generated kind regenerated in
//                      memory and compared (exit 0 expected)
//
// After the rounds, the catalogue check over 27 kinds (Kapacitor's number): 10 more kinds are
// generated from flags into the copy (simpler than most catalogue kinds, so the figure is a
// lower bound for 27 real ones; the 17-kind figure scaled by 27/17 is printed beside it), then
// the check runs on one core (`taskset -c 0` where there is one), with the caches as a previous
// run left them (warm) and with them emptied first (cold: prettier formats every file).
//
// The copy is its own git repository (test/helpers/repo-copy.ts) and is reset (git checkout +
// clean, keeping dist/: the build and its caches) before every round, with a new kind name each
// round. One unmeasured warm-up round first (builds the bundle, fills the caches, checks that
// the bare run writes what generators/kind/render.ts renders and the paths new-handler creates),
// then `sync`, so that the write-back of the copy and its caches is not timed.
// Rounds interleave the commands; the bare run goes first in odd rounds and last in even ones.
//
// Bounded: BENCH_SCAFFOLD_RUNS rounds (default 5, medians), no new round after
// BENCH_SCAFFOLD_BUDGET_MS (default 240000), each process killed after
// BENCH_SCAFFOLD_TIMEOUT_MS (default 120000). Temp dirs are removed at the end.

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
const budgetMs = positiveInt(process.env.BENCH_SCAFFOLD_BUDGET_MS, 240_000);
const timeoutMs = positiveInt(process.env.BENCH_SCAFFOLD_TIMEOUT_MS, 120_000);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const barePlopScript = path.join(repoRoot, 'bench', 'lib', 'bare-plop.ts');
/** The catalogue kind the bench removes and generates again. */
const catalogueKind = 'talk';
/** Kapacitor's handler kinds: the size of a complete catalogue. */
const fullCatalogue = 27;

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

/** Back to the committed copy (touch points restored, generated files gone), keeping dist/. */
function reset(root: string): void {
  git(root, 'checkout', '-q', '--', '.');
  git(root, 'clean', '-fdq', '-e', 'dist');
}

interface Timed {
  ms: number;
  stdout: string;
}

/** One real process without a terminal, start to exit; anything but exit 0 is an error. */
function timedProcess(label: string, cwd: string, command: string, args: string[]): Timed {
  const start = performance.now();
  const r = spawnSync(command, args, {
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

/** `npm run -s <script> -- <args>` in the copy, as a user types it. */
function npmRun(root: string, script: string, args: string[]): Timed {
  return timedProcess(`npm run ${script} ${args.join(' ')}`.trim(), root, 'npm', [
    'run',
    '-s',
    script,
    ...(args.length > 0 ? ['--', ...args] : []),
  ]);
}

/** Write every dirty page to disk now (`sync`), where the machine has it. */
function settleWrites(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}

/** `taskset -c 0` when the machine has it: the catalogue target is for one core. */
const oneCore: string[] =
  spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];

function npmRunOnOneCore(root: string, script: string, args: string[]): Timed {
  const [command, ...prefix] = oneCore.length > 0 ? oneCore : ['npm'];
  const npm = ['run', '-s', script, '--', ...args];
  return timedProcess(
    `${oneCore.join(' ')} npm run ${script} ${args.join(' ')}`.trim(),
    root,
    command!,
    oneCore.length > 0 ? [...prefix, 'npm', ...npm] : npm,
  );
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

function expectOutput(label: string, t: Timed, text: string): number {
  if (!t.stdout.includes(text)) throw new Error(`${label}: no "${text}" in\n${t.stdout}`);
  return t.ms;
}

const sampleNames = [
  'nodeFloor',
  'bare',
  'newHandler',
  'wireCheck',
  'wireCheckUnchanged',
  'newHandlerCatalogue',
  'catalogueCheck',
] as const;
type Samples = Record<(typeof sampleNames)[number], number[]>;

class Round {
  constructor(
    private readonly copy: string,
    private readonly kind: string,
  ) {}

  bare(check = false): number {
    const dest = mkdtempSync(path.join(tmpdir(), 'condenser-bench-bare-plop-'));
    try {
      const t = timedProcess('bare plop', this.copy, process.execPath, [
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

  nodeFloor(): number {
    return timedProcess('node -e 0', this.copy, process.execPath, ['-e', '0']).ms;
  }

  newHandler(): number {
    const t = npmRun(this.copy, 'new-handler', [this.kind]);
    assertPresent(`new-handler ${this.kind}`, this.copy, this.kind);
    return t.ms;
  }

  wireCheck(): number {
    return expectOutput(
      'wire --check',
      npmRun(this.copy, 'wire', ['--check']),
      'wiring is complete',
    );
  }

  newHandlerCatalogue(): number {
    npmRun(this.copy, 'remove-handler', [catalogueKind, '--yes']);
    const t = npmRun(this.copy, 'new-handler', [catalogueKind]);
    assertPresent(`new-handler ${catalogueKind}`, this.copy, catalogueKind);
    return t.ms;
  }

  catalogueCheck(): number {
    return expectOutput(
      'catalogue --check',
      npmRun(this.copy, 'catalogue', ['--check']),
      'every generated file is as its spec and the templates make it',
    );
  }
}

function formatMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

function report(s: Samples, note: string): void {
  const floor = median(s.nodeFloor);
  const bare = median(s.bare);
  const row = (label: string, values: number[]): string[] => {
    const m = median(values);
    return [label, formatMs(m), (m / floor).toFixed(1), (m / bare).toFixed(2)];
  };
  console.log(
    formatTable(
      ['command (npm run ..., whole process)', 'median', '× node -e 0', '× bare plop'],
      [
        row('new-handler bench<N>', s.newHandler),
        row('wire --check (after it)', s.wireCheck),
        row('wire --check (unchanged tree)', s.wireCheckUnchanged),
        row(`new-handler ${catalogueKind} (catalogue kind)`, s.newHandlerCatalogue),
        row('catalogue --check (17 kinds)', s.catalogueCheck),
        row('baseline: node -e 0', s.nodeFloor),
        row('baseline: bare plop', s.bare),
      ],
    ),
  );
  console.log(`\n(${note}; real processes, start to exit; medians)`);
  const all = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');
  for (const name of sampleNames) console.log(`${name.padEnd(20)} [${all(s[name])}] ms`);
}

/** Generate kinds from flags until the copy has `total` catalogue specs with their folders. */
function growCatalogue(copy: string, total: number): number {
  const specs = () =>
    execFileSync('git', ['ls-files', '--others', '--cached', 'generators/catalogue'], {
      cwd: copy,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f.endsWith('.yaml')).length;
  for (let i = 1; specs() < total; i++) npmRun(copy, 'new-handler', [`benchextra${i}`]);
  return specs();
}

function catalogueAtFullSize(copy: string, samples17: number[]): void {
  reset(copy);
  const kinds = growCatalogue(copy, fullCatalogue);
  const core = oneCore.length > 0 ? 'one core (taskset -c 0)' : 'all cores (no taskset here)';
  const warm: number[] = [];
  const check = () =>
    expectOutput(
      'catalogue --check',
      npmRunOnOneCore(copy, 'catalogue', ['--check']),
      'every generated file is as its spec and the templates make it',
    );
  check(); // the new kinds into the caches
  for (let i = 0; i < 3; i++) warm.push(check());
  rmSync(path.join(copy, 'dist', 'scaffold', 'format-cache'), { recursive: true, force: true });
  rmSync(path.join(copy, 'dist', 'scaffold', 'analysis-cache'), { recursive: true, force: true });
  const cold = check();
  console.log(`\ncatalogue --check over ${kinds} kinds, on ${core}:`);
  console.log(
    formatTable(
      ['catalogue --check', 'median', `17-kind median × ${fullCatalogue}/17`],
      [
        [
          `${kinds} kinds, warm caches`,
          formatMs(median(warm)),
          formatMs((median(samples17) * fullCatalogue) / 17),
        ],
        [`${kinds} kinds, cold caches (1 run)`, formatMs(cold), ''],
      ],
    ),
  );
  console.log(`warm [${warm.map((v) => v.toFixed(0)).join(', ')}] ms`);
}

async function scaffold(): Promise<void> {
  const started = performance.now();
  const copy = gitCopyOfRepo('condenser-bench-scaffold-');
  try {
    const files = generatedPaths('kind').map((f) => f.replace(/kind/g, '<kind>'));
    console.log(`files per generation: ${files.length} (${files.join(', ')})`);

    // Warm-up (unmeasured), with the one-off checks. The repository as committed is checked
    // first, as `npm test` (its pretest) checks a clone before anyone adds a kind: new-handler
    // keeps, for the check after it, the state of what it changed as found by that check.
    const warm = new Round(copy, 'bench0');
    warm.wireCheck();
    warm.bare(true);
    warm.newHandler();
    const created = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: copy,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l.startsWith('?? ') && !l.startsWith('?? generators/catalogue/'))
      .map((l) => l.slice(3))
      .sort();
    const expected = generatedPaths('bench0').sort();
    if (created.join('\n') !== expected.join('\n')) {
      throw new Error(
        `new-handler created [${created.join(', ')}], the bare run writes [${expected.join(', ')}]`,
      );
    }
    warm.wireCheck();
    warm.newHandlerCatalogue();
    warm.catalogueCheck();
    // The copy, its build and the warm-up's caches are tens of megabytes not yet on disk: their
    // write-back fell into the first rounds (a new kind's commit syncs its files). In two runs
    // without this, new-handler took 19-35 % longer in rounds 1 and 2 than in the others; in
    // two with it, no round stood out. A repository is not being copied while its user runs a
    // command.
    settleWrites();

    const s = Object.fromEntries(sampleNames.map((n) => [n, []])) as unknown as Samples;
    let done = 0;
    for (let r = 1; r <= runs; r++) {
      if (r > 1 && performance.now() - started > budgetMs) break;
      reset(copy);
      const round = new Round(copy, `bench${r}`);
      const bareFirst = r % 2 === 1;
      if (bareFirst) s.bare.push(round.bare());
      s.nodeFloor.push(round.nodeFloor());
      s.newHandler.push(round.newHandler());
      s.wireCheck.push(round.wireCheck());
      s.wireCheckUnchanged.push(round.wireCheck());
      s.newHandlerCatalogue.push(round.newHandlerCatalogue());
      s.catalogueCheck.push(round.catalogueCheck());
      if (!bareFirst) s.bare.push(round.bare());
      done++;
    }
    const stopped = done < runs ? ` (stopped: BENCH_SCAFFOLD_BUDGET_MS ${budgetMs} ms)` : '';
    report(s, `${done} of ${runs} interleaved rounds after 1 warm-up${stopped}`);
    catalogueAtFullSize(copy, s.catalogueCheck);
    console.log(`total ${formatMs(performance.now() - started)}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'scaffold',
    description:
      'new-handler, wire --check, a catalogue kind, the catalogue check (17 and 27 kinds) as npm runs them, vs node -e 0 and a bare node-plop render',
    run: scaffold,
  },
];
