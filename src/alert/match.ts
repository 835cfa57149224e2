// Topic-handler `match` expressions: TICKscript lambda syntax without `lambda:`, evaluated per
// event. Double-quoted references read the event's TAGS (a missing tag is an evaluation error,
// so the event is not delivered); OK/INFO/WARNING/CRITICAL are the ints 0-3; changed(), level(),
// name(), taskName() and alertDuration() describe the event; all stateless built-ins work too.

import { GoDuration } from '../common/duration.js';
import { CondenserError } from '../common/errors.js';
import {
  compileLambda,
  sig,
  stateless,
  type CompiledLambda,
  type FunctionTable,
  type Scope,
} from '../tick/lambda/index.js';
import { parseLambdaExpression } from '../tick/parser.js';
import type { AlertEvent } from './event.js';
import { Level } from './level.js';

export interface MatchExpression {
  /** The expression as written. */
  readonly source: string;
  /** Throws when the expression cannot be evaluated for this event (e.g. a missing tag). */
  matches(event: AlertEvent): boolean;
}

const levelIdentifiers = {
  OK: BigInt(Level.OK),
  INFO: BigInt(Level.INFO),
  WARNING: BigInt(Level.WARNING),
  CRITICAL: BigInt(Level.CRITICAL),
};

/** A match expression that does not parse or compile (a 400 naming where). */
export class MatchError extends CondenserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('match_invalid', message, 400, options);
    this.name = 'MatchError';
  }
}

const always: MatchExpression = { source: '', matches: () => true };

/** Compile a match expression; the empty string matches every event. */
export function compileMatch(source: string): MatchExpression {
  if (source.trim() === '') return { ...always, source };

  // The event-describing functions read the event being matched from this holder; evaluation is
  // synchronous, so setting it just before evaluating is enough.
  let current: AlertEvent | undefined;
  const event = (): AlertEvent => current!;
  const functions: FunctionTable = {
    changed: stateless([sig([], 'bool')], () => event().state.level !== event().previousLevel),
    level: stateless([sig([], 'int')], () => BigInt(event().state.level)),
    name: stateless([sig([], 'string')], () => event().data.name),
    taskName: stateless([sig([], 'string')], () => event().data.taskName),
    alertDuration: stateless([sig([], 'duration')], () => new GoDuration(event().state.duration)),
  };

  let compiled: CompiledLambda;
  try {
    compiled = compileLambda(parseLambdaExpression(source), {
      functions,
      identifiers: levelIdentifiers,
    });
  } catch (err) {
    throw new MatchError(`invalid match expression: ${(err as Error).message}`, { cause: err });
  }

  return {
    source,
    matches(e: AlertEvent): boolean {
      current = e;
      try {
        return compiled.evalBool(tagScope(e));
      } finally {
        current = undefined;
      }
    },
  };
}

function tagScope(e: AlertEvent): Scope {
  const tags = e.data.tags;
  return {
    get: (name) => (Object.hasOwn(tags, name) ? tags[name] : undefined),
    names: () => Object.keys(tags).sort(),
  };
}
