// Errors raised while a TICKscript is evaluated into a pipeline. Messages are Kapacitor's,
// including its `line L char C: ` prefix where Kapacitor knows the position; the HTTP layer
// adds `invalid TICKscript: ` in front.

import { CondenserError } from '../common/errors.js';
import type { Position } from '../tick/ast.js';

export class TickEvalError extends CondenserError {
  /** Where the error happened, when Kapacitor reports it (the prefix is already in the message). */
  readonly pos: Position | undefined;

  constructor(message: string, pos?: Position) {
    super('tick_invalid', pos ? `${linePrefix(pos)}${message}` : message, 400);
    this.name = 'TickEvalError';
    this.pos = pos;
  }
}

/**
 * `.name()` on an alert node (or one of its handlers) that no installed handler kind provides.
 * In a task stored while the kind was installed, this means the kind has since been removed.
 */
export class MissingAlertPropertyError extends TickEvalError {
  constructor(
    message: string,
    /** As written in the script. */
    readonly property: string,
    pos: Position,
  ) {
    super(message, pos);
    this.name = 'MissingAlertPropertyError';
  }
}

export function linePrefix(pos: Position): string {
  return `line ${pos.line} char ${pos.column}: `;
}

/**
 * A Go panic inside a called method (wrong argument types, `cannot Window batch edge`);
 * Kapacitor reports it as `error calling func "f" on obj <type>: <text>`.
 */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }
}

/** An error a called method returns; Kapacitor prefixes it with the call's position only. */
export class GoCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoCallError';
  }
}
