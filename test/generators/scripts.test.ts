// The scripts as users run them (`npm run wire`, `npm run remove-handler`): exit codes, help,
// remove-handler's whole cycle on a copy of the repository, and its refusal to remove a kind
// that tasks or topic handlers in the host's store use.

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runRemoveHandler } from '../../generators/remove-handler.js';
import { runWire } from '../../generators/wire.js';
import { openStore } from '../../src/store/index.js';
import {
  copyRepo,
  formatTouchPoints,
  pascalOf,
  readTouchPoints,
  recordingOutput,
  removeRepoCopy,
  squeezed,
  wiredKinds,
  writeFakeHandler,
} from './helpers.js';
import { unusedName } from '../helpers/installed.js';

/** The kind these tests add: a name no installed kind has. */
const kind = unusedName('foo');

// Each test starts real processes: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let root: string;

beforeEach(async () => {
  root = copyRepo({ scaffoldBuild: true });
  await formatTouchPoints(root);
});

afterEach(() => removeRepoCopy(root));

/**
 * Run a scaffolder command of the copy as `npm run` does: generators/launch.js, from the build
 * the copy starts with (test/generators/launch.test.ts covers building it).
 */
function script(name: string, args: string[]) {
  const result = spawnSync(process.execPath, ['generators/launch.js', name, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function removeHandler(args: string[], confirm?: (q: string) => Promise<boolean>) {
  const output = recordingOutput();
  const code = await runRemoveHandler(args, { root, output, confirm });
  return { code, ...output };
}

describe('npm run wire', () => {
  it('exits 0 on --check of a complete tree, 1 on drift, 2 on a bad option', () => {
    expect(script('wire', ['--check'])).toMatchObject({ code: 0, stdout: 'wiring is complete\n' });
    writeFakeHandler(root, kind, ['handler.ts']);
    const drift = script('wire', ['--check']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain(`src/alert/service.ts: handler kind "${kind}" is not wired\n`);
    const usage = script('wire', ['--chek']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("wire: Unknown option '--chek'\nrun `wire --help` for usage\n");
  });

  it('wires the copy it runs in', () => {
    const present = wiredKinds(root).get('src/alert/service.ts')!.length;
    writeFakeHandler(root, kind, ['handler.ts']);
    const result = script('wire', []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`src/alert/service.ts     added ${kind}, ${present} present`);
    expect(script('wire', ['--check']).code).toBe(0);
  });

  it('has --help on both scripts', () => {
    const wire = script('wire', ['--help']);
    expect(wire.code).toBe(0);
    expect(wire.stdout).toMatch(/^Usage: npm run wire/);
    const remove = script('remove-handler', ['--help']);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toMatch(/^Usage: npm run remove-handler/);
    expect(remove.stdout).toMatch(/\n {2}--force +remove the kind even if tasks or topic handlers/);
    expect(remove.stdout).toMatch(/\n {2}--storage-dir <dir> +the host's data directory/);
  });
});

/**
 * A kind to remove, wired in this process: setting up is not what these tests test, and a
 * process of its own would add only its start (the scripts' own runs stay processes).
 */
async function addHandler(kind: string, withTest = true): Promise<void> {
  writeFakeHandler(root, kind);
  if (withTest) {
    mkdirSync(path.join(root, 'test/services'), { recursive: true });
    writeFileSync(path.join(root, `test/services/${kind}.test.ts`), 'export {};\n');
  }
  const output = recordingOutput();
  expect(await runWire([], { root, output }), output.errors.join('\n')).toBe(0);
}

describe('remove-handler', () => {
  it('deletes the folder and test and restores the touch points byte for byte', async () => {
    const before = readTouchPoints(root);
    const present = wiredKinds(root);
    await addHandler(kind);
    // A hand-written test of the kind goes with it; another kind's whose name starts alike stays.
    writeFileSync(path.join(root, `test/services/${kind}.wire.test.ts`), 'export {};\n');
    writeFileSync(path.join(root, `test/services/${kind}x.wire.test.ts`), 'export {};\n');
    const result = await removeHandler([kind, '--yes']);
    expect(result.code).toBe(0);
    expect(squeezed(result.lines)).toEqual([
      `store .condenser (default): nothing uses "${kind}"`,
      `src/services/${kind}/config.ts deleted`,
      `src/services/${kind}/handler.ts deleted`,
      `src/services/${kind}/service.ts deleted`,
      `src/services/${kind}/tick.ts deleted`,
      `test/services/${kind}.test.ts deleted`,
      `test/services/${kind}.wire.test.ts deleted`,
      ...[...present].map(([file, kinds]) => `${file} removed ${kind}, ${kinds.length} present`),
      `removed handler "${kind}"`,
    ]);
    expect(readTouchPoints(root)).toEqual(before);
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(false);
    expect(existsSync(path.join(root, `test/services/${kind}.test.ts`))).toBe(false);
    expect(existsSync(path.join(root, `test/services/${kind}.wire.test.ts`))).toBe(false);
    expect(existsSync(path.join(root, `test/services/${kind}x.wire.test.ts`))).toBe(true);
    expect(script('wire', ['--check']).code).toBe(0);
  });

  it('--dry-run prints the diff and changes nothing', async () => {
    await addHandler(kind);
    const wired = readTouchPoints(root);
    const result = await removeHandler([kind, '--dry-run']);
    expect(result.code).toBe(0);
    const text = result.lines.join('\n');
    expect(text).toContain('--- a/src/alert/service.ts');
    expect(text).toContain(`-import { ${kind}Handler } from '../services/${kind}/handler.js';`);
    expect(text).toContain('+++ /dev/null');
    expect(readTouchPoints(root)).toEqual(wired);
    expect(existsSync(path.join(root, `src/services/${kind}/handler.ts`))).toBe(true);
  });

  it('asks first, and a "no" changes nothing', async () => {
    await addHandler(kind);
    const wired = readTouchPoints(root);
    const questions: string[] = [];
    const result = await removeHandler([kind], async (q) => {
      questions.push(q);
      return false;
    });
    expect(questions).toEqual([`Delete handler "${kind}"? [y/N] `]);
    expect(result.code).toBe(1);
    expect(result.lines.at(-1)).toBe('nothing changed');
    expect(readTouchPoints(root)).toEqual(wired);
  });

  it('refuses without --yes when there is no terminal to ask', async () => {
    await addHandler(kind);
    const result = script('remove-handler', [kind]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('remove-handler: stdin is not a terminal; pass --yes to confirm\n');
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(true);
  });

  it('refuses built-in kinds, unknown kinds and bad names', async () => {
    const before = readTouchPoints(root);
    const builtIn = await removeHandler(['httppost', '--yes']);
    expect(builtIn).toMatchObject({
      code: 1,
      errors: ['remove-handler: "httppost" is a built-in handler kind; refusing to remove it'],
    });
    const nope = unusedName('nope');
    const unknown = await removeHandler([nope, '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.errors[0]).toMatch(
      new RegExp(`^remove-handler: no handler "${nope}": src/services/${nope}/`),
    );
    const badName = await removeHandler(['Foo', '--yes']);
    expect(badName.code).toBe(1);
    expect(badName.errors[0]).toContain('"Foo" is not a handler kind name');
    expect(readTouchPoints(root)).toEqual(before);
    expect(existsSync(path.join(root, 'src/services/httppost'))).toBe(true);
  });

  it('is a usage error without exactly one kind', async () => {
    expect((await removeHandler([])).code).toBe(2);
    expect((await removeHandler(['a', 'b'])).code).toBe(2);
    expect((await removeHandler([kind, '--bogus'])).code).toBe(2);
    const both = await removeHandler([kind, '--storage-dir', 'a', '--config', 'b.conf']);
    expect(both).toMatchObject({
      code: 2,
      errors: ['remove-handler: give --storage-dir or --config, not both', expect.any(String)],
    });
  });
});

describe('remove-handler and the store the host uses', () => {
  afterEach(() => vi.unstubAllEnvs());

  /** A store in `dir` with what uses the kind and what only looks like it does. */
  function storeUsing(dir: string, kind: string): void {
    const store = openStore(dir);
    const task = (id: string, call: string, status: 'enabled' | 'disabled' = 'enabled') =>
      store.tasks.put({
        id,
        type: 'stream',
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        script: `stream\n    |from()\n    |alert()\n        .crit(lambda: TRUE)\n        .${call}\n`,
        status,
        vars: {},
        templateId: '',
        created: '2026-01-01T00:00:00Z',
        modified: '2026-01-01T00:00:00Z',
        lastEnabled: '',
      });
    try {
      task('cpu_alert', `${pascalOf(kind)}()`);
      task('idle', `${kind}()`, 'disabled');
      // The name in a string or a comment is not a call.
      task('other', `log('/tmp/.${kind}()') // .${kind}()`);
      store.topicHandlers.put({ topic: 'cpu', id: 'hook', kind, options: null, match: '' });
      store.topicHandlers.put({
        topic: 'cpu',
        id: 'logged',
        kind: 'log',
        options: null,
        match: '',
      });
    } finally {
      store.close();
    }
  }

  const inUse = (file: string, last: string) => [
    `remove-handler: handler kind "${kind}" is in use in the store ${file}:`,
    `  task cpu_alert (enabled): its TICKscript calls .${kind}()`,
    `  task idle (disabled): its TICKscript calls .${kind}()`,
    '  topic handler hook of topic cpu',
    'Without the kind they stop running (the host reports each one at start).',
    last,
    '  npx condenser delete tasks cpu_alert idle',
    '  npx condenser delete-topic-handler cpu hook',
  ];

  it('refuses a kind in use, listing what uses it and how to delete it; --force removes it', async () => {
    await addHandler(kind, false);
    const dir = path.join(root, '.condenser');
    storeUsing(dir, kind);
    const wired = readTouchPoints(root);
    const db = readFileSync(path.join(dir, 'condenser.db'));
    const listing = readdirSync(dir).sort();

    const refused = await removeHandler([kind, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.errors).toEqual(
      inUse(
        '.condenser/condenser.db',
        'Refused: delete them first (with the host running), or pass --force to remove it anyway:',
      ),
    );
    expect(readTouchPoints(root)).toEqual(wired);
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(true);
    // Read, never written: not even a -wal or -shm file appears.
    expect(readFileSync(path.join(dir, 'condenser.db')).equals(db)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(listing);

    const dry = await removeHandler([kind, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.errors.at(-3)).toBe(
      'Without --force this is refused; delete them first (with the host running):',
    );

    const forced = await removeHandler([kind, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.errors).toEqual(
      inUse(
        '.condenser/condenser.db',
        'Removing it anyway (--force). To delete them (with the host running):',
      ),
    );
    expect(forced.lines.at(-1)).toBe(`removed handler "${kind}"`);
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(false);
  });

  it('finds the store by --storage-dir, --config or $KAPACITOR_STORAGE_DIR, and creates none', async () => {
    await addHandler(kind, false);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'condenser-store-'));
    try {
      storeUsing(elsewhere, kind);
      const file = path.join(elsewhere, 'condenser.db');
      const refusedBy = async (args: string[]) => {
        const r = await removeHandler([kind, '--yes', ...args]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.errors[0]).toBe(
          `remove-handler: handler kind "${kind}" is in use in the store ${file}:`,
        );
      };
      await refusedBy(['--storage-dir', elsewhere]);
      writeFileSync(path.join(root, 'host.conf'), `[storage]\n  dir = "${elsewhere}"\n`);
      await refusedBy(['--config', 'host.conf']);
      vi.stubEnv('KAPACITOR_STORAGE_DIR', elsewhere);
      await refusedBy([]);
      vi.unstubAllEnvs();

      // No store where the host would keep it: nothing uses the kind, and none is made.
      const empty = path.join(elsewhere, 'none');
      const removed = await removeHandler([kind, '--yes', '--storage-dir', empty]);
      expect(removed.code).toBe(0);
      expect(removed.lines[0]).toBe(`store ${empty} (--storage-dir): nothing uses "${kind}"`);
      expect(existsSync(empty)).toBe(false);
      expect(existsSync(path.join(root, '.condenser'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('a store it cannot read is an error (removed only with --force); so is a bad config', async () => {
    await addHandler(kind, false);
    mkdirSync(path.join(root, '.condenser'));
    writeFileSync(
      path.join(root, '.condenser/condenser.db'),
      'not a database, just text\n'.repeat(100),
    );
    const refused = await removeHandler([kind, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.errors[0]).toMatch(
      /^remove-handler: cannot open the store .*condenser\.db: not a readable SQLite database \(SQLITE_NOTADB\).*\(pass --force to remove the kind without checking\)$/,
    );
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(true);

    const badConfig = await removeHandler([kind, '--yes', '--config', 'nope.conf']);
    expect(badConfig.code).toBe(1);
    expect(badConfig.errors[0]).toMatch(/^remove-handler: .*nope\.conf.*file not found/);

    const forced = await removeHandler([kind, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.errors[0]).toMatch(
      new RegExp(
        `^remove-handler: not checked whether the store uses "${kind}": cannot open the store`,
      ),
    );
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(false);
  });
});
