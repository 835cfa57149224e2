// Task type inference: the leftmost identifier of each top-level chain (or declared chain) must
// be `stream` or `batch`, and all must agree (tickscript.md §2).

import type { Expr, Program } from '../tick/ast.js';
import { TickEvalError } from './eval-error.js';

function leftmost(e: Expr): string | undefined {
  let node = e;
  while (node.kind === 'chain') node = node.left;
  return node.kind === 'identifier' ? node.name : undefined;
}

export function inferTaskType(program: Program): 'stream' | 'batch' {
  const found = new Set<string>();
  for (const s of program.statements) {
    const expr = s.kind === 'declaration' ? s.value : s;
    if (expr.kind !== 'chain') continue;
    const name = leftmost(expr);
    if (name === 'stream' || name === 'batch') found.add(name);
  }
  if (found.size > 1)
    throw new TickEvalError('invalid task type: a script uses either stream or batch, not both');
  return found.has('batch') ? 'batch' : 'stream';
}
