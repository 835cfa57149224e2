// The lambda operator table (tickscript.md §4.3): which operand types each operator accepts,
// what it returns, and Kapacitor's error messages when the types don't fit. AND/OR are here
// only for typing; their short-circuit evaluation lives in the compiler.

import { GoDuration } from '../../common/duration.js';
import type { BinaryOperator, UnaryOperator } from '../ast.js';
import { GoRegexp } from '../regex.js';
import { LambdaEvalError } from './errors.js';
import { floatToInt64, int64, typeOf, type Value, type ValueType } from './values.js';

/** Applies an operator; `undefined` means the operand types are not supported. */
export type BinaryImpl = (l: Value, r: Value) => Value | undefined;

const dur = (ns: bigint): GoDuration => new GoDuration(int64(ns));

function divideByZero(): never {
  throw new LambdaEvalError('integer divide by zero');
}

// Byte-wise (UTF-8) string order; UTF-16 order only differs when surrogates are involved.
function compareStrings(a: string, b: string): number {
  if (/[\ud800-\uffff]/.test(a) || /[\ud800-\uffff]/.test(b)) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1/0/1 for two ordered values of compatible types, or undefined. */
function compare(l: Value, r: Value): number | undefined {
  const lt = typeof l;
  const rt = typeof r;
  if (lt === 'number' && rt === 'number') return cmp(l as number, r as number);
  if (lt === 'bigint' && rt === 'bigint') return cmp(l as bigint, r as bigint);
  if (lt === 'bigint' && rt === 'number') return cmp(Number(l), r as number);
  if (lt === 'number' && rt === 'bigint') return cmp(l as number, Number(r));
  if (lt === 'string' && rt === 'string') return compareStrings(l as string, r as string);
  if (l instanceof GoDuration && r instanceof GoDuration) return cmp(l.ns, r.ns);
  return undefined;
}

// NaN compares false with everything: report it as "unordered" so every ordering op is false.
const UNORDERED = Number.NaN;
function cmp<T extends number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : UNORDERED;
}

function equal(l: Value, r: Value): boolean | undefined {
  // Equal strings are equal in any encoding: only an ordering needs compareStrings.
  if (
    (typeof l === 'boolean' && typeof r === 'boolean') ||
    (typeof l === 'string' && typeof r === 'string')
  )
    return l === r;
  const c = compare(l, r);
  return c === undefined ? undefined : c === 0;
}

function ordering(test: (c: number) => boolean): BinaryImpl {
  return (l, r) => {
    const c = compare(l, r);
    return c === undefined ? undefined : test(c);
  };
}

function regexMatch(l: Value, r: Value): boolean | undefined {
  if (typeof l === 'string' && r instanceof GoRegexp) return r.test(l);
  return undefined;
}

export const binaryImpls: Record<Exclude<BinaryOperator, 'AND' | 'OR'>, BinaryImpl> = {
  '==': equal,
  '!=': (l, r) => {
    const e = equal(l, r);
    return e === undefined ? undefined : !e;
  },
  '<': ordering((c) => c < 0),
  '<=': ordering((c) => c <= 0),
  '>': ordering((c) => c > 0),
  '>=': ordering((c) => c >= 0),
  '=~': regexMatch,
  '!~': (l, r) => {
    const m = regexMatch(l, r);
    return m === undefined ? undefined : !m;
  },
  '+': (l, r) => {
    if (typeof l === 'number' && typeof r === 'number') return l + r;
    if (typeof l === 'bigint' && typeof r === 'bigint') return int64(l + r);
    if (typeof l === 'string' && typeof r === 'string') return l + r;
    if (l instanceof GoDuration && r instanceof GoDuration) return dur(l.ns + r.ns);
    return undefined;
  },
  '-': (l, r) => {
    if (typeof l === 'number' && typeof r === 'number') return l - r;
    if (typeof l === 'bigint' && typeof r === 'bigint') return int64(l - r);
    if (l instanceof GoDuration && r instanceof GoDuration) return dur(l.ns - r.ns);
    return undefined;
  },
  '*': (l, r) => {
    if (typeof l === 'number' && typeof r === 'number') return l * r;
    if (typeof l === 'bigint' && typeof r === 'bigint') return int64(l * r);
    if (l instanceof GoDuration) {
      if (typeof r === 'bigint') return dur(l.ns * r);
      if (typeof r === 'number') return dur(floatToInt64(Number(l.ns) * r));
    }
    if (r instanceof GoDuration) {
      if (typeof l === 'bigint') return dur(l * r.ns);
      if (typeof l === 'number') return dur(floatToInt64(l * Number(r.ns)));
    }
    return undefined;
  },
  '/': (l, r) => {
    if (typeof l === 'number' && typeof r === 'number') return l / r;
    if (typeof l === 'bigint' && typeof r === 'bigint') {
      return r === 0n ? divideByZero() : int64(l / r);
    }
    if (l instanceof GoDuration) {
      if (typeof r === 'bigint') return r === 0n ? divideByZero() : dur(l.ns / r);
      if (typeof r === 'number') return dur(floatToInt64(Number(l.ns) / r));
      if (r instanceof GoDuration) return r.ns === 0n ? divideByZero() : int64(l.ns / r.ns);
    }
    return undefined;
  },
  '%': (l, r) => {
    if (typeof l === 'bigint' && typeof r === 'bigint') {
      return r === 0n ? divideByZero() : l % r;
    }
    return undefined;
  },
};

// ---- static typing ----------------------------------------------------------------------

const numericCompare = new Set(['int,int', 'float,float', 'int,float', 'float,int']);

/** Result type of `lt op rt`, or undefined when the table has no entry (a type error). */
export function binaryResultType(
  op: BinaryOperator,
  lt: ValueType,
  rt: ValueType,
): ValueType | undefined {
  const pair = `${lt},${rt}`;
  switch (op) {
    case 'AND':
    case 'OR':
      return pair === 'bool,bool' ? 'bool' : undefined;
    case '==':
    case '!=':
      return pair === 'bool,bool' || comparable(pair) ? 'bool' : undefined;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparable(pair) ? 'bool' : undefined;
    case '=~':
    case '!~':
      return pair === 'string,regex' ? 'bool' : undefined;
    case '+':
      return lt === rt && ['int', 'float', 'duration', 'string'].includes(lt) ? lt : undefined;
    case '-':
      return lt === rt && ['int', 'float', 'duration'].includes(lt) ? lt : undefined;
    case '*':
      if (lt === rt && (lt === 'int' || lt === 'float')) return lt;
      return ['duration,int', 'int,duration', 'duration,float', 'float,duration'].includes(pair)
        ? 'duration'
        : undefined;
    case '/':
      if (lt === rt && (lt === 'int' || lt === 'float')) return lt;
      if (pair === 'duration,int' || pair === 'duration,float') return 'duration';
      return pair === 'duration,duration' ? 'int' : undefined;
    case '%':
      return pair === 'int,int' ? 'int' : undefined;
  }
}

function comparable(pair: string): boolean {
  return numericCompare.has(pair) || pair === 'string,string' || pair === 'duration,duration';
}

// Operators each type takes part in, on either side (Kapacitor's typeToBinaryOperators).
const operatorsOfType: Record<ValueType, ReadonlySet<BinaryOperator>> = {
  bool: new Set(['AND', 'OR', '==', '!=']),
  int: new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']),
  float: new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/']),
  string: new Set(['==', '!=', '<', '<=', '>', '>=', '+', '=~', '!~']),
  duration: new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/']),
  regex: new Set(['=~', '!~']),
  time: new Set(),
  missing: new Set(),
};

function operatorKind(op: BinaryOperator): string {
  if (op === 'AND' || op === 'OR') return 'logical';
  if ('+-*/%'.includes(op)) return 'math';
  return 'comparison';
}

/**
 * Kapacitor's message for an unsupported operand pair: first whether the left type supports
 * the operator at all, otherwise a mismatch between the two types.
 */
export function binaryTypeErrorMessage(op: BinaryOperator, lt: ValueType, rt: ValueType): string {
  if (!operatorsOfType[lt].has(op)) {
    return `invalid ${operatorKind(op)} operator ${op} for type ${lt}`;
  }
  return `mismatched type to binary operator. got ${lt} ${op} ${rt}. see bool(), int(), float(), string(), duration()`;
}

/** Evaluation-time error for operand values (missing references first, as Kapacitor). */
export function binaryValueError(
  op: BinaryOperator,
  l: Value,
  r: Value | undefined,
  leftName: string | undefined,
  rightName: string | undefined,
): LambdaEvalError {
  const lt = typeOf(l);
  if (lt === 'missing') return missingError('left', leftName);
  if (r === undefined) return new LambdaEvalError(binaryTypeErrorMessage(op, lt, lt));
  const rt = typeOf(r);
  if (rt === 'missing') return missingError('right', rightName);
  return new LambdaEvalError(binaryTypeErrorMessage(op, lt, rt));
}

function missingError(side: string, name: string | undefined): LambdaEvalError {
  return new LambdaEvalError(`${side} reference value "${name ?? ''}" is missing value`);
}

// ---- unary ------------------------------------------------------------------------------

export function unaryResultType(op: UnaryOperator, t: ValueType): ValueType | undefined {
  if (op === '!') return t === 'bool' ? 'bool' : undefined;
  return t === 'int' || t === 'float' || t === 'duration' ? t : undefined;
}

export function applyUnary(op: UnaryOperator, v: Value): Value | undefined {
  if (op === '!') return typeof v === 'boolean' ? !v : undefined;
  if (typeof v === 'number') return -v;
  if (typeof v === 'bigint') return int64(-v);
  if (v instanceof GoDuration) return dur(-v.ns);
  return undefined;
}

export function unaryTypeErrorMessage(op: UnaryOperator, t: ValueType): string {
  return `invalid unary operator ${op} for type ${t}`;
}
