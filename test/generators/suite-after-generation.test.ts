// The scaffolder's promise, "generate, then run the tests": in a copy of the repository,
// generate kinds of every sort with the scripts users run (test/generators/sample-kinds.ts and
// four more), remove one of them and Kapacitor's kinds that have tests of their own, and run
// the whole suite there exactly as `npm test` does (the wiring check, then vitest). Every test
// of the project, and the generated ones, must pass with kinds the project has never seen and
// without the kinds removed. Beside it, the same tree with a folder written by hand (wired by
// `npm run wire`) must typecheck, and must not without that folder's task-master entry.

import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKinds } from '../../generators/remove-handler.js';
import { serviceFolders, unusedName } from '../helpers/installed.js';
import { gitCopyOfRepo, repoRoot } from '../helpers/repo-copy.js';
import { runWire } from '../../generators/wire.js';
import { pascalOf, recordingOutput, writeFakeHandler } from './helpers.js';
import { notifierArgs, pagerSpec, peerKindArgs } from './sample-kinds.js';

const self = 'test/generators/suite-after-generation.test.ts';

interface Run {
  code: number | null;
  output: string;
}

function run(root: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm test after new-handler and remove-handler', () => {
  let root: string;
  let scratch: string;
  // A name that ends in another test's kind name (`foo`, which the scaffolder tests generate):
  // a test that looks for that kind's symbols must match whole identifiers, not `zfooHandler`.
  const plain = unusedName('zfoo');
  // Names other tests may assume free: `portal` matches the CLI test's `po*` beside `post`,
  // and `a` sorts before every kind (the outline tests probe with it).
  const listed = unusedName('portal');
  const first = unusedName('a');
  // A kind on TCP: its receiver has a message only once the host closes the connection.
  const socket = unusedName('sock');
  const removed = unusedName('gone');
  // The scaffolder tests' sample kinds: a whole spec, a Gotify-like kind, the peer transports.
  const specKind = unusedName('pager');
  const notifier = unusedName('gotify');
  const peers = {
    mq: unusedName('mq'),
    mail: unusedName('mail'),
    kaf: unusedName('kaf'),
    trap: unusedName('trap'),
  };
  // A folder written by hand (the four files a kind needs, nothing generated).
  const handKind = unusedName('hand');
  const unwired = 'src/task/task-master-unwired.ts';
  const generated = [plain, listed, first, socket, specKind, notifier, ...Object.values(peers)];
  // Kapacitor's kinds with hand-written tests beside their generated one, removed too: their
  // tests go with them, and no other test may depend on them. Telegram stays: README's
  // catalogue example runs it, and the README describes the host as shipped.
  const kapacitorRemoved = serviceFolders().filter(
    (k) =>
      k !== 'telegram' &&
      !builtInKinds.includes(k) &&
      readdirSync(path.join(repoRoot, 'test/services')).some(
        (f) => f.startsWith(`${k}.`) && f !== `${k}.test.ts`,
      ),
  );

  beforeAll(() => {
    root = gitCopyOfRepo('condenser-suite-', { scaffoldBuild: true });
    scratch = mkdtempSync(path.join(tmpdir(), 'condenser-suite-typecheck-'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * The tree as generated, plus a folder written by hand that `wire` wires, and a copy of the
   * task master without that folder's entry, typechecked: in a copy of its own, so that the
   * suite does not meet the hand-written folder. Resolves to tsc's run.
   */
  async function typecheckWithHandWritten(): Promise<Run> {
    const tree = path.join(scratch, 'tree');
    cpSync(root, tree, {
      recursive: true,
      filter: (from) => !['.git', 'node_modules', 'dist'].includes(path.relative(root, from)),
    });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    writeFakeHandler(tree, handKind);
    const wired = recordingOutput();
    expect(await runWire([], { root: tree, output: wired }), wired.errors.join('\n')).toBe(0);
    const taskMaster = readFileSync(path.join(tree, 'src/task/task-master.ts'), 'utf8');
    const entry = `  ${handKind}: ${pascalOf(handKind)}Service;\n`;
    expect(taskMaster).toContain(entry);
    writeFileSync(path.join(tree, unwired), taskMaster.replace(entry, ''));
    return run(tree, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '--noEmit']);
  }

  it(
    "passes whole in a copy with ten generated kinds of every transport (and one generated, then removed, and Kapacitor's kinds with tests of their own removed), which typechecks with a hand-written kind wired beside them",
    async () => {
      const scaffold = (script: string, ...args: string[]) =>
        run(root, ['generators/launch.js', script, ...args]);
      writeFileSync(path.join(scratch, `${specKind}.yaml`), pagerSpec(specKind));
      for (const [script, ...args] of [
        ['new-handler', plain],
        ['new-handler', first],
        ['new-handler', removed, '--option', 'retries:int=2'],
        ['new-handler', socket, '--transport', 'tcp', '--option', 'retries:int=2'],
        [
          'new-handler',
          listed,
          '--list-section',
          'workspace',
          '--transport',
          'http-form',
          '--secret',
          'token',
          '--option',
          'channel:string',
          '--option',
          'urgent:bool',
        ],
        ['new-handler', '--spec', path.join(scratch, `${specKind}.yaml`)],
        ['new-handler', ...notifierArgs(notifier)],
        ...peerKindArgs(peers).map((args) => ['new-handler', ...args]),
        ['remove-handler', removed, '--yes'],
        ...kapacitorRemoved.map((k) => ['remove-handler', k, '--yes']),
      ]) {
        const r = await scaffold(script!, ...args);
        expect(r.code, `${script} ${args.join(' ')}\n${r.output}`).toBe(0);
      }

      const check = await scaffold('wire', '--check');
      expect(check.output.trim()).toBe('wiring is complete');
      // The copy's own suite, minus this file (which would start it again, forever).
      const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
      // Two workers: the suite outside runs three beside it on the same two cores. The
      // typecheck runs beside them.
      const [suite, tsc] = await Promise.all([
        run(root, [vitest, 'run', '--exclude', self, '--maxWorkers', '2']),
        typecheckWithHandWritten(),
      ]);
      // Every error tsc reports (global ones too) is the unwired copy's one: the task
      // master's completeness check, a service with a config section missing.
      const errors = tsc.output.split('\n').filter((line) => line.trim() !== '');
      expect(errors, tsc.output).toEqual([
        expect.stringMatching(
          /^src\/task\/task-master-unwired\.ts\(\d+,\d+\): error TS2322: Type 'true' is not assignable to type 'never'\.$/,
        ),
      ]);
      expect(tsc.code).not.toBe(0);
      // On failure, show vitest's own account: the failed suites and tests with their errors.
      const report = suite.output.search(/Failed (Suites|Tests) \d+/);
      const failures = report >= 0 ? suite.output.slice(report, report + 12_000) : '';
      expect(suite.code, failures || suite.output.slice(-6000)).toBe(0);
      expect(suite.output).toMatch(/Test Files\s+\d+ passed/);
      for (const k of generated) expect(suite.output).toContain(`✓ test/services/${k}.test.ts`);
      expect(suite.output).not.toContain(`test/services/${removed}.test.ts`);
      // Every kind with tests of its own beside the generated one, but telegram (see above).
      expect(kapacitorRemoved.length).toBeGreaterThanOrEqual(5);
      for (const k of kapacitorRemoved) expect(suite.output).not.toContain(`test/services/${k}.`);
    },
    25 * 60_000,
  );
});
