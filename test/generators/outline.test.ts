// A touch point's outline (what `add` reads of it, kept as data with its text) places a new
// kind exactly where the tree does: the scaffolder wires a new kind from outlines when the
// touch points were analysed before, without loading TypeScript.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Project } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { insertedText, textWithInserts, type Inserts } from '../../generators/wiring/ast.js';
import { stateAfter, statementsAfter } from '../../generators/wiring/outline-after.js';
import type { WiringCheck } from '../../generators/wiring/touch-point.js';
import {
  keepTouchPointOutlines,
  touchPoints,
  type TouchPoint,
} from '../../generators/wiring/index.js';
import { Plan } from '../../generators/plan.js';
import { exportedNames } from '../../generators/wiring/syntax.js';
import { definedStringOf, exportedNamesOf } from '../../generators/exported-names.cjs';
import { definedStringIn, inventoryReads } from '../../generators/inventory.js';
import {
  formattedByOutline,
  formattedByStatements,
  statementSpans,
} from '../../generators/format-statements.js';
import { git, gitCopyOfRepo } from '../helpers/repo-copy.js';
import { unusedName } from '../helpers/installed.js';
import { repoRoot } from './helpers.js';

function sourceOf(file: string, text: string) {
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
  return project.createSourceFile(`/${file}`, text);
}

/** The text `add` gives for `kind`, and the one its outline gives (undefined: it declines). */
function bothWays(touchPoint: TouchPoint, text: string, kind: string) {
  const outline = touchPoint.outline(sourceOf(touchPoint.file, text));
  const fast = outline && touchPoint.outlinedInserts(outline, kind);
  const sourceFile = sourceOf(touchPoint.file, text);
  const pending: Inserts = [];
  touchPoint.add(sourceFile, kind, pending);
  return {
    tree: textWithInserts(sourceFile, pending),
    outline: fast && textWithInserts(sourceOf(touchPoint.file, text), fast),
  };
}

/**
 * The outline of the text an outlined wiring of `kind` makes, as derived from the outline
 * before (what the scaffolder keeps) and as parsing that text gives it.
 */
function derivedAndParsed(touchPoint: TouchPoint, text: string, kind: string) {
  const sourceFile = sourceOf(touchPoint.file, text);
  const outline = touchPoint.outline(sourceFile)!;
  const inserts = touchPoint.outlinedInserts(outline, kind)!;
  const after = insertedText(text, inserts);
  const next = touchPoint.outlineAfter(outline, kind, inserts, after);
  const statements = statementSpans(sourceFile.compilerNode);
  const parsedFile = sourceOf(touchPoint.file, after);
  return {
    derived: { ...next.outline, statements: statementsAfter(statements, inserts, next.statement) },
    parsed: {
      ...touchPoint.outline(parsedFile),
      statements: statementSpans(parsedFile.compilerNode),
    },
  };
}

const texts = new Map(
  touchPoints.map((t) => [t, readFileSync(path.join(repoRoot, t.file), 'utf8')] as const),
);

/**
 * Kinds to wire: each name as given, or (when a kind of that name is installed, a name users
 * may well pick) the next free one, which sorts next to it.
 */
function probes(...names: string[]): string[] {
  return names.map((name) => unusedName(name));
}

/** Each touch point, with kinds sorting before the first, after the last and next to each. */
function kindsSortingAnywhere(): Array<{ touchPoint: TouchPoint; text: string; kind: string }> {
  return touchPoints.flatMap((touchPoint) => {
    const text = texts.get(touchPoint)!;
    const wired = touchPoint.wiredKinds(sourceOf(touchPoint.file, text));
    expect(wired.length, touchPoint.file).toBeGreaterThan(3);
    const names = [
      unusedName('a'),
      unusedName('zzzz'),
      ...wired.flatMap((k) => [`${k}0`, k.slice(0, -1) + 'a']),
    ];
    return names.filter((k) => !wired.includes(k)).map((kind) => ({ touchPoint, text, kind }));
  });
}

/**
 * alert-node.ts with a comment above an entry, a trailing comment on the last one, CRLF and a
 * comment above the file, each with kinds around them.
 */
function variantsWithComments(): Array<{ touchPoint: TouchPoint; text: string; kind: string }> {
  const touchPoint = touchPoints.find((t) => t.file === 'src/task/alert-node.ts')!;
  const text = texts.get(touchPoint)!;
  const [first, second] = touchPoint.wiredKinds(sourceOf(touchPoint.file, text));
  const variants = [
    // A comment above an entry stays with it; a trailing one stays on its line.
    text.replace(`  ${second}:`, `  // the second kind\n  ${second}:`),
    text.replace(/(\n {2}\w+: \w+,)(\n\} satisfies)/, '$1 // the last one$2'),
    text.replace(/\n/g, '\r\n'),
    `// a file comment\n\n${text}`,
  ];
  return variants.flatMap((variant) => {
    expect(variant).not.toBe(text);
    return probes('a', `${first}0`, `${second}0`, 'zzzz').map((kind) => ({
      touchPoint,
      text: variant,
      kind,
    }));
  });
}

describe("a touch point's outline", () => {
  it('places a new kind byte for byte as the tree does, wherever it sorts', () => {
    const cases = kindsSortingAnywhere();
    // Every gap of every touch point a kind can take: before its first kind, between any two,
    // after its last.
    for (const touchPoint of touchPoints) {
      const wired = touchPoint.wiredKinds(sourceOf(touchPoint.file, texts.get(touchPoint)!));
      const sorted = [...wired].sort();
      const probed = cases.filter((c) => c.touchPoint === touchPoint).map((c) => c.kind);
      for (let gap = 0; gap <= sorted.length; gap++) {
        const [after, before] = [sorted[gap - 1], sorted[gap]];
        // No name sorts before `a`, nor between `k` and `k0`: those gaps cannot take a kind.
        if (after === undefined ? before === 'a' : before === `${after}0`) continue;
        expect(
          probed.some(
            (k) => (after === undefined || k > after) && (before === undefined || k < before),
          ),
          `${touchPoint.file}: a new kind between ${after ?? 'the start'} and ${before ?? 'the end'}`,
        ).toBe(true);
      }
    }
    for (const { touchPoint, text, kind } of cases) {
      const { tree, outline } = bothWays(touchPoint, text, kind);
      expect(outline, `${touchPoint.file} ${kind}`).toBe(tree);
    }
  });

  it('keeps comments, CRLF and a member on the same line as the tree does', () => {
    for (const { touchPoint, text, kind } of variantsWithComments()) {
      const { tree, outline } = bothWays(touchPoint, text, kind);
      expect(outline, kind).toBe(tree);
    }
  });

  it('after a new kind, is what parsing the new text gives, wherever it sorts', () => {
    for (const { touchPoint, text, kind } of [
      ...kindsSortingAnywhere(),
      ...variantsWithComments(),
    ]) {
      const { derived, parsed } = derivedAndParsed(touchPoint, text, kind);
      expect(derived, `${touchPoint.file} ${kind}`).toEqual(parsed);
    }
  });

  it('after a new kind, gives the state `wire --check` finds in the new text', () => {
    let compared = 0;
    for (const touchPoint of touchPoints) {
      const text = texts.get(touchPoint)!;
      const sourceFile = sourceOf(touchPoint.file, text);
      const wired = touchPoint.wiredKinds(sourceFile);
      // A state with every check there is: present, missing, partial (an import without its
      // entry: the first kind's entry dropped from the text).
      const [first] = wired;
      const partial = text.replace(new RegExp(`\\n\\s*${first}: [^\\n]*`), '');
      expect(partial).not.toBe(text);
      for (const before of [text, partial]) {
        const parsedBefore = sourceOf(touchPoint.file, before);
        const wantedBefore = [...wired, 'qqmissing'].sort();
        const state = {
          checks: wantedBefore.map(
            (k) => [k, touchPoint.check(parsedBefore, k)] as [string, WiringCheck],
          ),
          wired: touchPoint.wiredKinds(parsedBefore),
        };
        for (const kind of probes('a', `${first}0`, 'zzzz')) {
          const outline = touchPoint.outline(parsedBefore)!;
          const after = insertedText(before, touchPoint.outlinedInserts(outline, kind)!);
          const parsedAfter = sourceOf(touchPoint.file, after);
          const wanted = [...wantedBefore, kind].sort();
          expect(stateAfter(state, kind, wanted), `${touchPoint.file} ${kind}`).toEqual({
            checks: wanted.map((k) => [k, touchPoint.check(parsedAfter, k)]),
            wired: touchPoint.wiredKinds(parsedAfter),
          });
          compared++;
        }
      }
      // A kind wanted that the state before did not check: nothing is derived.
      const unchecked = unusedName('a');
      expect(stateAfter({ checks: [], wired }, unchecked, [first!, unchecked])).toBeUndefined();
    }
    expect(compared).toBe(touchPoints.length * 6);
  });

  it('is kept after a command only where it can be: a text without its anchor is left alone', () => {
    const plan = new Plan({ root: repoRoot });
    plan.write('src/task/alert-node.ts', 'export const nothing = 1;\n');
    plan.write('src/server/config.ts', 'export const broken = ;\n');
    expect(() => keepTouchPointOutlines(plan)).not.toThrow();
  });

  it('declines a kind the file already holds something of, and a file the tree must place', () => {
    const touchPoint = touchPoints.find((t) => t.file === 'src/task/alert-node.ts')!;
    const text = texts.get(touchPoint)!;
    const outline = touchPoint.outline(sourceOf(touchPoint.file, text))!;
    const [wired] = outline.wired;
    expect(touchPoint.outlinedInserts(outline, wired!)).toBeUndefined();
    // The last member without its comma: the separator is an edit of the tree.
    const noComma = text.replace(/,(\n\} satisfies)/, '$1');
    expect(noComma).not.toBe(text);
    expect(touchPoint.outline(sourceOf(touchPoint.file, noComma))).toBeUndefined();
  });
});

/** Prettier's `babel-ts` parser, as the formatting worker runs it (format-worker.js). */
const { parsers } = createRequire(import.meta.url)('prettier/plugins/babel') as {
  parsers: {
    'babel-ts': { parse(text: string, options: object): { program: { body: unknown[] } } };
  };
};
const babelProgram = (text: string) => parsers['babel-ts'].parse(text, {}).program;

describe("the names a module exports, from prettier's parser", () => {
  const viaPrettier = (text: string) => new Set(exportedNamesOf(babelProgram(text)));

  it("are TypeScript's, for every module of the host and the scaffolder", () => {
    const files = ['src', 'generators'].flatMap((dir) =>
      readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => path.join(dir, f)),
    );
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      expect(viaPrettier(text), file).toEqual(exportedNames(file, text));
    }
  });

  it('are the same for every form of export', () => {
    const text = [
      'export const a = 1, { b } = x, c = 2;',
      'export let d: number;',
      'export function e() {}',
      'export declare function f(): void;',
      'export async function g() {}',
      'export class H {}',
      'export abstract class I {}',
      'export interface J {}',
      'export type K = string;',
      'export enum L {}',
      'export const enum M {}',
      'export { n as o, p };',
      "export { q } from './q.js';",
      "export * from './r.js';",
      'export default function s() {}',
      'export default class T {}',
      'export declare namespace U {}',
      'const n = 1, p = 2;',
    ].join('\n');
    const names = viaPrettier(text);
    expect(names).toEqual(exportedNames('forms.ts', text));
    expect([...names].sort()).toEqual([
      'H',
      'I',
      'J',
      'K',
      'L',
      'M',
      'T',
      'a',
      'c',
      'd',
      'e',
      'f',
      'g',
      'o',
      'p',
      's',
    ]);
  });
});

describe("what the inventory reads of a kind's files, from prettier's parser", () => {
  const viaPrettier = (text: string, callee: string, key: string) =>
    definedStringOf(babelProgram(text), callee, key);

  it("is TypeScript's, for every handler folder's handler.ts and tick.ts", () => {
    let compared = 0;
    const dir = path.join(repoRoot, 'src/services');
    for (const folder of readdirSync(dir)) {
      for (const { file, callee, key } of inventoryReads) {
        let text: string;
        try {
          text = readFileSync(path.join(dir, folder, file), 'utf8');
        } catch {
          continue;
        }
        const expected = definedStringIn(file, text, callee, key);
        expect(viaPrettier(text, callee, key), `${folder}/${file}`).toBe(expected);
        if (expected !== null) compared++;
      }
    }
    // At least a value a folder: the reads found something in every handler.ts (however
    // many kinds are installed).
    const handlers = readdirSync(dir).filter((f) => existsSync(path.join(dir, f, 'handler.ts')));
    expect(handlers.length).toBeGreaterThan(0);
    expect(compared).toBeGreaterThanOrEqual(handlers.length);
  });

  it('is the same for the first call, the last such property, templates and the rest', () => {
    const cases = [
      "export const a = f({ kind: 'one', kind: 'two' });",
      "g(f({ kind: 'inner' })); f({ kind: 'second' });",
      'f({ kind: `plain` }); f({ kind: `no ${1}` });',
      "f({ other: 'x' }); f({ ['kind']: 'computed' }); f({ kind: 1 }); f({ kind });",
      "h.f({ kind: 'member' }); f(x, { kind: 'second arg' }); f({ kind: 'last' });",
      "const x = { kind: 'not a call' };",
    ];
    for (const text of cases) {
      expect(viaPrettier(text, 'f', 'kind'), text).toBe(definedStringIn('t.ts', text, 'f', 'kind'));
    }
    expect(cases.map((c) => viaPrettier(c, 'f', 'kind'))).toEqual([
      'two',
      'inner',
      'plain',
      null,
      'last',
      null,
    ]);
  });
});

describe('formatting by the statements an outlined wiring changed', () => {
  const prettierFormat = async (file: string, text: string) => {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(path.join(repoRoot, file))) ?? {};
    return prettier.format(text, { ...config, filepath: path.join(repoRoot, file) });
  };

  it('finds what parsing both texts finds: the wired touch points need no other formatting', async () => {
    for (const touchPoint of touchPoints) {
      const before = texts.get(touchPoint)!;
      const sourceFile = sourceOf(touchPoint.file, before);
      const outline = touchPoint.outline(sourceFile)!;
      const statements = statementSpans(sourceFile.compilerNode);
      for (const kind of probes('a', 'mmm', 'zzzz')) {
        const inserts = touchPoint.outlinedInserts(outline, kind)!;
        const after = textWithInserts(sourceFile, inserts);
        const format = (text: string) => prettierFormat(touchPoint.file, text);
        const byOutline = await formattedByOutline(before, statements, inserts, format);
        expect(byOutline, `${touchPoint.file} ${kind}`).toBe(after);
        expect(await formattedByStatements(touchPoint.file, before, after, format)).toBe(after);
      }
    }
  });

  it('declines an insertion prettier would print otherwise, and one that is not a statement', async () => {
    const touchPoint = touchPoints.find((t) => t.file === 'src/task/alert-node.ts')!;
    const before = texts.get(touchPoint)!;
    const sourceFile = sourceOf(touchPoint.file, before);
    const outline = touchPoint.outline(sourceFile)!;
    const statements = statementSpans(sourceFile.compilerNode);
    const format = (text: string) => prettierFormat(touchPoint.file, text);
    const [imported, member] = touchPoint.outlinedInserts(outline, 'mmm')!;
    const squeezed = [imported!, { ...member!, text: member!.text.replace(': ', ':') }];
    expect(await formattedByOutline(before, statements, squeezed, format)).toBeUndefined();
    const twoOnOneLine = [{ ...imported!, text: imported!.text.replace(';', '; const x = 1;') }];
    expect(await formattedByOutline(before, statements, twoOnOneLine, format)).toBeUndefined();
    expect(await formattedByOutline(before, statements, [imported!, member!], format)).toBe(
      textWithInserts(sourceFile, [imported!, member!]),
    );
  });
});

describe('new-handler from the outlines', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((c) => rmSync(c, { recursive: true, force: true })));

  function newHandler(root: string, kind: string) {
    const r = spawnSync(process.execPath, ['generators/launch.js', 'new-handler', kind], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', CONDENSER_SCAFFOLD_DEBUG: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stderr;
  }

  /** Every file git sees as new or changed, with its content. */
  function changedFiles(root: string): Map<string, string> {
    const status = git(root, 'status', '--porcelain', '--untracked-files=all');
    const files = status
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return new Map(files.map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));
  }

  // Some fifteen scaffolder processes, on a machine the nested suite keeps busy: its own timeout.
  it('writes what wiring through the trees writes, without loading TypeScript', () => {
    const kind = unusedName('outl');
    const outlined = gitCopyOfRepo('condenser-outline-', { scaffoldBuild: true });
    const parsed = gitCopyOfRepo('condenser-outline-', { scaffoldBuild: true });
    copies.push(outlined, parsed);
    // `wire` parses every touch point, and keeps their outlines, and `wire --check` their
    // states; a kind generated and removed before leaves the checks of the spec's expressions
    // in the cache. With the analyses
    // gone, nothing is known.
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['generators/launch.js', ...args], { cwd: outlined });
    run('wire');
    // A check of the tree as it is (not answered from its memo) keeps each touch point's state.
    rmSync(path.join(outlined, 'dist/scaffold/wire-check.json'), { force: true });
    expect(run('wire', '--check').status).toBe(0);
    const before = unusedName('warm');
    expect(run('new-handler', before).status).toBe(0);
    expect(run('remove-handler', before, '--yes').status).toBe(0);
    git(outlined, 'clean', '-fdq', 'src', 'test', 'generators/catalogue');
    expect(git(outlined, 'status', '--porcelain')).toBe('');
    rmSync(path.join(parsed, 'dist/scaffold/analysis-cache'), { recursive: true, force: true });
    const fromOutlines = newHandler(outlined, kind);
    expect(fromOutlines).toContain('wiring: from the outlines');
    expect(fromOutlines).toContain('scaffold: lazy scripts loaded: none');
    expect(fromOutlines).toContain('formatting: worker started at launch');
    const throughTrees = newHandler(parsed, kind);
    expect(throughTrees).toContain('wiring: through the trees');
    expect(throughTrees).toContain('scaffold: lazy scripts loaded: ts-morph');
    const written = changedFiles(outlined);
    expect(written.size).toBe(14);
    expect(written).toEqual(changedFiles(parsed));
    // `wire --check` right after: the touch points' states and the kind's exports were kept
    // by the run (derived, and read by the worker's parser), so the check parses nothing.
    const checked = spawnSync(process.execPath, ['generators/launch.js', 'wire', '--check'], {
      cwd: outlined,
      encoding: 'utf8',
      env: { ...process.env, CONDENSER_SCAFFOLD_DEBUG: '1' },
    });
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toBe('wiring is complete\n');
    expect(checked.stderr).toContain('scaffold: lazy scripts loaded: none');

    // A second kind right after: the first run kept the outlines of what it wrote, and what
    // the inventory reads of its files; the second wires from them, TypeScript still unloaded.
    const second = unusedName('outm');
    const again = newHandler(outlined, second);
    expect(again).toContain('wiring: from the outlines');
    expect(again).toContain('scaffold: lazy scripts loaded: none');
    rmSync(path.join(parsed, 'dist/scaffold/analysis-cache'), { recursive: true, force: true });
    expect(newHandler(parsed, second)).toContain('wiring: through the trees');
    expect(changedFiles(outlined)).toEqual(changedFiles(parsed));
    // After a remove-handler (which parses the touch points, and keeps what it wrote: here
    // texts no run had seen, the second kind without the first), the next kind wires from the
    // outlines too.
    expect(run('remove-handler', kind, '--yes').status).toBe(0);
    const third = unusedName('outn');
    const afterRemoval = newHandler(outlined, third);
    expect(afterRemoval).toContain('wiring: from the outlines');
    expect(afterRemoval).toContain('scaffold: lazy scripts loaded: none');
    // The whole check, with nothing kept: every touch point is complete.
    rmSync(path.join(outlined, 'dist/scaffold/analysis-cache'), { recursive: true, force: true });
    rmSync(path.join(outlined, 'dist/scaffold/wire-check.json'), { force: true });
    const check = run('wire', '--check');
    expect(check.stderr.toString()).toBe('');
    expect(check.status).toBe(0);
  }, 240_000);
});
