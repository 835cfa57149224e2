// Evaluates a TICKscript into a Pipeline (tickscript.md §2–§6, nodes.md), as Kapacitor's
// tick.Evaluate + pipeline.CreatePipeline do: statements in order, node ids in creation order,
// then validation in walk order.
//
// API
//   evaluateScript(script, { taskId, vars?, taskType?, deadman? }) → Pipeline
//     Throws TickParseError (parse errors, `parser: ...`) or TickEvalError (everything else,
//     Kapacitor's message with `line L char C: ` where Kapacitor has it).
//   taskDBRPs(apiDbrps, pipeline) → the task's DBRPs from the API or the script, not both.

import { GoDuration } from '../common/duration.js';
import { CondenserError, errorMessage } from '../common/errors.js';
import { own } from '../common/own.js';
import type { Declaration, FunctionCall, Position, Program, TypeDeclaration } from '../tick/ast.js';
import { TickParseError } from '../tick/errors.js';
import { parseProgram } from '../tick/parser.js';
import { chainMethod } from './chains.js';
import { TickEvalError } from './eval-error.js';
import { ExpressionEvaluator } from './expression.js';
import { GraphBuilder, type GraphNode } from './graph.js';
import { checkCallArgs, type GoType } from './go-call.js';
import type { DBRP, Pipeline } from './model.js';
import {
  defaultDeadmanConfig,
  type DeadmanConfig,
  type EvalContext,
  type InfluxDBClusterNames,
} from './node-spec.js';
import { specOf } from './nodes/index.js';
import { Scope } from './scope.js';
import { inferTaskType } from './task-type.js';
import { isTaskVarType, taskVarValue, varTypeOf, type TaskVar } from './task-vars.js';
import { validateGraph } from './validate.js';
import { GlobalFunction, TimeDimension, type TickValue } from './values.js';

export type { TaskVar, TaskVarType } from './task-vars.js';

export interface GlobalDeadman {
  threshold: number;
  /** ns */
  interval: bigint;
}

export interface EvaluateOptions {
  taskId: string;
  /** API vars: override declarations (same type) and give template vars their values */
  vars?: Record<string, TaskVar>;
  /** The API's task type; inferred from the script when absent. */
  taskType?: 'stream' | 'batch';
  /** `[deadman]` id/message templates; `global` adds a deadman to the source node. */
  deadman?: Partial<DeadmanConfig> & { global?: GlobalDeadman };
  /** The configured `[[influxdb]]` clusters; absent = none (influxDBOut and query refused). */
  influxdb?: InfluxDBClusterNames;
}

/**
 * Every error of a statement as a TickEvalError with a position: Kapacitor's unlocated
 * messages get the statement's, and anything untyped (a bug) still reaches the user as a
 * located TICKscript error rather than a JavaScript message.
 */
function located(err: unknown, pos: Position): unknown {
  if (err instanceof TickParseError) return err;
  if (err instanceof TickEvalError) return err.pos ? err : new TickEvalError(err.message, pos);
  if (err instanceof CondenserError) return err;
  const what =
    err instanceof RangeError ? 'the statement is too large to evaluate' : errorMessage(err);
  return new TickEvalError(`cannot evaluate this statement: ${what}`, pos);
}

export function evaluateScript(script: string, options: EvaluateOptions): Pipeline {
  const program = parseProgram(script);
  const type = options.taskType ?? inferTaskType(program);

  const graph = new GraphBuilder();
  const ctx: EvalContext = {
    graph,
    deadman: { ...defaultDeadmanConfig, ...options.deadman },
    influxdb: options.influxdb,
  };
  // Only the task type's source is defined: `batch` in a stream task is an unknown variable.
  const source =
    type === 'stream'
      ? graph.addSource(
          'stream',
          { desc: 'stream', goType: specOf('stream').goType, wants: 'stream', provides: 'stream' },
          {},
          program.pos,
        )
      : graph.addSource(
          'batch',
          { desc: 'batch', goType: specOf('batch').goType, wants: 'batch', provides: 'batch' },
          {},
          program.pos,
        );
  const scope = new Scope();
  scope.set(type, source);
  scope.set('time', timeFunction);

  const dbrps = new ProgramEvaluator(scope, ctx, options.vars ?? {}).run(program);

  if (options.deadman?.global) addGlobalDeadman(ctx, source, options.deadman.global);
  validateGraph(graph.sources, ctx);
  return graph.toPipeline(type, dbrps);
}

/**
 * The dbrp statements of a script that parses but may not evaluate (a stored task whose
 * handler kind is gone still shows its databases); [] when it does not parse.
 */
export function declaredDBRPs(script: string): DBRP[] {
  try {
    return parseProgram(script).statements.flatMap((s) =>
      s.kind === 'dbrp' ? [{ db: s.db.name, rp: s.rp.name }] : [],
    );
  } catch {
    return [];
  }
}

/** A task's DBRPs come from the API or from dbrp statements, never both or neither. */
export function taskDBRPs(api: readonly DBRP[], pipeline: Pipeline): DBRP[] {
  if (api.length > 0 && pipeline.dbrps.length > 0) {
    throw new TickEvalError('cannot specify dbrp in both implicitly and explicitly');
  }
  const dbrps = api.length > 0 ? [...api] : pipeline.dbrps;
  if (dbrps.length === 0) throw new TickEvalError('must specify dbrp');
  return dbrps;
}

// `time(1m)`: Kapacitor's only predefined global function (used by batch query groupBy).
const timeFunction = new GlobalFunction('time', (args) => {
  if (args.length > 2) {
    throw new TickEvalError(`time() function expects 1 or 2 args, got ${args.length}`);
  }
  checkCallArgs(
    ['time.Duration', 'time.Duration'].slice(0, Math.max(1, args.length)) as GoType[],
    false,
    args,
  );
  return new TimeDimension(args[0] as GoDuration, args[1] as GoDuration | undefined);
});

class ProgramEvaluator {
  private readonly expressions: ExpressionEvaluator;
  private readonly dbrps: DBRP[] = [];

  constructor(
    private readonly scope: Scope,
    ctx: EvalContext,
    private readonly vars: Record<string, TaskVar>,
  ) {
    this.expressions = new ExpressionEvaluator(scope, ctx);
  }

  run(program: Program): DBRP[] {
    for (const s of program.statements) {
      try {
        this.statement(s);
      } catch (err) {
        throw located(err, s.pos);
      }
    }
    return this.dbrps;
  }

  private statement(s: Program['statements'][number]): void {
    switch (s.kind) {
      case 'comment':
        break;
      case 'dbrp':
        this.dbrps.push({ db: s.db.name, rp: s.rp.name });
        break;
      case 'declaration':
        this.declare(s);
        break;
      case 'typeDeclaration':
        this.declareType(s);
        break;
      case 'identifier':
        // Kapacitor pushes a bare identifier and discards it unresolved.
        break;
      default:
        this.expressions.value(s);
    }
  }

  private declare(d: Declaration): void {
    let value = this.expressions.value(d.value);
    const name = d.name.name;
    if (this.scope.has(name)) {
      throw new TickEvalError(`attempted to redefine ${name}, vars are immutable`, d.name.pos);
    }
    const supplied = own(this.vars, name);
    if (supplied !== undefined)
      value = this.suppliedValue(name, supplied, varTypeOf(value), d.name.pos);
    this.scope.set(name, value);
  }

  private declareType(d: TypeDeclaration): void {
    const type = d.type.name;
    if (!isTaskVarType(type)) throw new TickEvalError(`invalid var type "${type}"`, d.type.pos);
    const name = d.name.name;
    const supplied = own(this.vars, name);
    if (supplied === undefined)
      throw new TickEvalError(`missing value for var "${name}".`, d.name.pos);
    this.scope.set(name, this.suppliedValue(name, supplied, type, d.name.pos));
  }

  private suppliedValue(name: string, v: TaskVar, expected: string, pos: Position): TickValue {
    if (v.type !== expected) {
      throw new TickEvalError(
        `invalid type supplied for ${name}, got ${v.type} exp ${expected}`,
        pos,
      );
    }
    try {
      return taskVarValue(name, v);
    } catch (err) {
      if (err instanceof TickEvalError && !err.pos) throw new TickEvalError(err.message, pos);
      throw err;
    }
  }
}

function addGlobalDeadman(ctx: EvalContext, stream: GraphNode, d: GlobalDeadman): void {
  const deadman = chainMethod(stream.is('batch') ? 'batch' : 'stream', 'Deadman');
  if (deadman === undefined || 'unsupported' in deadman) return;
  const pos = stream.pos;
  const call: FunctionCall = {
    kind: 'call',
    pos,
    callType: 'chain',
    name: 'deadman',
    args: [],
    multiLine: false,
  };
  deadman.create(ctx, stream, [d.threshold, new GoDuration(d.interval)], call);
}
