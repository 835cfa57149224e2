// Formatting an updated TypeScript file by the statements that changed. The wiring changes a
// touch point by a line or two (an import, an entry), yet prettier would parse and print the
// whole file (src/alert/service.ts is 20 KB): most of `npm run new-handler`'s time. Prettier
// prints a file's top-level statements one by one, each from its own syntax and comments, so a
// statement comes out of the whole file as it comes out alone. The statements that differ from
// the file as it was are formatted alone; when prettier leaves each as it is, so would it the
// whole file, and the file is done. Otherwise (or for CRLF files, syntax errors, a comment
// sharing a changed statement's last line, a changed end of file) the whole file is formatted,
// as before. The statements that did not change are as the repository has them, which
// `npm run format:check` keeps prettier-clean.

import { ts } from 'ts-morph';
import { insertedText, movedBy } from './wiring/ast.js';
import { problemsOf } from './wiring/syntax.js';

/** A top-level statement. */
interface Statement {
  /** The statement with the comments and blank lines before it: what makes it "the same". */
  full: string;
  /** What prettier is given: from its first comment or token to its end. */
  text: string;
  /**
   * Whether prettier would print it as it stands alone: the whitespace before it is what
   * prettier puts between statements (a line break, or one blank line; nothing at the start
   * of the file), nothing follows it on its last line (not even spaces; a comment there would
   * be prettier's to place), and it is no directive (`'use strict'` means something else alone).
   */
  standsAlone: boolean;
}

interface Parsed {
  statements: Statement[];
  /** Comments and blank lines after the last statement. */
  tail: string;
}

/** Where a top-level statement is in its text: what `parse` needs of the tree. */
export interface StatementSpan {
  /** Where the comments and blank lines before it start (the previous statement's end). */
  fullStart: number;
  /** Its first token. */
  start: number;
  end: number;
  /** `'use strict'`: means something else alone. */
  directive: boolean;
}

/** The top-level statements of a parsed file, as spans. */
export function statementSpans(source: ts.SourceFile): StatementSpan[] {
  return source.statements.map((s) => ({
    fullStart: s.getFullStart(),
    start: s.getStart(source),
    end: s.getEnd(),
    directive: ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression),
  }));
}

/** A statement of `text` at its span, and whether it stands alone there. */
function statementAt(text: string, span: StatementSpan, first: boolean): Statement {
  const full = text.slice(span.fullStart, span.end);
  const own = full.replace(/^\s+/, '');
  const lead = full.slice(0, full.length - own.length);
  const lineEnd = text.indexOf('\n', span.end);
  const restOfLine = text.slice(span.end, lineEnd === -1 ? text.length : lineEnd);
  return {
    full,
    text: own,
    standsAlone:
      (first ? lead === '' : /^\n\n?$/.test(lead)) && restOfLine === '' && !span.directive,
  };
}

function parse(file: string, text: string): Parsed | undefined {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  if (problemsOf(file, source).length > 0) return undefined;
  const spans = statementSpans(source);
  return {
    statements: spans.map((span, index) => statementAt(text, span, index === 0)),
    tail: text.slice(spans.at(-1)?.end ?? 0),
  };
}

/**
 * The statements of `after` that are not in `before` (a longest common subsequence of the
 * statements, compared with their leading comments and blank lines).
 */
function changedStatements(before: Statement[], after: Statement[]): Statement[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the longest common subsequence of before[i:] and after[j:].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i]!.full === after[j]!.full
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const changed: Statement[] = [];
  let i = 0;
  let j = 0;
  while (j < m) {
    if (i < n && before[i]!.full === after[j]!.full) {
      i++;
      j++;
    } else if (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      i++;
    } else {
      changed.push(after[j]!);
      j++;
    }
  }
  return changed;
}

/**
 * `after` when prettier leaves every statement that changed from `before` as it is (so the
 * file needs no other formatting), or undefined when the whole file must be formatted.
 * `format` formats a text as the file's own content.
 */
export async function formattedByStatements(
  file: string,
  before: string,
  after: string,
  format: (text: string) => Promise<string>,
): Promise<string | undefined> {
  if (before.includes('\r') || after.includes('\r')) return undefined;
  const old = parse(file, before);
  const now = parse(file, after);
  if (!old || !now || old.tail !== now.tail) return undefined;
  const changed = changedStatements(old.statements, now.statements);
  return keptByPrettier(changed, after, format);
}

/** `after` when every changed statement stands alone and prettier leaves it as it is. */
async function keptByPrettier(
  changed: Statement[],
  after: string,
  format: (text: string) => Promise<string>,
): Promise<string | undefined> {
  if (!changed.every((s) => s.standsAlone)) return undefined;
  // All at once: the formatter (a worker thread) answers one after the other without a
  // round trip between them.
  const formatted = await Promise.all(changed.map((s) => format(s.text)));
  return formatted.every((text, i) => text === `${changed[i]!.text}\n`) ? after : undefined;
}

/**
 * `formattedByStatements` for `before` with insertions made at known positions, from the
 * statement spans of `before` (kept from a tree parsed before) instead of parsing the texts:
 * an insertion inside a statement changes that statement; one between statements must be a
 * statement of its own (it is formatted alone like any changed one) and changes the lead of
 * the statement after it. Undefined when the whole file must be formatted.
 */
export async function formattedByOutline(
  before: string,
  spans: StatementSpan[],
  inserts: ReadonlyArray<{ pos: number; text: string }>,
  format: (text: string) => Promise<string>,
): Promise<string | undefined> {
  if (before.includes('\r') || spans.length === 0) return undefined;
  if (new Set(inserts.map((i) => i.pos)).size !== inserts.length) return undefined;
  const after = insertedText(before, [...inserts]);
  const moved = (pos: number, itMoves: boolean): number => movedBy(pos, inserts, itMoves);
  const changed = new Set<number>();
  const spansAfter: Array<StatementSpan & { from?: number }> = spans.map((span, index) => ({
    ...span,
    start: moved(span.start, true),
    end: moved(span.end, false),
    from: index,
  }));
  for (const insert of inserts) {
    const inside = spans.findIndex((s) => s.start < insert.pos && insert.pos < s.end);
    if (inside !== -1) {
      changed.add(inside);
      continue;
    }
    const own = insert.text.trim();
    if (own === '') return undefined;
    const start = moved(insert.pos, false) + insert.text.indexOf(own);
    spansAfter.push({ fullStart: 0, start, end: start + own.length, directive: false });
  }
  spansAfter.sort((a, b) => a.start - b.start);
  for (const [index, span] of spansAfter.entries()) {
    span.fullStart = index === 0 ? 0 : spansAfter[index - 1]!.end;
  }
  if (after.slice(spansAfter.at(-1)!.end) !== before.slice(spans.at(-1)!.end)) return undefined;
  const statements = spansAfter.flatMap((span, index) => {
    const statement = statementAt(after, span, index === 0);
    const was = span.from === undefined ? undefined : spans[span.from]!;
    const same =
      was !== undefined &&
      !changed.has(span.from!) &&
      statement.full === before.slice(was.fullStart, was.end);
    return same ? [] : [statement];
  });
  return keptByPrettier(statements, after, format);
}
