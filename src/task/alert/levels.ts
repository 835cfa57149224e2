// Level computation of the alert node (alert-node.md §4): one compiled lambda per level and
// per reset, shared by every group, so stateful functions (sigma, count, ...) accumulate over
// all groups as in Kapacitor.

import type { Fields, Tags } from '../../alert/event.js';
import { Level } from '../../alert/level.js';
import { GoTime } from '../../common/gotime.js';
import {
  compileLambda,
  type CompiledLambda,
  type Scope,
  type Value,
} from '../../tick/lambda/index.js';
import type { AlertProps, LambdaProp } from '../../pipeline/model.js';

/** Which lambda failed, for the log line. */
export interface LevelEvalFailure {
  kind: 'level' | 'reset';
  level: Level;
  error: unknown;
}

/** The lambda scope of one point: fields first, then tags (Kapacitor's fillScope order). */
/**
 * A point's lambda scope, reused point after point (lambdas do not keep it): fields first,
 * then tags; `"time"` built only when a lambda reads it. One per node, so no per-point
 * closures or allocations on the hot path.
 */
export class PointScope implements Scope {
  private fields: Fields = {};
  private tags: Tags = {};
  private ns = 0n;

  set(fields: Fields, tags: Tags, time: bigint): this {
    this.fields = fields;
    this.tags = tags;
    this.ns = time;
    return this;
  }

  get(name: string): Value | undefined {
    if (Object.hasOwn(this.fields, name)) return this.fields[name];
    if (Object.hasOwn(this.tags, name)) return this.tags[name];
    return undefined;
  }

  get time(): GoTime {
    return new GoTime(this.ns);
  }

  names(): string[] {
    return [...new Set([...Object.keys(this.fields), ...Object.keys(this.tags)])].sort();
  }
}

/** A fresh scope for one point (tests and one-off evaluations). */
export function pointScope(fields: Fields, tags: Tags, time: bigint): Scope {
  return new PointScope().set(fields, tags, time);
}

function compileIfSet(prop: LambdaProp | undefined): CompiledLambda | undefined {
  return prop ? compileLambda(prop.expr) : undefined;
}

export class LevelEvaluator {
  /** Indexed by Level; OK never has a lambda. */
  private readonly levels: ReadonlyArray<CompiledLambda | undefined>;
  private readonly resets: ReadonlyArray<CompiledLambda | undefined>;

  /** Compiles every lambda; throws LambdaCompileError for a bad one. */
  constructor(
    props: Pick<AlertProps, 'info' | 'warn' | 'crit' | 'infoReset' | 'warnReset' | 'critReset'>,
    private readonly onFailure: (failure: LevelEvalFailure) => void,
  ) {
    this.levels = [
      undefined,
      compileIfSet(props.info),
      compileIfSet(props.warn),
      compileIfSet(props.crit),
    ];
    this.resets = [
      undefined,
      compileIfSet(props.infoReset),
      compileIfSet(props.warnReset),
      compileIfSet(props.critReset),
    ];
  }

  /**
   * The level of one point given the group's current level — a port of Kapacitor's
   * determineLevel, including its order of evaluation (the current level's lambda may run
   * twice, which matters for stateful functions).
   */
  determineLevel(scope: Scope, current: Level): Level {
    const higher = this.firstMatch(Level.CRITICAL, current - 1, scope);
    if (higher !== undefined) return higher;
    const reset = this.resets[current];
    if (reset) {
      try {
        if (!reset.evalBool(scope)) return current;
      } catch (error) {
        // An erroring reset lets the level go down, like a passing one.
        this.onFailure({ kind: 'reset', level: current, error });
      }
    }
    return this.firstMatch(current, Level.OK, scope) ?? Level.OK;
  }

  /** The first level in start, start-1, ... (> stop, > OK) whose lambda is true. */
  private firstMatch(start: Level, stop: number, scope: Scope): Level | undefined {
    for (let l = start; l > Math.max(stop, Level.OK); l--) {
      const lambda = this.levels[l];
      if (!lambda) continue;
      try {
        if (lambda.evalBool(scope)) return l as Level;
      } catch (error) {
        // An evaluation error (missing field, type error) counts as "no match".
        this.onFailure({ kind: 'level', level: l as Level, error });
      }
    }
    return undefined;
  }
}
