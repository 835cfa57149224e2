// What a touch point is, and the one way to build one: a host file holding one object literal
// (or interface) keyed by folder name, plus one named import per entry. Each of the six
// modules next to this file only says which file, which anchor, and what the entry looks like.

import path from 'node:path';
import type { SourceFile } from 'ts-morph';
import {
  addNamedImport,
  applyInserts,
  findObjectLiteral,
  hasNamedImport,
  importedModules,
  importsOutline,
  interfaceMembers,
  objectLiteralMembers,
  outlinedImportInsert,
  outlinedMemberInsert,
  removeNamedImport,
  type ImportsOutline,
  type Inserts,
  type KeyedMembers,
  type MembersOutline,
  type NamedImport,
} from './ast.js';
import { importsAfter, membersAfter } from './outline-after.js';
import { handlerNames, isKindName, type HandlerNames } from './names.js';

/** The files of a handler folder that touch points depend on. */
export type HandlerFile = 'config.ts' | 'service.ts' | 'handler.ts' | 'tick.ts';

export type WiringState = 'present' | 'missing' | 'partial' | 'mismatch';

export interface WiringCheck {
  state: WiringState;
  /** What is wrong, for `partial` and `mismatch`: `entry is \`logHandler\`, expected ...`. */
  detail?: string;
}

export const servicesDir = 'src/services';

export type AnchorKind = 'const object literal' | 'interface';

export interface TouchPoint {
  /** Repo-relative path of the host file. */
  readonly file: string;
  /** Name of the object literal or interface that holds one entry per kind. */
  readonly anchor: string;
  readonly anchorKind: AnchorKind;
  /** What an entry is, for messages: `handler kind "foo" is not wired`. */
  readonly entryNoun: string;
  /** The handler file whose presence makes this touch point apply. */
  readonly requires: HandlerFile;
  appliesTo(folderFiles: string[]): boolean;
  /** Throws AnchorMissingError when the anchor is not in the file. */
  assertAnchor(sourceFile: SourceFile): void;
  /**
   * Add the kind's import and entry. With `pending` (empty), they are only recorded there:
   * the caller applies them (applyInserts, textWithInserts) before it reads the tree again.
   */
  add(sourceFile: SourceFile, kind: string, pending?: Inserts): void;
  check(sourceFile: SourceFile, kind: string): WiringCheck;
  remove(sourceFile: SourceFile, kind: string): void;
  /** The handler file and the name in it that a kind's entry imports. */
  importedSymbol(kind: string): { file: HandlerFile; name: string };
  /** Kinds with an entry or an import here, whether or not their folder exists. */
  wiredKinds(sourceFile: SourceFile): string[];
  /**
   * What `add` reads of the file, as plain data (kept in the analysis cache with the text);
   * undefined when adding to it needs the tree (no imports, no members, a last member
   * without its separator).
   */
  outline(sourceFile: SourceFile): TouchPointOutline | undefined;
  /**
   * The insertions `add` records for a kind the file holds nothing of (no entry, no import
   * from its module), from the outline; undefined when it holds something (`add` then).
   */
  outlinedInserts(outline: TouchPointOutline, kind: string): Inserts | undefined;
  /**
   * The outline of `after`, the text `outlinedInserts(outline, kind)` made, from the outline
   * before, without parsing it; and the new import's statement (its start and end).
   */
  outlineAfter(
    outline: TouchPointOutline,
    kind: string,
    inserts: Inserts,
    after: string,
  ): { outline: TouchPointOutline; statement: { start: number; end: number } };
}

/** A touch point's text as `add` sees it, without the tree (see TouchPoint.outline). */
export interface TouchPointOutline {
  imports: ImportsOutline;
  members: MembersOutline;
  wired: string[];
}

export class WiringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WiringError';
  }
}

export class AnchorMissingError extends WiringError {
  constructor(
    readonly file: string,
    readonly anchor: string,
    readonly anchorKind: AnchorKind,
  ) {
    super(`${file}: anchor "${anchor}" (${anchorKind}) not found — was it renamed?`);
    this.name = 'AnchorMissingError';
  }
}

export interface TouchPointSpec {
  file: string;
  anchor: string;
  anchorKind: AnchorKind;
  entryNoun: string;
  requires: HandlerFile;
  /** The handler file the entry's symbol is imported from. */
  importsFrom: HandlerFile;
  /** The imported symbol, e.g. `fooConfig`. */
  symbol(names: HandlerNames): string;
  typeOnlyImport: boolean;
  /** The entry's initializer (object literal) or type (interface), as code. */
  value(names: HandlerNames): string;
}

export function defineTouchPoint(spec: TouchPointSpec): TouchPoint {
  // `../services/` from the touch point's folder, so imports match the file's own style.
  const servicesPrefix = `${path.posix.relative(path.posix.dirname(spec.file), servicesDir)}/`;
  const moduleFile = spec.importsFrom.replace(/\.ts$/, '.js');
  const namedImport = (kind: string): NamedImport => {
    const names = handlerNames(kind);
    return {
      moduleSpecifier: `${servicesPrefix}${kind}/${moduleFile}`,
      name: spec.symbol(names),
      typeOnly: spec.typeOnlyImport,
    };
  };
  const members = (sourceFile: SourceFile): KeyedMembers => {
    if (spec.anchorKind === 'interface') {
      const declaration = sourceFile.getInterface(spec.anchor);
      if (declaration) return interfaceMembers(declaration);
    } else {
      const literal = findObjectLiteral(sourceFile, spec.anchor);
      if (literal) return objectLiteralMembers(literal);
    }
    throw new AnchorMissingError(spec.file, spec.anchor, spec.anchorKind);
  };
  /** The kind of an import of this touch point's handler file: `../services/<kind>/x.js`. */
  const importedKind = (moduleSpecifier: string): string | undefined => {
    const suffix = `/${moduleFile}`;
    if (!moduleSpecifier.startsWith(servicesPrefix) || !moduleSpecifier.endsWith(suffix)) {
      return undefined;
    }
    const kind = moduleSpecifier.slice(servicesPrefix.length, -suffix.length);
    return isKindName(kind) ? kind : undefined;
  };

  const wiredKinds = (sourceFile: SourceFile): string[] => {
    const fromImports = importedModules(sourceFile).flatMap((m) => importedKind(m) ?? []);
    const fromEntries = members(sourceFile).keys().filter(isKindName);
    return [...new Set([...fromEntries, ...fromImports])].sort();
  };

  return {
    file: spec.file,
    anchor: spec.anchor,
    anchorKind: spec.anchorKind,
    entryNoun: spec.entryNoun,
    requires: spec.requires,
    appliesTo: (folderFiles) => folderFiles.includes(spec.requires),
    assertAnchor: (sourceFile) => void members(sourceFile),
    add(sourceFile, kind, pending) {
      members(sourceFile); // the anchor must exist before anything is edited
      // The import and the entry are placed on the same tree and applied in one re-parse.
      const inserts: Inserts = pending ?? [];
      addNamedImport(sourceFile, namedImport(kind), servicesPrefix, inserts);
      // A structural edit (a name added to an existing import) makes ts-morph forget earlier
      // nodes: look the anchor up again.
      const entries = members(sourceFile);
      if (!entries.keys().includes(kind)) {
        entries.insertSorted(kind, spec.value(handlerNames(kind)), inserts);
      }
      if (pending === undefined) applyInserts(sourceFile, inserts);
    },
    check(sourceFile, kind) {
      const names = handlerNames(kind);
      const entries = members(sourceFile);
      const hasEntry = entries.keys().includes(kind);
      const hasImport = hasNamedImport(sourceFile, namedImport(kind));
      if (!hasEntry && !hasImport) return { state: 'missing' };
      if (!hasEntry || !hasImport) {
        const missing = hasEntry
          ? `the import of ${spec.symbol(names)} from '${namedImport(kind).moduleSpecifier}'`
          : `the entry "${kind}"`;
        return { state: 'partial', detail: `${missing} is missing` };
      }
      // The entry must be exactly what this kind's folder calls for: a value naming another
      // kind's symbol (\`tcp: logHandler\`) compiles, and would route one kind to another.
      const expected = spec.value(names);
      const actual = entries.valueText(kind) ?? '';
      if (squash(actual) !== squash(expected)) {
        return {
          state: 'mismatch',
          detail: `entry "${kind}" is \`${actual}\`, expected \`${expected}\``,
        };
      }
      return { state: 'present' };
    },
    remove(sourceFile, kind) {
      members(sourceFile).remove(kind);
      removeNamedImport(sourceFile, namedImport(kind));
    },
    importedSymbol: (kind) => ({ file: spec.importsFrom, name: spec.symbol(handlerNames(kind)) }),
    wiredKinds,
    outline(sourceFile) {
      const outlined = members(sourceFile).outline();
      if (!outlined) return undefined;
      const imports = importsOutline(sourceFile);
      if (imports.imports.length === 0) return undefined;
      return { imports, members: outlined, wired: wiredKinds(sourceFile) };
    },
    outlinedInserts(outline, kind) {
      const imported = namedImport(kind);
      const holds =
        outline.members.members.some((m) => m.key === kind) ||
        outline.imports.imports.some((d) => d.specifier === imported.moduleSpecifier);
      if (holds) return undefined;
      const importInsert = outlinedImportInsert(outline.imports, imported, servicesPrefix);
      if (!importInsert) return undefined;
      const value = spec.value(handlerNames(kind));
      return [
        importInsert,
        outlinedMemberInsert(outline.members, outline.imports.eol, kind, value),
      ];
    },
    outlineAfter(outline, kind, inserts, after) {
      const [importInsert, memberInsert] = inserts;
      if (!importInsert || !memberInsert) throw new Error('an import and an entry were inserted');
      const value = spec.value(handlerNames(kind));
      const { imports, statement } = importsAfter(
        outline.imports,
        inserts,
        importInsert,
        namedImport(kind),
        after,
      );
      return {
        outline: {
          imports,
          members: membersAfter(outline.members, inserts, memberInsert, kind, value, after),
          wired: [...new Set([...outline.wired, kind])].sort(),
        },
        statement,
      };
    },
  };
}

/** Code without whitespace and trailing commas, for comparing an entry with its template. */
function squash(code: string): string {
  return code
    .replace(/\s+/g, '')
    .replace(/,([)\]}])/g, '$1')
    .replace(/[,;]$/, '');
}
