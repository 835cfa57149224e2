// A commit that is interrupted must never leave a half-applied tree. The scaffolder is killed
// with SIGKILL at random points of its commit (slowed down by the test hook
// CONDENSER_TEST_COMMIT_STEP_DELAY_MS so that the kill lands inside it), and Ctrl-C is sent
// to it the way a terminal does; the next command must leave the tree exactly as before or
// exactly as fully generated, and say which. Two runs at once must not both succeed blindly.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKind, resolveKind } from '../../generators/generate.js';
import { readInventory } from '../../generators/inventory.js';
import { Journal, stateDirName, type JournalRecord } from '../../generators/journal.js';
import { acquireLock, lockPath } from '../../generators/lock.js';
import { runNewHandler } from '../../generators/new-handler.js';
import { runWire } from '../../generators/wire.js';
import { unusedName } from '../helpers/installed.js';
import { git, gitCopyOfRepo } from '../helpers/repo-copy.js';
import { recordingOutput } from './helpers.js';

const kind = unusedName('foo');
const stepDelayMs = 120;

/** Every file git sees as changed or new, with its content; plus scaffolder leftovers. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const line of git(root, 'status', '--porcelain', '-uall').split('\n').filter(Boolean)) {
    const file = line.slice(3);
    files[file] = existsSync(path.join(root, file))
      ? readFileSync(path.join(root, file), 'utf8')
      : '<deleted>';
  }
  return files;
}

/** Temp files a commit writes beside its targets, and the journal, if any are left. */
function leftovers(root: string): string[] {
  const found: string[] = [];
  for (const top of ['src', 'test']) {
    for (const entry of readdirSync(path.join(root, top), { recursive: true })) {
      if (String(entry).endsWith('.condenser-tmp')) found.push(`${top}/${String(entry)}`);
    }
  }
  if (existsSync(path.join(root, stateDirName, 'journal.json'))) found.push('journal.json');
  return found;
}

/**
 * Back to the committed tree. Ignored files stay (the scaffolder's build and caches in dist/,
 * as in a user's checkout): without them every run would rebuild the bundle first.
 * `leftovers` checks that no run left its journal or temp files.
 */
function resetTree(root: string): void {
  git(root, 'checkout', '-q', '--', '.');
  git(root, 'clean', '-qfd');
}

interface Child {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal: NodeJS.Signals) => void;
  pid: number;
}

/**
 * A scaffolder script as a process: its source through tsx's loader (SIGKILL hits exactly it),
 * or as `npm run` starts it (generators/launch.js: the compiled bundle, built first).
 */
function start(
  root: string,
  args: string[],
  via: 'node' | 'launch',
  env: NodeJS.ProcessEnv,
): Child {
  const command = via === 'node' ? ['--import', 'tsx', ...args] : ['generators/launch.js', ...args];
  const child = spawn(process.execPath, command, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    stdout: () => out,
    stderr: () => err,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: (signal) => child.kill(signal),
    pid: child.pid!,
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 4800 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('an interrupted commit', () => {
  let root: string;
  let after: Record<string, string>;
  let steps: number;

  beforeAll(async () => {
    root = gitCopyOfRepo('condenser-commit-', { scaffoldBuild: true });
    // The fully generated tree, from an uninterrupted run.
    const io = recordingOutput();
    const code = await runNewHandler([kind], {
      root,
      io: { out: (t) => io.out(t), err: (t) => io.err(t) },
      isTTY: false,
    });
    expect(code, io.errors.join('')).toBe(0);
    after = snapshot(root);
    steps = Object.keys(after).length;
    resetTree(root);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Kill points spread over the whole commit window (journal write, every file switch, the
  // journal removal), with jitter so runs do not always hit the same instant.
  const fractions = [0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05];
  it.each(fractions)(
    'SIGKILL at %f of the commit: the next command leaves the tree before or fully after',
    async (fraction) => {
      const child = start(root, ['new-handler', kind], 'launch', {
        CONDENSER_TEST_COMMIT_STEP_DELAY_MS: String(stepDelayMs),
      });
      // The plan is printed just before the commit starts.
      await until(() => child.stdout().includes('src/task/alert-node.ts'), 'the printed plan');
      const window = steps * stepDelayMs;
      await new Promise((r) => setTimeout(r, fraction * window + Math.random() * stepDelayMs));
      child.kill('SIGKILL');
      await child.exited;

      const output = recordingOutput();
      const code = await runWire(['--check'], { root, output });
      const state = snapshot(root);
      expect([{}, after]).toContainEqual(state);
      expect(leftovers(root)).toEqual([]);
      expect(code, output.lines.join('\n')).toBe(0);
      // The next command says what it found: the dead run's lock, and what it did with its
      // commit (finished it, or found it had not started).
      for (const e of output.errors) {
        expect(e).toMatch(/^wire: (recovered: |took over the scaffolder lock of new-handler )/);
      }
      resetTree(root);
    },
    // A scaffolder process and a recovery, on a machine the nested suite keeps busy.
    180_000,
  );

  it('a reader that goes away (`| head`) cuts the output, never the commit', async () => {
    const child = spawn(process.execPath, ['generators/launch.js', 'new-handler', kind], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    child.stdout.destroy(); // the reader is gone before the plan is printed
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(snapshot(root)).toEqual(after);
    expect(leftovers(root)).toEqual([]);
    resetTree(root);
  }, 180_000);

  it('Ctrl-C during the commit (as `npm run` starts it) completes it and says so', async () => {
    const child = start(root, ['new-handler', kind], 'launch', {
      CONDENSER_TEST_COMMIT_STEP_DELAY_MS: String(stepDelayMs),
    });
    await until(() => child.stdout().includes('src/task/alert-node.ts'), 'the printed plan');
    await new Promise((r) => setTimeout(r, (steps * stepDelayMs) / 3));
    child.kill('SIGINT');
    const { code } = await child.exited;
    expect(child.stderr()).toContain('SIGINT: finishing the commit first');
    expect(child.stderr()).toContain('interrupted during the commit, which was completed first');
    expect(code).toBe(130);
    expect(snapshot(root)).toEqual(after);
    expect(leftovers(root)).toEqual([]);
    resetTree(root);
  }, 180_000);
});

describe('recovery from the journal', () => {
  let root: string;
  beforeAll(() => {
    root = gitCopyOfRepo('condenser-journal-');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const record = (): JournalRecord => ({
    version: 1,
    command: 'new-handler demo',
    pid: 999_999,
    startedAt: '2026-01-01T00:00:00.000Z',
    entries: [
      { path: 'src/services/demo/a.ts', before: null, after: 'a\n', mode: null },
      { path: 'package.json', before: readFileSync(path.join(root, 'package.json'), 'utf8'), after: 'readme\n', mode: 0o100644 },
      { path: 'tsconfig.json', before: readFileSync(path.join(root, 'tsconfig.json'), 'utf8'), after: null, mode: null },
    ],
    createdDirs: ['src/services/demo'],
    emptiedDirs: [],
  }); // prettier-ignore

  it('finishes a journal whose commit died halfway, and says so on the next command', async () => {
    const r = record();
    new Journal(root).record(r);
    // Died after switching the first file only.
    rmSync(path.join(root, 'src/services/demo'), { recursive: true, force: true });
    const output = recordingOutput();
    await runWire(['--check'], { root, output });
    expect(output.errors[0]).toBe(
      'wire: recovered: finished the interrupted commit of "new-handler demo" (pid 999999): 3 file(s) now as it planned',
    );
    expect(readFileSync(path.join(root, 'src/services/demo/a.ts'), 'utf8')).toBe('a\n');
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toBe('readme\n');
    expect(existsSync(path.join(root, 'tsconfig.json'))).toBe(false);
    expect(existsSync(path.join(root, stateDirName))).toBe(false);
    resetTree(root);
  });

  it('discards a journal that was never completed (the commit had not started)', async () => {
    const journal = new Journal(root);
    journal.record(record());
    // Back to the moment before the commit point: only the temp file exists.
    writeFileSync(`${journal.file}.tmp`, readFileSync(journal.file));
    rmSync(journal.file);
    const output = recordingOutput();
    await runWire(['--check'], { root, output });
    expect(output.errors[0]).toBe(
      'wire: recovered: a commit was interrupted before it wrote any file; nothing to undo',
    );
    expect(snapshot(root)).toEqual({});
  });

  it('refuses to guess when the journal is unreadable, naming it', async () => {
    const journal = new Journal(root);
    journal.record(record());
    writeFileSync(journal.file, '{"version": 1, "entr');
    const output = recordingOutput();
    expect(await runWire(['--check'], { root, output })).toBe(1);
    expect(output.errors[0]).toMatch(
      /^wire: \.condenser-scaffold\/journal\.json: unreadable \(.*\); check `git status`, then delete the file by hand$/,
    );
    rmSync(path.join(root, stateDirName), { recursive: true });
  });
});

describe('two runs at once', () => {
  let root: string;
  beforeAll(() => {
    root = gitCopyOfRepo('condenser-lock-', { scaffoldBuild: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the second waits for the first and then sees its wiring: both kinds end up wired', async () => {
    const first = unusedName('alpha');
    const second = unusedName('beta');
    // This test plays the first run: it holds the lock and commits its kind, and the second
    // run, started meanwhile, waits for it.
    const held = await acquireLock(root, `new-handler ${first}`);
    let b: Child;
    try {
      const io = recordingOutput();
      await generateKind(resolveKind({ kind: first }, root, readInventory(root)), {
        root,
        dryRun: false,
        io: { out: (t) => io.out(t), err: (t) => io.err(t) },
        commit: (p) => p.commit(),
      });
      b = start(root, ['new-handler', second], 'launch', {});
      await until(() => b.stderr().includes('waiting for'), 'the second run to wait');
      expect(b.stderr()).toBe(
        `new-handler: waiting for new-handler ${first} (pid ${process.pid}) to finish…\n`,
      );
    } finally {
      held.release();
    }
    const rb = await b.exited;
    expect(rb.code, b.stderr() + b.stdout()).toBe(0);
    const output = recordingOutput();
    expect(await runWire(['--check'], { root, output })).toBe(0);
    const services = readFileSync(path.join(root, 'src/alert/service.ts'), 'utf8');
    expect(services).toContain(`${first}: ${first}Handler`);
    expect(services).toContain(`${second}: ${second}Handler`);
    resetTree(root);
  }, 180_000);

  it('a run that cannot get the lock in time refuses, naming the holder, and writes nothing', async () => {
    const held = await acquireLock(root, 'new-handler other');
    try {
      const io = recordingOutput();
      const started = Date.now();
      const code = await runNewHandler([unusedName('gamma')], {
        root,
        io: { out: (t) => io.out(t), err: (t) => io.err(t) },
        isTTY: false,
        lockWaitMs: 300,
      });
      expect(code).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(io.errors.join('')).toMatch(
        new RegExp(
          `new-handler: another scaffolder command is running in this repository \\(new-handler other, pid ${process.pid}, started .*\\); waited 0 s for it: try again when it has finished`,
        ),
      );
      expect(snapshot(root)).toEqual({});
    } finally {
      held.release();
    }
  });

  it('takes over the lock of a run that was killed, and says so', async () => {
    const dead = start(root, ['-e', '0'], 'node', {});
    await dead.exited;
    mkdirSync(path.dirname(lockPath(root)), { recursive: true });
    writeFileSync(
      lockPath(root),
      JSON.stringify({ pid: dead.pid, command: 'new-handler dead', startedAt: 'then' }),
    );
    const output = recordingOutput();
    expect(await runWire(['--check'], { root, output })).toBe(0);
    expect(output.errors).toEqual([
      `wire: took over the scaffolder lock of new-handler dead (pid ${dead.pid}), which is no longer running`,
    ]);
    expect(existsSync(lockPath(root))).toBe(false);
  });
});
