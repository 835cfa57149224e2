// What the wiring engine checks before it trusts a file: that it parses (a touch point with a
// syntax error is refused, naming file, line and column) and which names it exports (an entry
// may only import a symbol its kind's folder really exports). Syntax only: no type checker.

import { ts } from 'ts-morph';
import { cachedAnalysis, keepAnalysis } from '../analysis-cache.js';

export interface SyntaxProblem {
  file: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  message: string;
}

export class SyntaxProblemError extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(
      `${problem.file}:${problem.line}:${problem.column}: syntax error: ${problem.message}; ` +
        'fix the file first (nothing was changed)',
    );
    this.name = 'SyntaxProblemError';
  }
}

/** The syntax errors the parser found in a parsed file (`file` names it in messages). */
export function problemsOf(file: string, source: ts.SourceFile): SyntaxProblem[] {
  return (parseDiagnostics(source) ?? transpileDiagnostics(file, source.text))
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const at = source.getLineAndCharacterOfPosition(d.start ?? 0);
      return {
        file,
        line: at.line + 1,
        column: at.character + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
      };
    });
}

/**
 * The errors the parser recorded on the source file: what transpileModule reports for a
 * TypeScript file, without building a program and emitting (most of a check's time).
 * `parseDiagnostics` is not in TypeScript's public typings, hence the guard.
 */
function parseDiagnostics(source: ts.SourceFile): readonly ts.Diagnostic[] | undefined {
  const recorded = (source as { parseDiagnostics?: unknown }).parseDiagnostics;
  return Array.isArray(recorded) ? (recorded as ts.Diagnostic[]) : undefined;
}

/** The same through the public API, should a TypeScript release drop `parseDiagnostics`. */
function transpileDiagnostics(file: string, text: string): readonly ts.Diagnostic[] {
  const out = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return out.diagnostics ?? [];
}

/** Throw the first syntax error of a parsed file, if it has one. */
export function assertParsed(file: string, source: ts.SourceFile): void {
  const [first] = problemsOf(file, source);
  if (first) throw new SyntaxProblemError(first);
}

/** The names a module exports at top level (declarations and `export { a as b }`). */
export function exportedNames(file: string, text: string): Set<string> {
  return new Set(cachedAnalysis(exportsAnalysis, text, () => [...namesExportedBy(file, text)]));
}

const exportsAnalysis = 'exportedNames';

/** Keep the names another parser found a text to export (exported-names.cjs, in the worker). */
export function keepExportedNames(text: string, names: string[]): void {
  keepAnalysis(exportsAnalysis, text, names);
}

function namesExportedBy(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (statement.moduleSpecifier === undefined && clause && ts.isNamedExports(clause)) {
        for (const e of clause.elements) names.add(e.name.text);
      }
      continue;
    }
    if (!exported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
      }
    } else if (
      (ts.isClassDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}
