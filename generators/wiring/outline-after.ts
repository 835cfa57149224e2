// A touch point's outline and state after an outlined wiring, from those before and the two
// insertions made (the kind's import, then its entry), without parsing the new text. The
// scaffolder keeps them with the text it wrote, so that the next new kind is also wired from
// outlines and `wire --check` needs no parse (test/generators/outline.test.ts compares both
// with what parsing the new text gives).
//
// A position of the text before maps to the text after by the insertions made at or before
// it: one that starts something (a statement, an import, a member) moves with an insertion at
// its place, since the new text goes in front of it; one that ends something stays.

import type { StatementSpan } from '../format-statements.js';
import {
  endOfTrailingCommentIn,
  importText,
  memberText,
  movedBy,
  startOfLineIfBlankBefore,
  type ImportsOutline,
  type Inserts,
  type MembersOutline,
  type NamedImport,
} from './ast.js';
import type { WiringCheck } from './touch-point.js';

function moved(pos: number, inserts: Inserts, side: 'start' | 'end'): number {
  return movedBy(pos, inserts, side === 'start');
}

/** Where `inner` starts in the text after, placed by `insert` (it is part of its text). */
function placed(insert: Inserts[number], inner: string, inserts: Inserts): number {
  const offset = insert.text.indexOf(inner);
  if (offset === -1) throw new Error(`the insertion does not hold ${inner}`);
  // Insertions at the same place go in the order made: those before this one come first.
  const earlier = inserts
    .slice(0, inserts.indexOf(insert))
    .filter((i) => i.pos === insert.pos)
    .reduce((n, i) => n + i.text.length, 0);
  return moved(insert.pos, inserts, 'end') + earlier + offset;
}

function lineIndent(text: string, pos: number): string {
  const lineStart = startOfLineIfBlankBefore(text, pos);
  return lineStart === undefined ? '' : text.slice(lineStart, pos);
}

/** The imports after `insert` added `spec`, and the new import's statement span. */
export function importsAfter(
  outline: ImportsOutline,
  inserts: Inserts,
  insert: Inserts[number],
  spec: NamedImport,
  after: string,
): { imports: ImportsOutline; statement: { start: number; end: number } } {
  const text = importText(spec);
  const start = placed(insert, text, inserts);
  const end = start + text.length;
  const added = {
    specifier: spec.moduleSpecifier,
    before: start,
    after: endOfTrailingCommentIn(after, end),
  };
  const shifted = outline.imports.map((d) => ({
    specifier: d.specifier,
    before: moved(d.before, inserts, 'start'),
    after: moved(d.after, inserts, 'end'),
  }));
  const imports = [...shifted, added].sort((a, b) => a.before - b.before);
  return { imports: { eol: outline.eol, imports }, statement: { start, end } };
}

/** The members after `insert` added `key: value`. */
export function membersAfter(
  outline: MembersOutline,
  inserts: Inserts,
  insert: Inserts[number],
  key: string,
  value: string,
  after: string,
): MembersOutline {
  const text = memberText(key, value, outline.terminator);
  const start = placed(insert, text, inserts);
  const end = start + text.length;
  const members = outline.members.map((m) => {
    const before = moved(m.before, inserts, 'start');
    return {
      ...m,
      before,
      beforeStartsLine: startOfLineIfBlankBefore(after, before) !== undefined,
    };
  });
  const added = {
    key,
    before: start,
    beforeStartsLine: startOfLineIfBlankBefore(after, start) !== undefined,
    indent: lineIndent(after, start),
  };
  members.push(added);
  members.sort((a, b) => a.before - b.before);
  const isLast = members.at(-1) === added;
  const last = isLast
    ? {
        ownLine: added.beforeStartsLine,
        end,
        endAfterComment: endOfTrailingCommentIn(after, end),
        indent: added.indent,
      }
    : {
        ...outline.last,
        end: moved(outline.last.end, inserts, 'end'),
        endAfterComment: moved(outline.last.endAfterComment, inserts, 'end'),
      };
  return { members, last, terminator: outline.terminator };
}

/**
 * The top-level statements after the insertions, one of them a new statement at `added`: each
 * statement's full start is the end of the one before it.
 */
export function statementsAfter(
  statements: StatementSpan[],
  inserts: Inserts,
  added: { start: number; end: number },
): StatementSpan[] {
  const spans = statements.map((s) => ({
    ...s,
    start: moved(s.start, inserts, 'start'),
    end: moved(s.end, inserts, 'end'),
  }));
  spans.push({ fullStart: 0, start: added.start, end: added.end, directive: false });
  spans.sort((a, b) => a.start - b.start);
  return spans.map((s, i) => ({ ...s, fullStart: i === 0 ? 0 : spans[i - 1]!.end }));
}

/** What `wire --check` finds of a touch point: each wanted kind's check, the kinds wired. */
export interface TouchPointState {
  checks: Array<[string, WiringCheck]>;
  wired: string[];
}

/**
 * The state after `kind` was wired in, for the kinds now wanted: a kind's check reads only its
 * own entry and import, which the insertions left as they were, and the new kind's are as
 * `add` writes them. Undefined when a wanted kind was not checked before.
 */
export function stateAfter(
  before: TouchPointState,
  kind: string,
  wanted: string[],
): TouchPointState | undefined {
  const checks = new Map(before.checks);
  checks.set(kind, { state: 'present' });
  if (!wanted.every((k) => checks.has(k))) return undefined;
  return {
    checks: wanted.map((k): [string, WiringCheck] => [k, checks.get(k)!]),
    wired: [...new Set([...before.wired, kind])].sort(),
  };
}
