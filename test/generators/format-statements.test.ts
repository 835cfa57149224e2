// Formatting an updated TypeScript file by the statements that changed gives prettier's answer
// for the whole file, or declines (undefined) so that the whole file is formatted.

import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formattedByStatements } from '../../generators/format-statements.js';
import { Plan } from '../../generators/plan.js';
import { readHandlerFolders, unwireKind, wireKind } from '../../generators/wiring/index.js';
import { unusedName } from '../helpers/installed.js';
import { copyRepo, formatTouchPoints, removeRepoCopy, writeFakeHandler } from './helpers.js';

async function prettierFormat(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** formattedByStatements with prettier itself as the formatter, counting its calls. */
async function byStatements(file: string, before: string, after: string) {
  const formatted: string[] = [];
  const result = await formattedByStatements(file, before, after, (text) => {
    formatted.push(text);
    return prettierFormat(file, text);
  });
  return { result, formatted };
}

describe('the touch points, wired and unwired', () => {
  let root: string;
  /** Kinds the cases write into the copy (never wired there). */
  const fakes: string[] = [];
  beforeAll(async () => {
    root = copyRepo();
    await formatTouchPoints(root);
  });
  afterAll(() => removeRepoCopy(root));

  const cases = [
    ...['aaa', 'mmm', 'zzz9'].map((name) => ({ label: `wiring "${name}"`, name, remove: false })),
    { label: 'unwiring an installed kind', name: '', remove: true },
  ];

  it.each(cases)('$label: each touch point as prettier formats it whole', async (c) => {
    const plan = new Plan({ root });
    let kind: string;
    if (c.remove) {
      // One wired into all six: a config section, a service and a TICKscript property.
      const full = ['config.ts', 'service.ts', 'handler.ts', 'tick.ts'];
      kind = readHandlerFolders(plan).folders.find(
        (f) => !fakes.includes(f.kind) && full.every((x) => f.files.includes(x)),
      )!.kind;
      unwireKind(plan, kind);
    } else {
      kind = unusedName(c.name);
      writeFakeHandler(root, kind);
      fakes.push(kind);
      wireKind(plan, kind);
    }
    const changes = plan.changes();
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const { result, formatted } = await byStatements(change.path, change.before!, change.after!);
      // The fast path is taken: the wiring's lines are already as prettier prints them.
      expect(result, change.path).toBeDefined();
      expect(result).toBe(await prettierFormat(change.path, change.after!));
      // Only the changed statements went to prettier, never the whole file.
      expect(formatted.join('').length).toBeLessThan(change.after!.length);
    }
  });
});

describe('when the statements do not tell', () => {
  const file = 'src/example.ts';
  const before = "import { a } from './a.js';\n\nexport const table = {\n  a: 1,\n};\n";

  it('gives the text back when the changed statements are prettier-clean', async () => {
    const after =
      "import { a } from './a.js';\nimport { b } from './b.js';\n\nexport const table = {\n  a: 1,\n  b: 2,\n};\n";
    const { result, formatted } = await byStatements(file, before, after);
    expect(result).toBe(after);
    expect(formatted).toEqual([
      "import { b } from './b.js';",
      'export const table = {\n  a: 1,\n  b: 2,\n};',
    ]);
  });

  it.each([
    ['a changed statement prettier would rewrite', "import { a } from './a.js';\n\nexport const table = {\n  a:1,\n};\n"],
    ['two blank lines before a changed statement', "import { a } from './a.js';\n\n\nexport const table = {\n  a: 2,\n};\n"],
    ['a comment after a changed statement on its line', "import { a } from './a.js';\n\nexport const table = {\n  a: 2,\n}; // two\n"],
    ['spaces after a changed statement', "import { a } from './a.js';\n\nexport const table = {\n  a: 2,\n};  \n"],
    ['an indented changed statement', "import { a } from './a.js';\n\n  export const table = {\n  a: 2,\n};\n"],
    ['a changed end of file', "import { a } from './a.js';\n\nexport const table = {\n  a: 1,\n};\n// end\n"],
    ['a directive', "'use strict';\nimport { a } from './a.js';\n\nexport const table = {\n  a: 1,\n};\n"],
    ['a syntax error', "import { a } from './a.js';\n\nexport const table = {\n  a: 1,,\n};\n"],
    ['CRLF line endings', "import { a } from './a.js';\r\n\r\nexport const table = {\r\n  a: 2,\r\n};\r\n"],
  ])('declines for %s, and prettier would indeed change it or must decide', async (_, after) => {
    const { result } = await byStatements(file, before, after);
    expect(result).toBeUndefined();
  }); // prettier-ignore

  it('gives back a text with a statement removed', async () => {
    const three =
      "import { a } from './a.js';\nimport { b } from './b.js';\n\nexport const x = 1;\n";
    const after = "import { a } from './a.js';\n\nexport const x = 1;\n";
    const { result, formatted } = await byStatements(file, three, after);
    expect(formatted).toEqual([]);
    expect(result).toBe(after);
    expect(result).toBe(await prettierFormat(file, after));
  });
});
