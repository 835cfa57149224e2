// The variables of a TICKscript: `stream`/`batch`, `time()`, declarations and template vars.
// Declarations are immutable.

import { TickEvalError } from './eval-error.js';
import type { Position } from '../tick/ast.js';
import type { TickValue } from './values.js';

export class Scope {
  private readonly vars = new Map<string, TickValue>();

  has(name: string): boolean {
    return this.vars.has(name);
  }

  set(name: string, value: TickValue): void {
    this.vars.set(name, value);
  }

  /** Kapacitor's scope.Get: no position in the message (Go lists names in map order; sorted here). */
  get(name: string, pos?: Position): TickValue {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    const names = [...this.vars.keys()].sort().join(',');
    throw new TickEvalError(`name "${name}" is undefined. Names in scope: ${names}`, pos);
  }
}
