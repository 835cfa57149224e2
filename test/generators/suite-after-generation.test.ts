// The scaffolder's promise, "generate, then run the tests": in a copy of the repository,
// generate five kinds with the scripts users run, remove one of them and Kapacitor's kinds
// that have tests of their own, and run the whole suite there exactly as `npm test` does (the
// wiring check, then vitest). Every test of the project, and the generated ones, must pass
// with kinds the project has never seen and without the kinds removed.

import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKinds } from '../../generators/remove-handler.js';
import { serviceFolders, unusedName } from '../helpers/installed.js';
import { gitCopyOfRepo, repoRoot } from '../helpers/repo-copy.js';

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
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(
    "passes whole in a copy with four generated kinds, one on TCP (and one generated, then removed, and Kapacitor's kinds with tests of their own removed)",
    async () => {
      const scaffold = (script: string, ...args: string[]) =>
        run(root, ['generators/launch.js', script, ...args]);
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
      // Two workers: the suite outside runs three beside it on the same two cores.
      const suite = await run(root, [vitest, 'run', '--exclude', self, '--maxWorkers', '2']);
      // On failure, show vitest's own account: the failed suites and tests with their errors.
      const report = suite.output.search(/Failed (Suites|Tests) \d+/);
      const failures = report >= 0 ? suite.output.slice(report, report + 12_000) : '';
      expect(suite.code, failures || suite.output.slice(-6000)).toBe(0);
      expect(suite.output).toMatch(/Test Files\s+\d+ passed/);
      expect(suite.output).toContain(`test/services/${plain}.test.ts`);
      expect(suite.output).toContain(`test/services/${listed}.test.ts`);
      expect(suite.output).toContain(`test/services/${socket}.test.ts`);
      expect(suite.output).toContain(`test/services/${first}.test.ts`);
      expect(suite.output).not.toContain(`test/services/${removed}.test.ts`);
      // Every kind with tests of its own beside the generated one, but telegram (see above).
      expect(kapacitorRemoved.length).toBeGreaterThanOrEqual(5);
      for (const k of kapacitorRemoved) expect(suite.output).not.toContain(`test/services/${k}.`);
    },
    25 * 60_000,
  );
});
