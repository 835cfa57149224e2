// A kind's generated modules, and the touch points they are wired into, declare names made
// from the kind (`slackOptions`, `SlackService`, `sendSlack`) beside names of their own
// (`decodeHandlerOptions`, `serviceTestOptions`). No name of their own may be one a new kind
// would make: `npm run new-handler decode` once gave service.ts two `decodeOptions`, and
// `new-handler test` a `testOptions` twice, so the host no longer compiled. The shapes of the
// made names are read from the installed kinds' files, so a template that gains one is
// checked too; every name that `new-handler` would accept is checked against them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readInventory } from '../../generators/inventory.js';
import { kindProblem } from '../../generators/spec.js';
import { touchPoints } from '../../generators/wiring/index.js';
import { repoRoot } from './helpers.js';

interface Binding {
  name: string;
  /** the module it is imported from, if imported */
  from?: string;
}

/** The names a module declares or imports at its top level. */
function moduleBindings(file: string): Binding[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Binding[] = [];
  const bindingNames = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) out.push({ name: name.text });
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name);
  };
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st)) {
      const from = (st.moduleSpecifier as ts.StringLiteral).text;
      const clause = st.importClause;
      if (clause?.name) out.push({ name: clause.name.text, from });
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) out.push({ name: named.name.text, from });
      if (named && ts.isNamedImports(named))
        for (const e of named.elements) out.push({ name: e.name.text, from });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) bindingNames(d.name);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      out.push({ name: st.name.text });
    }
  }
  return out;
}

const capital = (kind: string): string => kind.charAt(0).toUpperCase() + kind.slice(1);

/**
 * The shape of a name made from `kind`, e.g. `{kind}Options` or `send{Kind}`: the kind as a
 * whole word of the camelCase name (at its start or after a lower-case letter, and followed
 * by its end or an upper-case letter). Undefined when the name holds no such word.
 */
function shapeOf(name: string, kind: string): string | undefined {
  for (const [word, slot] of [
    [kind, '{kind}'],
    [capital(kind), '{Kind}'],
  ] as const) {
    for (let at = name.indexOf(word); at >= 0; at = name.indexOf(word, at + 1)) {
      const end = at + word.length;
      // An upper-case letter always starts a word; a lower-case one only the name.
      const startsWord = slot === '{Kind}' || at === 0;
      const endsWord = end === name.length || /[A-Z]/.test(name.charAt(end));
      if (startsWord && endsWord) return name.slice(0, at) + slot + name.slice(end);
    }
  }
  return undefined;
}

/** The kind a name would be made from with `shape`, if any name of a kind fits. */
function kindFitting(name: string, shape: string): string | undefined {
  const slot = shape.includes('{kind}') ? '{kind}' : '{Kind}';
  const [prefix, suffix] = shape.split(slot) as [string, string];
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return undefined;
  const middle = name.slice(prefix.length, name.length - suffix.length);
  const kind = slot === '{kind}' ? middle : middle.charAt(0).toLowerCase() + middle.slice(1);
  if (!/^[a-z][a-z0-9]*$/.test(kind)) return undefined;
  return slot === '{kind}' || capital(kind) === middle ? kind : undefined;
}

const inventory = readInventory(repoRoot);
const kinds = inventory.folders;

/** Generated files of each kind (by the header every template writes), by their role. */
function generatedFiles(kind: string): Map<string, string> {
  const files = new Map<string, string>();
  const generated = (file: string): boolean => {
    if (!existsSync(path.join(repoRoot, file))) return false;
    const head = readFileSync(path.join(repoRoot, file), 'utf8').slice(0, 300);
    return head.includes(`\`npm run new-handler ${kind}\``) && head.includes('do not edit');
  };
  for (const f of readdirSync(path.join(repoRoot, 'src/services', kind))) {
    if (f.endsWith('.ts') && generated(`src/services/${kind}/${f}`))
      files.set(f, `src/services/${kind}/${f}`);
  }
  if (generated(`test/services/${kind}.test.ts`))
    files.set('test', `test/services/${kind}.test.ts`);
  return files;
}

/** A module's names: those made from a kind (as shapes) and the module's own. */
interface Names {
  shapes: Set<string>;
  own: Map<string, string>; // name → a file that declares it
}

function addModule(names: Names, file: string, madeFrom: (b: Binding) => string | undefined) {
  for (const b of moduleBindings(file)) {
    const shape = madeFrom(b);
    if (shape !== undefined) names.shapes.add(shape);
    else if (!names.own.has(b.name)) names.own.set(b.name, file);
  }
}

/** Every own name that a kind `new-handler` accepts would make too, as `file: name (kind)`. */
function clashes(names: Names): string[] {
  const found: string[] = [];
  for (const [name, file] of names.own) {
    for (const shape of names.shapes) {
      const kind = kindFitting(name, shape);
      if (kind !== undefined && kindProblem(kind, inventory) === undefined)
        found.push(`${file}: ${name} is what kind "${kind}" would make of ${shape}`);
    }
  }
  return found;
}

describe("the names of a kind's modules", () => {
  const byRole = new Map<string, Names>();
  for (const kind of kinds) {
    for (const [role, file] of generatedFiles(kind)) {
      if (!byRole.has(role)) byRole.set(role, { shapes: new Set(), own: new Map() });
      // Made from the kind: declared here, or imported from the kind's own folder.
      const ownFolder = new RegExp(`(?:^\\./|services/${kind}/)`);
      addModule(byRole.get(role)!, file, (b) =>
        b.from === undefined || ownFolder.test(b.from) ? shapeOf(b.name, kind) : undefined,
      );
    }
  }

  it('are read from every generated module of every installed kind', () => {
    expect([...byRole.keys()].sort()).toEqual(
      ['config.ts', 'handler.ts', 'options.ts', 'service.ts', 'test', 'tick.ts'].sort(),
    );
    expect([...byRole.get('service.ts')!.shapes]).toEqual(
      expect.arrayContaining(['{Kind}Service', '{kind}Options']),
    );
    expect([...byRole.get('handler.ts')!.shapes]).toEqual(
      expect.arrayContaining(['{kind}Handler', 'send{Kind}']),
    );
  });

  it.each(['config.ts', 'handler.ts', 'options.ts', 'service.ts', 'tick.ts', 'test'])(
    'in %s, are never names a new kind would make',
    (role) => {
      expect(clashes(byRole.get(role)!)).toEqual([]);
    },
  );

  it.each(touchPoints.map((t) => t.file))(
    'in the touch point %s, are never names a new kind would make',
    (file) => {
      const names: Names = { shapes: new Set(), own: new Map() };
      // A touch point imports the names of every kind from the kind's folder.
      addModule(names, file, (b) => {
        const folder = /(?:^|\/)services\/([a-z][a-z0-9]*)\//.exec(b.from ?? '')?.[1];
        return folder === undefined ? undefined : shapeOf(b.name, folder);
      });
      expect(names.shapes.size, file).toBeGreaterThan(0);
      expect(clashes(names)).toEqual([]);
    },
  );

  it('finds the clash of a name of its own with a name made from a kind', () => {
    const names: Names = {
      shapes: new Set(['{kind}Options', 'send{Kind}']),
      own: new Map([
        ['decodeOptions', 'service.ts'],
        ['sendTest', 'handler.ts'],
        ['decodeHandlerOptions', 'service.ts'],
        ['postOptions', 'options.ts'], // post: the API kind of httppost, refused
      ]),
    };
    expect(clashes(names)).toEqual([
      'service.ts: decodeOptions is what kind "decode" would make of {kind}Options',
      'handler.ts: sendTest is what kind "test" would make of send{Kind}',
    ]);
  });
});
