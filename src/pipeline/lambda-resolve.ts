// Kapacitor's resolveIdents: identifiers inside a lambda (or a constant expression) are replaced
// by their values as literal nodes when the script is evaluated; a lambda var is inlined as a
// sub-expression. The tree is copied, so a lambda var can be inlined in several places.

import { GoDuration } from '../common/duration.js';
import type { Expr, LambdaExpr, Position } from '../tick/ast.js';
import { formatInfluxDuration } from '../tick/influxql-duration.js';
import { formatFloatPlain } from '../tick/lambda/go-format.js';
import { GoRegexp } from '../tick/regex.js';
import { TickEvalError } from './eval-error.js';
import type { Scope } from './scope.js';
import { goTypeName, isAstValue, type TickValue } from './values.js';

export function resolveLambda(lambda: LambdaExpr, scope: Scope): LambdaExpr {
  return { ...lambda, expression: resolveIdentifiers(lambda.expression, scope) };
}

export function resolveIdentifiers(node: Expr, scope: Scope): Expr {
  switch (node.kind) {
    case 'identifier':
      return valueToLiteral(scope.get(node.name), node.pos);
    case 'unary':
      return { ...node, operand: resolveIdentifiers(node.operand, scope) };
    case 'binary':
      return {
        ...node,
        left: resolveIdentifiers(node.left, scope),
        right: resolveIdentifiers(node.right, scope),
      };
    case 'call':
      return { ...node, args: node.args.map((a) => resolveIdentifiers(a, scope)) };
    case 'lambda':
      return resolveLambda(node, scope);
    default:
      return node;
  }
}

/** Kapacitor's ast.ValueToLiteralNode. */
export function valueToLiteral(v: TickValue, pos: Position): Expr {
  switch (typeof v) {
    case 'bigint':
      return { kind: 'int', pos, value: v, literal: v.toString() };
    case 'number': {
      const s = formatFloatPlain(v);
      return { kind: 'float', pos, value: v, literal: s.includes('.') ? s : `${s}.0` };
    }
    case 'string':
      return { kind: 'string', pos, value: v, tripleQuoted: false };
    case 'boolean':
      return { kind: 'bool', pos, value: v };
  }
  if (v instanceof GoDuration) {
    return { kind: 'duration', pos, value: v.ns, literal: formatInfluxDuration(v.ns) };
  }
  if (v instanceof GoRegexp) {
    return { kind: 'regex', pos, value: v, literal: v.source.replace(/\//g, '\\/') };
  }
  if (!Array.isArray(v) && isAstValue(v)) {
    // An inlined lambda keeps its grouping when shown back.
    if (v.kind === 'lambda') {
      const e = v.expression;
      return e.kind === 'binary' ? { ...e, parens: true } : e;
    }
    if (v.kind === 'star') return { kind: 'star', pos };
  }
  throw new TickEvalError(`unsupported literal type ${goTypeName(v)}`);
}
