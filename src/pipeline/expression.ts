// Evaluation of expressions outside lambdas (tickscript.md §5): literals, variables, unary and
// binary operators on constants (with the lambda type table), string lists, lambdas (their
// identifiers resolved), global functions and chains.

import { GoDuration } from '../common/duration.js';
import type { Expr, FunctionCall, UnaryExpr } from '../tick/ast.js';
import {
  compileLambda,
  LambdaCompileError,
  LambdaEvalError,
  type Value,
} from '../tick/lambda/index.js';
import { GoRegexp } from '../tick/regex.js';
import { callOn, type CallContext } from './dispatch.js';
import { GoCallError, GoPanic, TickEvalError } from './eval-error.js';
import { resolveIdentifiers, resolveLambda } from './lambda-resolve.js';
import type { Scope } from './scope.js';
import { GlobalFunction, goTypeName, goValueString, type TickValue } from './values.js';

const emptyScope = { get: () => undefined };

export class ExpressionEvaluator {
  constructor(
    private readonly scope: Scope,
    private readonly context: CallContext,
  ) {}

  value(node: Expr): TickValue {
    switch (node.kind) {
      case 'int':
      case 'float':
      case 'string':
      case 'bool':
      case 'regex':
        return node.value;
      case 'duration':
        return new GoDuration(node.value);
      case 'reference':
      case 'star':
        return node;
      case 'identifier':
        return this.scope.get(node.name, node.pos);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.constant(node);
      case 'list':
        return node.items.map((item) =>
          item.kind === 'identifier' ? this.scope.get(item.name, item.pos) : this.value(item),
        );
      case 'lambda':
        return resolveLambda(node, this.scope);
      case 'call':
        return this.globalCall(node);
      case 'chain': {
        const receiver = this.value(node.left);
        if (node.right.kind === 'identifier') {
          // A property read (`node.name`); Kapacitor reads exported fields, which no
          // supported node exposes in a useful way.
          throw new TickEvalError(
            `object ${goTypeName(receiver)} has no property ${node.right.name}`,
            node.pos,
          );
        }
        return callOn(this.context, receiver, node.right, this.args(node.right));
      }
    }
  }

  /** Call arguments: a single list argument is the argument list. */
  args(call: FunctionCall): TickValue[] {
    const args = call.args.map((a) => this.value(a));
    return args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  }

  private unary(node: UnaryExpr): TickValue {
    const v = this.value(node.operand);
    if (node.operator === '-') {
      if (typeof v === 'bigint') return BigInt.asIntN(64, -v);
      if (typeof v === 'number') return -v;
      if (v instanceof GoDuration) return new GoDuration(BigInt.asIntN(64, -v.ns));
    } else if (typeof v === 'boolean') {
      return !v;
    }
    throw new TickEvalError(
      `invalid arugument to '${node.operator}' ${goValueString(v)}`,
      node.pos,
    );
  }

  /** Binary expressions on constants go through the lambda compiler, as Kapacitor does. */
  private constant(node: Expr): TickValue {
    const resolved = resolveIdentifiers(node, this.scope);
    let result: Value;
    try {
      result = compileLambda(resolved).eval(emptyScope);
    } catch (err) {
      if (err instanceof LambdaCompileError || err instanceof LambdaEvalError) {
        throw new TickEvalError(err.message);
      }
      throw err;
    }
    if (
      typeof result === 'bigint' ||
      typeof result === 'number' ||
      typeof result === 'string' ||
      typeof result === 'boolean' ||
      result instanceof GoDuration ||
      result instanceof GoRegexp
    ) {
      return result;
    }
    throw new TickEvalError(
      `unsupported value ${String(result)} of a constant expression`,
      node.pos,
    );
  }

  private globalCall(call: FunctionCall): TickValue {
    const fn = this.scope.has(call.name) ? this.scope.get(call.name) : undefined;
    if (!(fn instanceof GlobalFunction)) {
      throw new TickEvalError(`no global function "${call.name}" defined`, call.pos);
    }
    try {
      return fn.call(this.args(call));
    } catch (err) {
      if (err instanceof GoPanic || err instanceof GoCallError)
        throw new TickEvalError(`error calling func "${call.name}": ${err.message}`, call.pos);
      throw err;
    }
  }
}
