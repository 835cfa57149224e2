// The AST edits every touch point is made of: find the anchor (a const object literal or an
// interface keyed by folder name), add/remove one keyed member in sorted position, add/remove
// one named import in sorted position.
//
// Positions always come from ts-morph nodes (never text matching on source). The edits are
// span insertions and removals rather than ts-morph's structure APIs on purpose: an entry is
// inserted as whole lines before a neighbour's first token (or after the last one), and
// removing an entry removes exactly its lines, so add followed by remove gives back the file
// byte for byte. ts-morph's own insert/remove move blank lines and comments around.

import {
  Node,
  SyntaxKind,
  type Expression,
  type ImportDeclaration,
  type InterfaceDeclaration,
  type ObjectLiteralExpression,
  type SourceFile,
} from 'ts-morph';

/** The members of an anchor, by key, whatever node holds them. */
export interface KeyedMembers {
  /** Keys in source order. */
  keys(): string[];
  /**
   * Insert `key: value` before the first member whose key sorts after it; into `inserts` when
   * given (applied later with others computed on the same tree, `applyInserts`).
   */
  insertSorted(key: string, value: string, inserts?: Inserts): void;
  /** Remove the member with this key; false if there is none. */
  remove(key: string): boolean;
  /** The member's value (initializer or type) as written, or undefined. */
  valueText(key: string): string | undefined;
  /** Where `insertSorted` would put a new member, for every key (see MembersOutline). */
  outline(): MembersOutline | undefined;
}

/**
 * What `insertSorted` reads of a member list, as plain data: enough to place a new member
 * without the tree (a text analysed before). Undefined for an empty list, or one whose last
 * member lacks its separator: those take the tree.
 */
export interface MembersOutline {
  members: Array<{
    key: string | null;
    /** Where a member inserted before this one goes (above its comments). */
    before: number;
    beforeStartsLine: boolean;
    indent: string;
  }>;
  last: { ownLine: boolean; end: number; endAfterComment: number; indent: string };
  terminator: ',' | ';';
}

/** `key: value,` or `key: value;`: a member as the wiring writes it. */
export function memberText(key: string, value: string, terminator: ',' | ';'): string {
  return `${key}: ${value}${terminator}`;
}

/** `import { name } from 'module';` */
export function importText(spec: NamedImport): string {
  return `import ${spec.typeOnly ? 'type ' : ''}{ ${spec.name} } from '${spec.moduleSpecifier}';`;
}

/**
 * Where a new import goes among the existing ones (by module path within its group, or among
 * all when none is in the group): before `next`, else after `last`.
 */
function importPlace<T extends { specifier: string }>(
  imports: T[],
  spec: NamedImport,
  group: string,
): { next: T | undefined; last: T | undefined } {
  const sameGroup = imports.filter((d) => d.specifier.startsWith(group));
  const neighbours = sameGroup.length > 0 ? sameGroup : imports;
  return {
    next: neighbours.find((d) => d.specifier > spec.moduleSpecifier),
    last: neighbours.at(-1),
  };
}

/** What `addNamedImport` reads of a file's imports, as plain data (see MembersOutline). */
export interface ImportsOutline {
  eol: string;
  imports: Array<{ specifier: string; before: number; after: number }>;
}

export function importsOutline(sourceFile: SourceFile): ImportsOutline {
  return {
    eol: newlineOf(sourceFile),
    imports: sourceFile.getImportDeclarations().map((d) => ({
      specifier: d.getModuleSpecifierValue(),
      before: leadingCommentStart(d),
      after: endOfTrailingComment(sourceFile, d.getEnd()),
    })),
  };
}

/**
 * The insertion `addNamedImport` makes for a module no declaration imports yet, from an
 * outline; undefined for a file without imports (the tree places that one).
 */
export function outlinedImportInsert(
  outline: ImportsOutline,
  spec: NamedImport,
  group: string,
): { pos: number; text: string } | undefined {
  const text = importText(spec);
  const { next, last } = importPlace(outline.imports, spec, group);
  if (next) return { pos: next.before, text: `${text}${outline.eol}` };
  if (last) return { pos: last.after, text: `${outline.eol}${text}` };
  return undefined;
}

/** The insertion `insertSorted` makes for a new key, from an outline. */
export function outlinedMemberInsert(
  outline: MembersOutline,
  eol: string,
  key: string,
  value: string,
): { pos: number; text: string } {
  const text = memberText(key, value, outline.terminator);
  const next = outline.members.find((m) => m.key !== null && m.key > key);
  if (next) {
    const member = next.beforeStartsLine ? `${text}${eol}${next.indent}` : `${text} `;
    return { pos: next.before, text: member };
  }
  const { last } = outline;
  return last.ownLine
    ? { pos: last.endAfterComment, text: `${eol}${last.indent}${text}` }
    : { pos: last.end, text: ` ${text}` };
}

export function findObjectLiteral(
  sourceFile: SourceFile,
  name: string,
): ObjectLiteralExpression | undefined {
  const initializer = sourceFile.getVariableDeclaration(name)?.getInitializer();
  const literal = initializer && unwrapExpression(initializer);
  return literal && Node.isObjectLiteralExpression(literal) ? literal : undefined;
}

/** Members of an object literal: `key: value,` (the comma is a token of its own). */
export function objectLiteralMembers(literal: ObjectLiteralExpression): KeyedMembers {
  return keyedMembers({
    sourceFile: literal.getSourceFile(),
    container: literal,
    members: () => literal.getProperties(),
    memberEnd: (m) => m.getNextSiblingIfKind(SyntaxKind.CommaToken)?.getEnd() ?? m.getEnd(),
    terminator: ',',
    missingSeparator: (m) => (m.getNextSiblingIfKind(SyntaxKind.CommaToken) ? '' : ','),
  });
}

/** Members of an interface: `key: Type;` (the semicolon belongs to the member). */
export function interfaceMembers(declaration: InterfaceDeclaration): KeyedMembers {
  return keyedMembers({
    sourceFile: declaration.getSourceFile(),
    container: declaration,
    members: () => declaration.getMembers(),
    memberEnd: (m) => m.getEnd(),
    terminator: ';',
    missingSeparator: () => '',
  });
}

export interface NamedImport {
  moduleSpecifier: string;
  name: string;
  typeOnly: boolean;
}

export function hasNamedImport(sourceFile: SourceFile, spec: NamedImport): boolean {
  const declaration = findImport(sourceFile, spec.moduleSpecifier);
  return declaration?.getNamedImports().some((n) => n.getName() === spec.name) ?? false;
}

/**
 * Add `import { name } from 'module';`. A new declaration goes in module-path order among the
 * imports of the same group (those whose module starts with `group`, e.g. `../services/`),
 * or among all imports when the group is empty: touch points keep their imports sorted by
 * path, but not necessarily across groups.
 */
export function addNamedImport(
  sourceFile: SourceFile,
  spec: NamedImport,
  group: string,
  inserts?: Inserts,
): void {
  const existing = findImport(sourceFile, spec.moduleSpecifier);
  if (existing) {
    if (!existing.getNamedImports().some((n) => n.getName() === spec.name)) {
      existing.addNamedImport(spec.name);
    }
    return;
  }
  const text = importText(spec);
  const eol = newlineOf(sourceFile);
  const imports = sourceFile
    .getImportDeclarations()
    .map((declaration) => ({ declaration, specifier: declaration.getModuleSpecifierValue() }));
  const { next, last } = importPlace(imports, spec, group);
  if (next) insertAt(sourceFile, leadingCommentStart(next.declaration), `${text}${eol}`, inserts);
  else if (last) {
    const at = endOfTrailingComment(sourceFile, last.declaration.getEnd());
    insertAt(sourceFile, at, `${eol}${text}`, inserts);
  } else {
    // No imports at all: first statement, after the file's header comment.
    const first = sourceFile.getStatements()[0];
    const at = first ? first.getStart() : sourceFile.getEnd();
    insertAt(sourceFile, at, `${text}${eol}${eol}`, inserts);
  }
}

/** Remove the named import; the whole declaration when nothing else is imported by it. */
export function removeNamedImport(sourceFile: SourceFile, spec: NamedImport): boolean {
  const declaration = findImport(sourceFile, spec.moduleSpecifier);
  const named = declaration?.getNamedImports().find((n) => n.getName() === spec.name);
  if (!declaration || !named) return false;
  const onlyImport =
    declaration.getNamedImports().length === 1 &&
    !declaration.getDefaultImport() &&
    !declaration.getNamespaceImport();
  if (onlyImport) removeSpan(sourceFile, declaration.getStart(), declaration.getEnd());
  else named.remove();
  return true;
}

/** Module specifiers of every import declaration, in source order. */
export function importedModules(sourceFile: SourceFile): string[] {
  return sourceFile.getImportDeclarations().map((d) => d.getModuleSpecifierValue());
}

interface MemberListShape {
  sourceFile: SourceFile;
  /** The node whose `{` opens the member list. */
  container: Node;
  members(): Node[];
  /** End of a member including its separator. */
  memberEnd(member: Node): number;
  /** What ends a member: `,` in an object literal (a token of its own), `;` in an interface. */
  terminator: ',' | ';';
  /** What must follow the last member before another can be appended after it. */
  missingSeparator(member: Node): string;
}

function keyedMembers(shape: MemberListShape): KeyedMembers {
  const { sourceFile } = shape;
  const keyed = () => shape.members().map((node) => ({ node, key: memberKey(node) }));
  return {
    keys: () => keyed().flatMap((m) => (m.key === undefined ? [] : [m.key])),
    insertSorted(key, value, inserts) {
      const members = keyed();
      const text = memberText(key, value, shape.terminator);
      const next = members.find((m) => m.key !== undefined && m.key > key)?.node;
      const last = members.at(-1)?.node;
      const eol = newlineOf(sourceFile);
      if (next) {
        // Before the comments that sit above the neighbour: they belong to it, not to us.
        const start = leadingCommentStart(next);
        const ownLine = startsLine(sourceFile, start);
        const member = ownLine ? `${text}${eol}${indentOf(next)}` : `${text} `;
        insertAt(sourceFile, start, member, inserts);
      } else if (last) {
        const ownLine = startsLine(sourceFile, last.getStart());
        const separator = shape.missingSeparator(last);
        // The separator changes the tree the position below is read from: edits so far first.
        if (separator !== '' && inserts) applyInserts(sourceFile, inserts);
        if (separator !== '') insertAt(sourceFile, shape.memberEnd(last), separator);
        const member = keyed().at(-1)!.node;
        const end = shape.memberEnd(member);
        // After a comment that ends the neighbour's line: it belongs to the neighbour.
        const at = ownLine ? endOfTrailingComment(sourceFile, end) : end;
        insertAt(sourceFile, at, `${ownLine ? `${eol}${indentOf(member)}` : ' '}${text}`, inserts);
      } else {
        const brace = shape.container.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken);
        const { container } = shape;
        const statement = Node.isStatement(container)
          ? container
          : (container.getFirstAncestor((n) => Node.isStatement(n)) ?? container);
        const outer = indentOf(statement);
        const eol = newlineOf(sourceFile);
        insertAt(sourceFile, brace.getEnd(), `${eol}${outer}  ${text}${eol}${outer}`, inserts);
      }
    },
    remove(key) {
      const member = keyed().find((m) => m.key === key)?.node;
      if (!member) return false;
      removeSpan(sourceFile, member.getStart(), shape.memberEnd(member));
      return true;
    },
    outline() {
      const members = keyed();
      const last = members.at(-1)?.node;
      if (!last || shape.missingSeparator(last) !== '') return undefined;
      const end = shape.memberEnd(last);
      return {
        members: members.map(({ node, key }) => {
          const before = leadingCommentStart(node);
          return {
            key: key ?? null,
            before,
            beforeStartsLine: startsLine(sourceFile, before),
            indent: indentOf(node),
          };
        }),
        last: {
          ownLine: startsLine(sourceFile, last.getStart()),
          end,
          endAfterComment: endOfTrailingComment(sourceFile, end),
          indent: indentOf(last),
        },
        terminator: shape.terminator,
      };
    },
    valueText(key) {
      const member = keyed().find((m) => m.key === key)?.node;
      if (!member) return undefined;
      if (Node.isPropertyAssignment(member)) return member.getInitializer()?.getText();
      if (Node.isShorthandPropertyAssignment(member)) return member.getName();
      if (Node.isPropertySignature(member)) return member.getTypeNode()?.getText();
      return member.getText();
    },
  };
}

/**
 * Remove [start, end): with the whole line(s) when nothing else is on them, else with the
 * spaces that follow, so an entry inserted by this module leaves no trace.
 */
function removeSpan(sourceFile: SourceFile, start: number, end: number): void {
  const text = sourceFile.getFullText();
  const lineStart = startOfLineIfBlankBefore(text, start);
  const lineEnd = endOfLineIfBlankAfter(text, end);
  if (lineStart !== undefined && lineEnd !== undefined) {
    removeRange(sourceFile, lineStart, lineEnd);
    return;
  }
  let spanEnd = end;
  while (text[spanEnd] === ' ' || text[spanEnd] === '\t') spanEnd += 1;
  removeRange(sourceFile, start, spanEnd);
}

/** The file's line break: `\r\n` when it uses CRLF, so edits keep its line endings. */
export function newlineOf(sourceFile: SourceFile): string {
  return sourceFile.getFullText().includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Where the comments directly above a node start (the node's own start when it has none on
 * lines of their own), so an insertion there keeps them with the node they describe.
 */
function leadingCommentStart(node: Node): number {
  const sourceFile = node.getSourceFile();
  const text = sourceFile.getFullText();
  let start = node.getStart();
  for (const range of [...node.getLeadingCommentRanges()].reverse()) {
    // Only comments on their own lines, and only a block of them without a blank line.
    const lineStart = startOfLineIfBlankBefore(text, range.getPos());
    if (lineStart === undefined) break;
    const between = text.slice(range.getEnd(), start);
    if ((between.match(/\n/g) ?? []).length > 1) break;
    start = range.getPos();
  }
  return start;
}

/** Past a `// ...` or `/* ... *\/` comment that follows pos on the same line, if any. */
function endOfTrailingComment(sourceFile: SourceFile, pos: number): number {
  return endOfTrailingCommentIn(sourceFile.getFullText(), pos);
}

/** endOfTrailingComment of a text. */
export function endOfTrailingCommentIn(text: string, pos: number): number {
  let i = pos;
  while (text[i] === ' ' || text[i] === '\t') i += 1;
  if (text.startsWith('//', i)) {
    const nl = text.indexOf('\n', i);
    const end = nl === -1 ? text.length : nl;
    return text[end - 1] === '\r' ? end - 1 : end;
  }
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    const nl = text.indexOf('\n', i);
    if (close !== -1 && (nl === -1 || close < nl)) return endOfTrailingCommentIn(text, close + 2);
  }
  return pos;
}

function startsLine(sourceFile: SourceFile, pos: number): boolean {
  return startOfLineIfBlankBefore(sourceFile.getFullText(), pos) !== undefined;
}

/** The start of pos's line when only spaces or tabs precede pos on it. */
export function startOfLineIfBlankBefore(text: string, pos: number): number | undefined {
  let i = pos;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i -= 1;
  return i === 0 || text[i - 1] === '\n' ? i : undefined;
}

/** Just past the line break after pos when only spaces or tabs follow pos on its line. */
function endOfLineIfBlankAfter(text: string, pos: number): number | undefined {
  let i = pos;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i += 1;
  if (i === text.length) return i;
  return text[i] === '\n' ? i + 1 : undefined;
}

/** Insertions computed against one tree, to be applied together (`applyInserts`). */
export type Inserts = Array<{ pos: number; text: string }>;

/**
 * Text edits at AST positions, applied by re-parsing the whole file: ts-morph's own
 * insertText/removeText refuse ranges that span several nodes (a whole import line).
 * Every node obtained before an edit is forgotten after it; callers look nodes up again.
 * With `inserts`, the insertion is only recorded: the tree stays as it is.
 */
function insertAt(sourceFile: SourceFile, pos: number, text: string, inserts?: Inserts): void {
  if (inserts) {
    inserts.push({ pos, text });
    return;
  }
  const full = sourceFile.getFullText();
  replaceText(sourceFile, full.slice(0, pos) + text + full.slice(pos));
}

/**
 * Apply recorded insertions in one re-parse (each one re-parse of the whole file is most of
 * the wiring's time), and empty the list. Positions are of the tree they were read from:
 * applied from the end, so each one's is still right; of two at one position, the one
 * recorded first ends up first.
 */
export function applyInserts(sourceFile: SourceFile, inserts: Inserts): void {
  if (inserts.length === 0) return;
  replaceText(sourceFile, textWithInserts(sourceFile, inserts));
  inserts.length = 0;
}

/** The file's text with recorded insertions applied (see applyInserts), without parsing it. */
export function textWithInserts(sourceFile: SourceFile, inserts: Inserts): string {
  return insertedText(sourceFile.getFullText(), inserts);
}

/**
 * Where a position of a text is once the insertions are made: moved by those before it, and by
 * one at the position itself when `itMoves` (what starts there goes after the inserted text;
 * what ends there stays).
 */
export function movedBy(
  pos: number,
  inserts: ReadonlyArray<{ pos: number; text: string }>,
  itMoves: boolean,
): number {
  let by = 0;
  for (const i of inserts) if (i.pos < pos || (itMoves && i.pos === pos)) by += i.text.length;
  return pos + by;
}

/**
 * `text` with insertions made at its positions: applied from the end, so each position is
 * still right; of two at one position, the one recorded first ends up first.
 */
export function insertedText(text: string, inserts: Inserts): string {
  let out = text;
  const ordered = inserts.map((insert, order) => ({ ...insert, order }));
  ordered.sort((a, b) => b.pos - a.pos || b.order - a.order);
  for (const { pos, text: t } of ordered) out = out.slice(0, pos) + t + out.slice(pos);
  return out;
}

/**
 * The file's whole text replaced, keeping the same SourceFile (its old nodes are forgotten, as
 * with `replaceWithText`). Creating it again over itself parses the text once; ts-morph's
 * `replaceWithText` also works out the file's indentation through the language service, which
 * parses it again (a third of the wiring's time).
 */
function replaceText(sourceFile: SourceFile, text: string): void {
  sourceFile.getProject().createSourceFile(sourceFile.getFilePath(), text, { overwrite: true });
}

function removeRange(sourceFile: SourceFile, start: number, end: number): void {
  const full = sourceFile.getFullText();
  replaceText(sourceFile, full.slice(0, start) + full.slice(end));
}

/** The spaces or tabs before a node on its line. */
function indentOf(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const start = node.getStart();
  const lineStart = startOfLineIfBlankBefore(text, start);
  return lineStart === undefined ? '' : text.slice(lineStart, start);
}

function findImport(
  sourceFile: SourceFile,
  moduleSpecifier: string,
): ImportDeclaration | undefined {
  return sourceFile
    .getImportDeclarations()
    .find((d) => d.getModuleSpecifierValue() === moduleSpecifier);
}

/** `{...} satisfies T`, `{...} as T`, `({...})` → `{...}`. */
function unwrapExpression(expression: Expression): Expression {
  if (
    Node.isSatisfiesExpression(expression) ||
    Node.isAsExpression(expression) ||
    Node.isParenthesizedExpression(expression)
  ) {
    return unwrapExpression(expression.getExpression());
  }
  return expression;
}

/** The key of an object or interface member: identifiers and string literal names. */
function memberKey(member: Node): string | undefined {
  if (
    !Node.isPropertyAssignment(member) &&
    !Node.isShorthandPropertyAssignment(member) &&
    !Node.isMethodDeclaration(member) &&
    !Node.isPropertySignature(member) &&
    !Node.isMethodSignature(member)
  ) {
    return undefined;
  }
  const name = member.getNameNode();
  if (Node.isIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) {
    return name.getLiteralValue();
  }
  return undefined;
}
