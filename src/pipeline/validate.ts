// Checks after evaluation, in Kapacitor's walk order: each node's validate() (Kapacitor's
// messages, located at the node's call), then one compilation of every lambda so type errors
// between constants surface when the task is defined rather than per point.

import { compileLambda, LambdaCompileError } from '../tick/lambda/index.js';
import { TickEvalError } from './eval-error.js';
import type { GraphNode } from './graph.js';
import type { NodeType } from './model.js';
import type { EvalContext, NodeSpec } from './node-spec.js';
import { specOf } from './nodes/index.js';
import { walkOrder } from './walk.js';

export function validateGraph(sources: readonly GraphNode[], ctx: EvalContext): void {
  const order = walkOrder(sources);
  for (const node of order) {
    const message = (specOf(node.type) as NodeSpec<NodeType>).validate?.(node, ctx);
    if (message !== undefined) throw new TickEvalError(message, node.pos);
  }
  for (const node of order) {
    for (const { lambda, context } of (specOf(node.type) as NodeSpec<NodeType>).lambdas?.(node) ??
      []) {
      try {
        compileLambda(lambda.expr);
      } catch (err) {
        if (err instanceof LambdaCompileError)
          throw new TickEvalError(`${context}: ${err.message}`, lambda.expr.pos ?? node.pos);
        throw err;
      }
    }
  }
}
