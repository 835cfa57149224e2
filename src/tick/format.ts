// Single-line TICKscript source text of an expression (used in error messages such as
// `Cannot call function "abs" with args ("value": int)` and to show lambdas back to users).

import type { Expr } from './ast.js';

export function formatExpr(node: Expr): string {
  switch (node.kind) {
    case 'int':
    case 'float':
    case 'duration':
      return node.literal;
    case 'bool':
      return node.value ? 'TRUE' : 'FALSE';
    case 'string':
      return node.tripleQuoted ? `'''${node.value}'''` : `'${node.value.replace(/'/g, "\\'")}'`;
    case 'regex':
      return `/${node.literal}/`;
    case 'reference':
      return `"${node.name.replace(/"/g, '\\"')}"`;
    case 'identifier':
      return node.name;
    case 'star':
      return '*';
    case 'unary':
      return node.operator + formatExpr(node.operand);
    case 'binary': {
      const s = `${formatExpr(node.left)} ${node.operator} ${formatExpr(node.right)}`;
      return node.parens ? `(${s})` : s;
    }
    case 'call':
      return `${node.name}(${node.args.map(formatExpr).join(', ')})`;
    case 'chain':
      return `${formatExpr(node.left)}${node.operator}${formatExpr(node.right)}`;
    case 'list':
      return `[${node.items.map(formatExpr).join(', ')}]`;
    case 'lambda':
      return `lambda: ${formatExpr(node.expression)}`;
  }
}
