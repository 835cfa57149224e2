// The field/tag names a lambda reads ("x" references), which is what Kapacitor's eval node
// copies into its scope before evaluating each expression.

import type { Expr } from '../../tick/ast.js';

export function referencedNames(expr: Expr, out: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'reference':
      out.add(expr.name);
      break;
    case 'unary':
      referencedNames(expr.operand, out);
      break;
    case 'binary':
      referencedNames(expr.left, out);
      referencedNames(expr.right, out);
      break;
    case 'call':
      for (const a of expr.args) referencedNames(a, out);
      break;
    case 'lambda':
      referencedNames(expr.expression, out);
      break;
    default:
      break;
  }
  return out;
}
