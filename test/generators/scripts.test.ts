// The scripts as users run them (`npm run wire`, `npm run remove-handler`): exit codes, help,
// and remove-handler's whole cycle on a copy of the repository.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runRemoveHandler } from '../../generators/remove-handler.js';
import {
  copyRepo,
  formatTouchPoints,
  readTouchPoints,
  recordingOutput,
  removeRepoCopy,
  repoRoot,
  squeezed,
  wiredKinds,
  writeFakeHandler,
} from './helpers.js';
import { unusedName } from '../helpers/installed.js';

/** The kind these tests add: a name no installed kind has. */
const kind = unusedName('foo');

// Each test starts real processes (tsx compiles on start): slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let root: string;

beforeEach(async () => {
  root = copyRepo();
  await formatTouchPoints(root);
});

afterEach(() => removeRepoCopy(root));

/**
 * Run a generator script of the copy from its source with tsx (`npm run` runs the same code
 * compiled: test/generators/launch.test.ts).
 */
function script(name: string, args: string[]) {
  const tsx = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, `generators/${name}.ts`, ...args], {
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
  });
});

describe('remove-handler', () => {
  function addHandler(kind: string): void {
    writeFakeHandler(root, kind);
    mkdirSync(path.join(root, 'test/services'), { recursive: true });
    writeFileSync(path.join(root, `test/services/${kind}.test.ts`), 'export {};\n');
    expect(script('wire', []).code).toBe(0);
  }

  it('deletes the folder and test and restores the touch points byte for byte', async () => {
    const before = readTouchPoints(root);
    const present = wiredKinds(root);
    addHandler(kind);
    const result = await removeHandler([kind, '--yes']);
    expect(result.code).toBe(0);
    expect(squeezed(result.lines)).toEqual([
      `src/services/${kind}/config.ts deleted`,
      `src/services/${kind}/handler.ts deleted`,
      `src/services/${kind}/service.ts deleted`,
      `src/services/${kind}/tick.ts deleted`,
      `test/services/${kind}.test.ts deleted`,
      ...[...present].map(([file, kinds]) => `${file} removed ${kind}, ${kinds.length} present`),
      `removed handler "${kind}"`,
    ]);
    expect(readTouchPoints(root)).toEqual(before);
    expect(existsSync(path.join(root, `src/services/${kind}`))).toBe(false);
    expect(existsSync(path.join(root, `test/services/${kind}.test.ts`))).toBe(false);
    expect(script('wire', ['--check']).code).toBe(0);
  });

  it('--dry-run prints the diff and changes nothing', async () => {
    addHandler(kind);
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
    addHandler(kind);
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
    addHandler(kind);
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
  });
});
