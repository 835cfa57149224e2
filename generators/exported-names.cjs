// The names a TypeScript module exports at top level, from the ESTree of prettier's TypeScript
// parser: what generators/wiring/syntax.ts's exportedNames finds with TypeScript's own parser
// (declarations with `export`, and `export { a as b }` without a module), for the formatting
// worker, which has prettier's parser loaded: a new kind's files are checked without loading
// TypeScript. Plain CommonJS so that the worker (an eval'd script) can require it.
/* global module */
'use strict';

const named = new Set([
  'ClassDeclaration',
  'FunctionDeclaration',
  'TSDeclareFunction',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSEnumDeclaration',
]);

/** @param {{ body: any[] }} program */
function exportedNamesOf(program) {
  const names = new Set();
  for (const statement of program.body) {
    const exported =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration';
    if (!exported) continue;
    const declaration = statement.declaration;
    if (statement.type === 'ExportNamedDeclaration' && !declaration) {
      if (statement.source) continue;
      for (const s of statement.specifiers) {
        names.add(s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value));
      }
      continue;
    }
    if (!declaration) continue;
    if (declaration.type === 'VariableDeclaration' && statement.type === 'ExportNamedDeclaration') {
      for (const d of declaration.declarations)
        if (d.id.type === 'Identifier') names.add(d.id.name);
    } else if (named.has(declaration.type) && declaration.id) {
      names.add(declaration.id.name);
    }
  }
  return [...names];
}

module.exports = { exportedNamesOf };
