import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPlan } from '../../generators/format.js';
import { Plan } from '../../generators/plan.js';
import { runWire } from '../../generators/wire.js';
import {
  AnchorMissingError,
  checkWiring,
  planWiring,
  touchPoints,
  unwireKind,
  wireKind,
} from '../../generators/wiring/index.js';
import {
  copyRepo,
  formatTouchPoints,
  readTouchPoints,
  recordingOutput,
  removeRepoCopy,
  repoRoot,
  writeFakeHandler,
} from './helpers.js';

let root: string;

beforeEach(async () => {
  root = copyRepo();
  await formatTouchPoints(root);
});

afterEach(() => removeRepoCopy(root));

async function wire(args: string[] = []) {
  const output = recordingOutput();
  const code = await runWire(args, { root, output });
  return { code, ...output };
}

/** The exact entries a fully-featured kind `foo` gets, per touch point. */
const fooEntries: Record<string, [string, string]> = {
  'src/server/config.ts': [
    "import { fooConfig } from '../services/foo/config.js';",
    '  foo: fooConfig,',
  ],
  'src/server/server.ts': [
    "import { FooService } from '../services/foo/service.js';",
    '  foo: (config: Config, deps: ServiceDeps) => new FooService(config.foo, deps),',
  ],
  'src/task/task-master.ts': [
    "import type { FooService } from '../services/foo/service.js';",
    '  foo: FooService;',
  ],
  'src/alert/service.ts': [
    "import { fooHandler } from '../services/foo/handler.js';",
    '  foo: fooHandler,',
  ],
  'src/pipeline/alert.ts': [
    "import { fooTick } from '../services/foo/tick.js';",
    '  foo: fooTick,',
  ],
  'src/task/alert-node.ts': [
    "import { fooHandler } from '../services/foo/handler.js';",
    '  foo: fooHandler,',
  ],
};

describe('wire --check', () => {
  it('is clean on the repository as it is', async () => {
    const result = await wire(['--check']);
    expect(result.lines).toEqual(['wiring is complete']);
    expect(result.code).toBe(0);
  });

  it('lists every missing entry of a new folder and exits 1, writing nothing', async () => {
    const before = readTouchPoints(root);
    writeFakeHandler(root, 'foo');
    const result = await wire(['--check']);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'src/server/config.ts: config section "foo" is not wired',
      'src/server/server.ts: service "foo" is not wired',
      'src/task/task-master.ts: handler service "foo" is not wired',
      'src/alert/service.ts: handler kind "foo" is not wired',
      'src/pipeline/alert.ts: TICKscript property "foo" is not wired',
      'src/task/alert-node.ts: alert node handler "foo" is not wired',
      '6 wiring problem(s); run `npm run wire` to fix them',
    ]);
    expect(readTouchPoints(root)).toEqual(before);
  });

  it('reports wiring whose folder is gone, and a half-wired kind', async () => {
    writeFakeHandler(root, 'foo');
    expect((await wire()).code).toBe(0);
    rmSync(path.join(root, 'src/services/foo/tick.ts'));
    const plan = new Plan({ root });
    expect(checkWiring(plan).map((d) => d.message)).toEqual([
      'src/pipeline/alert.ts: TICKscript property "foo" is wired but src/services/foo/tick.ts does not exist',
      'src/task/alert-node.ts: alert node handler "foo" is wired but src/services/foo/tick.ts does not exist',
    ]);

    const configFile = path.join(root, 'src/server/config.ts');
    const text = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, text.replace(fooEntries['src/server/config.ts']![1] + '\n', ''));
    expect(checkWiring(new Plan({ root })).map((d) => d.message)).toContain(
      'src/server/config.ts: config section "foo" is partly wired (import or entry missing)',
    );
  });
});

describe('wire', () => {
  it('adds the six entries of a new handler folder, sorted, and formats the files', async () => {
    const before = readTouchPoints(root);
    writeFakeHandler(root, 'foo');
    const result = await wire();
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      '  src/server/config.ts     added foo, 1 present',
      '  src/server/server.ts     added foo, 1 present',
      '  src/task/task-master.ts  added foo, 1 present',
      '  src/alert/service.ts     added foo, 6 present',
      '  src/pipeline/alert.ts    added foo, 4 present',
      '  src/task/alert-node.ts   added foo, 4 present',
      'updated 6 touch point(s), 6 file(s) written',
    ]);
    const after = readTouchPoints(root);
    for (const [file, [importLine, entryLine]] of Object.entries(fooEntries)) {
      const lines = after.get(file)!.split('\n');
      expect(lines, file).toContain(importLine);
      expect(lines, file).toContain(entryLine);
      // Exactly two lines more: nothing else moved.
      expect(lines.length, file).toBe(before.get(file)!.split('\n').length + 2);
    }
    // Sorted: `foo` between `exec` and `httppost`, in the imports and in the object.
    const handlers = after.get('src/alert/service.ts')!;
    expect(handlers.indexOf('exec: execHandler')).toBeLessThan(handlers.indexOf('foo: fooHandler'));
    expect(handlers.indexOf('foo: fooHandler')).toBeLessThan(handlers.indexOf('httppost:'));
    expect(handlers.indexOf("'../services/exec/handler.js'")).toBeLessThan(
      handlers.indexOf("'../services/foo/handler.js'"),
    );
    expect(handlers.indexOf("'../services/foo/handler.js'")).toBeLessThan(
      handlers.indexOf("'../services/httppost/handler.js'"),
    );
    expect((await wire(['--check'])).code).toBe(0);
  });

  it('changes nothing the second time', async () => {
    writeFakeHandler(root, 'foo');
    await wire();
    const once = readTouchPoints(root);
    const result = await wire();
    expect(result.lines.at(-1)).toBe('wiring is complete; nothing changed');
    expect(readTouchPoints(root)).toEqual(once);
  });

  it('only wires the touch points a folder has files for', async () => {
    writeFakeHandler(root, 'bare', ['handler.ts']);
    const result = await wire();
    expect(result.lines.filter((l) => l.includes('added'))).toEqual([
      '  src/alert/service.ts     added bare, 6 present',
    ]);
  });

  it('removes the entries of a deleted folder, restoring the files byte for byte', async () => {
    const before = readTouchPoints(root);
    writeFakeHandler(root, 'foo');
    await wire();
    rmSync(path.join(root, 'src/services/foo'), { recursive: true });
    const result = await wire();
    expect(result.lines[0]).toBe('  src/server/config.ts     removed foo, 1 present');
    expect(readTouchPoints(root)).toEqual(before);
  });

  it('aborts on a renamed anchor, naming file and anchor, and writes nothing', async () => {
    const file = path.join(root, 'src/alert/service.ts');
    const renamed = readFileSync(file, 'utf8').replace(
      'export const handlerKinds =',
      'export const kinds =',
    );
    writeFileSync(file, renamed);
    writeFakeHandler(root, 'foo');
    const before = readTouchPoints(root);
    const result = await wire();
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      'wire: src/alert/service.ts: anchor "handlerKinds" (const object literal) not found — was it renamed?',
    ]);
    expect(readTouchPoints(root)).toEqual(before);
    expect(() => planWiring(new Plan({ root }))).toThrow(AnchorMissingError);
  });

  it('names a missing interface anchor too', () => {
    const file = path.join(root, 'src/task/task-master.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('interface HandlerServices', 'interface Services'),
    );
    expect(() => checkWiring(new Plan({ root }))).toThrow(
      'src/task/task-master.ts: anchor "HandlerServices" (interface) not found — was it renamed?',
    );
  });
});

describe('add then remove', () => {
  // First, middle and last in sort order: each lands next to a different neighbour (the
  // first import after a header comment, the last entry before a closing brace).
  for (const kind of ['aaa', 'kkk', 'zzz9']) {
    it(`restores every touch point byte for byte for "${kind}"`, async () => {
      const before = readTouchPoints(root);
      writeFakeHandler(root, kind);
      const plan = new Plan({ root });
      const added = wireKind(plan, kind);
      expect(added.every((r) => r.added.includes(kind))).toBe(true);
      await formatPlan(plan);
      plan.commit();
      expect(readTouchPoints(root)).not.toEqual(before);

      const removal = new Plan({ root });
      removal.delete(`src/services/${kind}`);
      const removed = unwireKind(removal, kind);
      expect(removed.every((r) => r.removed.includes(kind))).toBe(true);
      await formatPlan(removal);
      removal.commit();
      expect(readTouchPoints(root)).toEqual(before);
      expect(existsSync(path.join(root, 'src/services', kind))).toBe(false);
    });
  }

  it('empties and refills an anchor that held only the removed kind', async () => {
    // handlerSections holds only httppost: unwiring it leaves `{}`; wiring it back restores it.
    const before = readTouchPoints(root);
    const plan = new Plan({ root });
    unwireKind(plan, 'httppost');
    await formatPlan(plan);
    plan.commit();
    expect(readFileSync(path.join(root, 'src/server/config.ts'), 'utf8')).toContain(
      'export const handlerSections = {};',
    );
    expect((await wire()).code).toBe(0);
    // Where the only import of a group goes back is a guess when the group is empty (the
    // file's other imports need not be sorted), so only the sorted files compare exactly.
    const after = readTouchPoints(root);
    for (const file of ['src/server/config.ts', 'src/alert/service.ts', 'src/pipeline/alert.ts']) {
      expect(after.get(file), file).toBe(before.get(file));
    }
    expect((await wire(['--check'])).code).toBe(0);
  });
});

describe('the wired copy', () => {
  it('typechecks', async () => {
    writeFakeHandler(root, 'foo');
    expect((await wire()).code).toBe(0);
    // Only the touch points (and what they import) are checked: the rest of the tree does
    // not depend on the wiring, and checking less keeps this the one slow test.
    writeFileSync(
      path.join(root, 'tsconfig.wiring.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: [],
        files: [...touchPoints.map((t) => t.file), 'src/services/foo/service.ts'],
      }),
    );
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const run = () =>
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.wiring.json'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();

    // And the check has teeth: without the task-master entry the host does not compile.
    const taskMaster = path.join(root, 'src/task/task-master.ts');
    const text = readFileSync(taskMaster, 'utf8');
    writeFileSync(taskMaster, text.replace(fooEntries['src/task/task-master.ts']![1] + '\n', ''));
    expect(run).toThrow();
  }, 180_000);
});
