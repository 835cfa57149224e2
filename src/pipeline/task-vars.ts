// Task vars as the API carries them (`{"x": {"type": "float", "value": 2.5}}`, http-api.md §3)
// and their TICKscript types, for type declarations and for overriding declarations.

import { GoDuration } from '../common/duration.js';
import type { StarExpr } from '../tick/ast.js';
import { parseInfluxDuration } from '../tick/influxql-duration.js';
import { parseLambdaExpression } from '../tick/parser.js';
import { GoRegexp } from '../tick/regex.js';
import { TickEvalError } from './eval-error.js';
import { GraphNode } from './graph.js';
import { isAstValue, type TickValue } from './values.js';

export const taskVarTypes = [
  'bool',
  'int',
  'float',
  'string',
  'regex',
  'duration',
  'lambda',
  'list',
  'star',
] as const;

export type TaskVarType = (typeof taskVarTypes)[number];

export interface TaskVar {
  type: TaskVarType;
  /** JSON value: durations as `"1s"` or integer ns, regexes and lambdas as strings, lists as TaskVar[] */
  value?: unknown;
  description?: string;
}

export function isTaskVarType(s: string): s is TaskVarType {
  return (taskVarTypes as readonly string[]).includes(s);
}

/** Kapacitor's ast.TypeOf: the var type of a value, `invalid type` for nodes and functions. */
export function varTypeOf(v: TickValue): TaskVarType | 'invalid type' {
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof GoDuration) return 'duration';
  if (v instanceof GoRegexp) return 'regex';
  if (v instanceof GraphNode || !isAstValue(v)) return 'invalid type';
  if (v.kind === 'lambda') return 'lambda';
  if (v.kind === 'star') return 'star';
  return 'invalid type';
}

const STAR: StarExpr = { kind: 'star', pos: { offset: 0, line: 1, column: 1 } };

/** The TICKscript value of an API var; throws TickEvalError for a value that does not fit its type. */
export function taskVarValue(name: string, v: TaskVar): TickValue {
  const bad = (): never => {
    throw new TickEvalError(
      `invalid value for var "${name}" of type ${v.type}: ${JSON.stringify(v.value)}`,
    );
  };
  const value = v.value;
  try {
    switch (v.type) {
      case 'bool':
        return typeof value === 'boolean' ? value : bad();
      case 'int':
        if (typeof value === 'bigint') return value;
        return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : bad();
      case 'float':
        return typeof value === 'number' ? value : bad();
      case 'string':
        return typeof value === 'string' ? value : bad();
      case 'duration':
        if (typeof value === 'number' && Number.isInteger(value))
          return new GoDuration(BigInt(value));
        return typeof value === 'string' ? new GoDuration(parseInfluxDuration(value)) : bad();
      case 'regex':
        return typeof value === 'string' ? new GoRegexp(value) : bad();
      case 'lambda':
        return typeof value === 'string' ? parseLambdaExpression(value) : bad();
      case 'star':
        return STAR;
      case 'list':
        return Array.isArray(value)
          ? value.map((item, i) => taskVarValue(`${name}[${i}]`, item as TaskVar))
          : bad();
    }
  } catch (err) {
    if (err instanceof TickEvalError) throw err;
    throw new TickEvalError(
      `invalid value for var "${name}" of type ${v.type}: ${(err as Error).message}`,
    );
  }
}
