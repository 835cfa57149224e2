// Lambdas as node properties: the resolved expression plus how to show it back, formatted as
// Kapacitor's LambdaNode.ExpressionString() does (the expression without `lambda: `).

import type { Expr, LambdaExpr } from '../tick/ast.js';
import { formatExpression } from './format.js';
import type { LambdaProp } from './model.js';
import type { TickValue } from './values.js';

export function lambdaProp(value: TickValue | undefined): LambdaProp {
  const expr = value as LambdaExpr;
  return { expr, source: formatExpression(expr.expression) };
}

/** `a AND b` for from().where() called several times (kept as separate props, see model). */
export function andExpressions(left: Expr, right: Expr): Expr {
  return {
    kind: 'binary',
    pos: left.pos,
    operator: 'AND',
    left,
    right,
    parens: false,
    multiLine: false,
  };
}
