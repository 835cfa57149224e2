// What the scaffolder reads of a new kind's modules, from the Babel AST of prettier's `babel-ts`
// parser, for the formatting worker, which has that parser loaded: a new kind's files are read
// without loading TypeScript. Each function finds what its TypeScript counterpart finds:
//   exportedNamesOf  the names a module exports at top level (generators/wiring/syntax.ts's
//                    exportedNames: declarations with `export`, `export { a as b }` without a
//                    module);
//   definedStringOf  the string given as `key` to the first `callee({ ... })` call
//                    (generators/inventory.ts: a handler's API kind, a TICKscript property).
// Plain CommonJS so that the worker (an eval'd script) can require it.
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

/** @param {{ body: any[] }} program  a Babel `Program` (the parse result's `program`) */
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

/**
 * The string value of `key` in the object passed to the first call `callee({...})`, in source
 * order (the last such property of that object), or null.
 * @param {object} program
 * @param {string} callee
 * @param {string} key
 */
function definedStringOf(program, callee, key) {
  const stack = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === callee
    ) {
      const arg = node.arguments[0];
      let found;
      if (arg && arg.type === 'ObjectExpression') {
        for (const p of arg.properties) {
          if (p.type !== 'ObjectProperty' || p.computed || p.key.type !== 'Identifier') continue;
          if (p.key.name !== key) continue;
          const v = p.value;
          if (v.type === 'StringLiteral') found = v.value;
          else if (v.type === 'TemplateLiteral' && v.expressions.length === 0) {
            found = v.quasis[0].value.cooked;
          }
        }
      }
      if (found !== undefined) return found;
    }
    // Children in reverse, so that they are visited in source order.
    const children = [];
    for (const [field, value] of Object.entries(node)) {
      if (field === 'loc' || field === 'extra' || field.endsWith('Comments')) continue;
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v.type === 'string') children.push(v);
      } else if (value && typeof value === 'object' && typeof value.type === 'string') {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

module.exports = { exportedNamesOf, definedStringOf };
