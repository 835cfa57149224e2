import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatPlan } from '../../generators/format.js';
import { Plan } from '../../generators/plan.js';
import { runWire } from '../../generators/wire.js';
import {
  AnchorMissingError,
  checkWiring,
  planWiring,
  unwireKind,
  wireKind,
} from '../../generators/wiring/index.js';
import {
  copyRepo,
  formatTouchPoints,
  readTouchPoints,
  recordingOutput,
  removeRepoCopy,
  pascalOf,
  squeezed,
  wiredKinds,
  writeFakeHandler,
} from './helpers.js';
import { unusedName } from '../helpers/installed.js';

// wire --check also regenerates every catalogue kind in memory: slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** The kind these tests wire: a name no installed kind has. */
const kind = unusedName('foo');
const Kind = pascalOf(kind);

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

/** The exact entries a fully-featured kind gets, per touch point. */
const entries: Record<string, [string, string]> = {
  'src/server/config.ts': [
    `import { ${kind}Config } from '../services/${kind}/config.js';`,
    `  ${kind}: ${kind}Config,`,
  ],
  'src/server/server.ts': [
    `import { ${Kind}Service } from '../services/${kind}/service.js';`,
    `  ${kind}: (config: Config, deps: ServiceDeps) => new ${Kind}Service(config.${kind}, deps),`,
  ],
  'src/task/task-master.ts': [
    `import type { ${Kind}Service } from '../services/${kind}/service.js';`,
    `  ${kind}: ${Kind}Service;`,
  ],
  'src/alert/service.ts': [
    `import { ${kind}Handler } from '../services/${kind}/handler.js';`,
    `  ${kind}: ${kind}Handler,`,
  ],
  'src/pipeline/alert.ts': [
    `import { ${kind}Tick } from '../services/${kind}/tick.js';`,
    `  ${kind}: ${kind}Tick,`,
  ],
  'src/task/alert-node.ts': [
    `import { ${kind}Handler } from '../services/${kind}/handler.js';`,
    `  ${kind}: ${kind}Handler,`,
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
    writeFakeHandler(root, kind);
    const result = await wire(['--check']);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `src/server/config.ts: config section "${kind}" is not wired`,
      `src/server/server.ts: service "${kind}" is not wired`,
      `src/task/task-master.ts: handler service "${kind}" is not wired`,
      `src/alert/service.ts: handler kind "${kind}" is not wired`,
      `src/pipeline/alert.ts: TICKscript property "${kind}" is not wired`,
      `src/task/alert-node.ts: alert node handler "${kind}" is not wired`,
      '6 wiring problem(s); run `npm run wire` to fix them',
    ]);
    expect(readTouchPoints(root)).toEqual(before);
  });

  it('reports wiring whose folder is gone, and a half-wired kind', async () => {
    writeFakeHandler(root, kind);
    expect((await wire()).code).toBe(0);
    rmSync(path.join(root, `src/services/${kind}/tick.ts`));
    const plan = new Plan({ root });
    expect(checkWiring(plan).map((d) => d.message)).toEqual([
      `src/pipeline/alert.ts: TICKscript property "${kind}" is wired but src/services/${kind}/tick.ts does not exist`,
      `src/task/alert-node.ts: alert node handler "${kind}" is wired but src/services/${kind}/tick.ts does not exist`,
    ]);

    const configFile = path.join(root, 'src/server/config.ts');
    const text = readFileSync(configFile, 'utf8');
    writeFileSync(configFile, text.replace(entries['src/server/config.ts']![1] + '\n', ''));
    expect(checkWiring(new Plan({ root })).map((d) => d.message)).toContain(
      `src/server/config.ts: config section "${kind}" is partly wired: the entry "${kind}" is missing`,
    );
  });
});

describe('wire', () => {
  it('adds the six entries of a new handler folder, sorted, and formats the files', async () => {
    const before = readTouchPoints(root);
    const present = wiredKinds(root);
    writeFakeHandler(root, kind);
    const result = await wire();
    expect(result.code).toBe(0);
    expect(squeezed(result.lines)).toEqual([
      ...[...present].map(([file, kinds]) => `${file} added ${kind}, ${kinds.length} present`),
      'updated 6 touch point(s), 6 file(s) written',
    ]);
    const after = readTouchPoints(root);
    for (const [file, [importLine, entryLine]] of Object.entries(entries)) {
      const lines = after.get(file)!.split('\n');
      expect(lines, file).toContain(importLine);
      expect(lines, file).toContain(entryLine);
      // Exactly two lines more: nothing else moved.
      expect(lines.length, file).toBe(before.get(file)!.split('\n').length + 2);
    }
    // Sorted: between its neighbours in name order, in the imports and in the object.
    const handlers = after.get('src/alert/service.ts')!;
    const kinds = [...present.get('src/alert/service.ts')!, kind].sort();
    const at = kinds.indexOf(kind);
    for (const [a, b] of [
      [kinds[at - 1], kind],
      [kind, kinds[at + 1]],
    ]) {
      if (a === undefined || b === undefined) continue;
      expect(handlers.indexOf(`  ${a}: ${a}Handler`)).toBeLessThan(
        handlers.indexOf(`  ${b}: ${b}Handler`),
      );
      expect(handlers.indexOf(`'../services/${a}/handler.js'`)).toBeLessThan(
        handlers.indexOf(`'../services/${b}/handler.js'`),
      );
    }
    expect((await wire(['--check'])).code).toBe(0);
  });

  it('changes nothing the second time', async () => {
    writeFakeHandler(root, kind);
    await wire();
    const once = readTouchPoints(root);
    const result = await wire();
    expect(result.lines.at(-1)).toBe('wiring is complete; nothing changed');
    expect(readTouchPoints(root)).toEqual(once);
  });

  it('only wires the touch points a folder has files for', async () => {
    const bare = unusedName('bare');
    const present = wiredKinds(root).get('src/alert/service.ts')!.length;
    writeFakeHandler(root, bare, ['handler.ts']);
    const result = await wire();
    expect(squeezed(result.lines.filter((l) => l.includes('added')))).toEqual([
      `src/alert/service.ts added ${bare}, ${present} present`,
    ]);
  });

  it('removes the entries of a deleted folder, restoring the files byte for byte', async () => {
    const before = readTouchPoints(root);
    const present = wiredKinds(root).get('src/server/config.ts')!.length;
    writeFakeHandler(root, kind);
    await wire();
    rmSync(path.join(root, `src/services/${kind}`), { recursive: true });
    const result = await wire();
    expect(squeezed(result.lines)[0]).toBe(
      `src/server/config.ts removed ${kind}, ${present} present`,
    );
    expect(readTouchPoints(root)).toEqual(before);
  });

  it('aborts on a renamed anchor, naming file and anchor, and writes nothing', async () => {
    const file = path.join(root, 'src/alert/service.ts');
    const renamed = readFileSync(file, 'utf8').replace(
      'export const handlerKinds =',
      'export const kinds =',
    );
    writeFileSync(file, renamed);
    writeFakeHandler(root, kind);
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
  for (const name of ['aaa', 'kkk', 'zzz9']) {
    it(`restores every touch point byte for byte for a kind named like "${name}"`, async () => {
      const kind = unusedName(name);
      const before = readTouchPoints(root);
      writeFakeHandler(root, kind);
      const plan = new Plan({ root });
      const added = wireKind(plan, kind);
      expect(added.every((r) => r.added.includes(kind))).toBe(true);
      await formatPlan(plan);
      await plan.commit();
      expect(readTouchPoints(root)).not.toEqual(before);

      const removal = new Plan({ root });
      removal.delete(`src/services/${kind}`);
      const removed = unwireKind(removal, kind);
      expect(removed.every((r) => r.removed.includes(kind))).toBe(true);
      await formatPlan(removal);
      await removal.commit();
      expect(readTouchPoints(root)).toEqual(before);
      expect(existsSync(path.join(root, 'src/services', kind))).toBe(false);
    });
  }

  it('empties an anchor of every kind and refills it byte for byte', async () => {
    // Unwiring every kind with a config section leaves `handlerSections = {}`; wiring them
    // back restores the file.
    const before = readTouchPoints(root);
    const plan = new Plan({ root });
    for (const k of wiredKinds(root).get('src/server/config.ts')!) unwireKind(plan, k);
    await formatPlan(plan);
    await plan.commit();
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

describe('the engine verifies what it wires', () => {
  const serviceFile = 'src/alert/service.ts';
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const write = (file: string, text: string) => writeFileSync(path.join(root, file), text);

  /** Wire a new kind, then remove it: the file must come back byte for byte. */
  async function roundTrip(name: string, file: string): Promise<string> {
    const before = read(file);
    writeFakeHandler(root, name);
    expect((await wire()).code).toBe(0);
    const wired = read(file);
    rmSync(path.join(root, `src/services/${name}`), { recursive: true });
    expect((await wire()).code).toBe(0);
    expect(read(file)).toBe(before);
    return wired;
  }

  it('keeps a trailing comment of the last entry with that entry, and removes byte for byte', async () => {
    const kinds = wiredKinds(root).get(serviceFile)!;
    const last = kinds.at(-1)!;
    write(
      serviceFile,
      read(serviceFile).replace(
        `  ${last}: ${last}Handler,\n`,
        `  ${last}: ${last}Handler, // the last one\n`,
      ),
    );
    const name = unusedName('zzzz');
    const wired = await roundTrip(name, serviceFile);
    expect(wired).toContain(
      `  ${last}: ${last}Handler, // the last one\n  ${name}: ${name}Handler,\n`,
    );
  });

  it('keeps a comment above an entry with that entry, and removes byte for byte', async () => {
    const kinds = wiredKinds(root).get(serviceFile)!;
    const second = kinds[1]!;
    const name = unusedName(`${kinds[0]!}0`);
    expect(name < second && name > kinds[0]!).toBe(true);
    write(
      serviceFile,
      read(serviceFile).replace(
        `  ${second}: ${second}Handler,\n`,
        `  // about ${second}\n  ${second}: ${second}Handler,\n`,
      ),
    );
    write(
      serviceFile,
      read(serviceFile).replace(
        `import { ${second}Handler }`,
        `// about the ${second} import\nimport { ${second}Handler }`,
      ),
    );
    const wired = await roundTrip(name, serviceFile);
    expect(wired).toContain(
      `  ${name}: ${name}Handler,\n  // about ${second}\n  ${second}: ${second}Handler,\n`,
    );
    expect(wired).toMatch(
      new RegExp(
        `import \\{ ${name}Handler \\} from .*\\n// about the ${second} import\\nimport \\{ ${second}Handler \\}`,
      ),
    );
  });

  it('keeps CRLF line endings, byte for byte', async () => {
    const crlf = read(serviceFile).replace(/\n/g, '\r\n');
    write(serviceFile, crlf);
    const wired = await roundTrip(unusedName('crlf'), serviceFile);
    expect(wired.replace(/\r\n/g, '')).not.toContain('\n');
    expect(read(serviceFile)).toBe(crlf);
  });

  it('refuses a touch point with a syntax error, naming file, line and column, and writes nothing', async () => {
    const file = 'src/pipeline/alert.ts';
    const broken = read(file).replace(
      'export const alertHandlerProperties = {',
      'export const alertHandlerProperties = {{',
    );
    write(file, broken);
    writeFakeHandler(root, kind);
    const line = broken.split('\n').findIndex((l) => l.includes('= {{')) + 1;
    for (const args of [['--check'], []]) {
      const result = await wire(args);
      expect(result.code).toBe(1);
      expect(result.errors[0]).toMatch(
        new RegExp(
          `^wire: src/pipeline/alert\\.ts:${line}:\\d+: syntax error: .+; fix the file first \\(nothing was changed\\)$`,
        ),
      );
    }
    expect(read(file)).toBe(broken);
    // a whole identifier: an installed `z${kind}` kind's handler must not count
    expect(read(serviceFile)).not.toMatch(new RegExp(`\\b${kind}Handler\\b`));
  });

  it('refuses to import a symbol the folder does not export (a renamed export), writing nothing', async () => {
    writeFakeHandler(root, kind);
    const handlerFile = `src/services/${kind}/handler.ts`;
    write(
      handlerFile,
      read(handlerFile).replace(`export const ${kind}Handler`, `export const ${kind}Hdl`),
    );
    const before = readTouchPoints(root);
    const result = await wire();
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([
      `wire: src/alert/service.ts: cannot wire "${kind}": ${handlerFile} does not export ${kind}Handler (it exports ${kind}Hdl); rename it back to ${kind}Handler`,
    ]);
    expect(readTouchPoints(root)).toEqual(before);
    const check = await wire(['--check']);
    expect(check.code).toBe(1);
    expect(check.lines).toContain(
      `src/alert/service.ts: handler kind "${kind}": ${handlerFile} does not export ${kind}Handler (it exports ${kind}Hdl); rename it back to ${kind}Handler`,
    );
  });

  it("finds an entry that names another kind's symbol, and `wire` puts it right", async () => {
    const [a, b] = wiredKinds(root).get(serviceFile)!;
    const original = read(serviceFile);
    write(serviceFile, original.replace(`  ${a}: ${a}Handler,`, `  ${a}: ${b}Handler,`));
    const check = await wire(['--check']);
    expect(check.code).toBe(1);
    expect(check.lines).toContain(
      `src/alert/service.ts: handler kind "${a}" is miswired: entry "${a}" is \`${b}Handler\`, expected \`${a}Handler\``,
    );
    expect((await wire()).code).toBe(0);
    expect(read(serviceFile)).toBe(original);
    expect((await wire(['--check'])).code).toBe(0);
  });
});
