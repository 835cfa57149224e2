// text/template's predefined functions with Go semantics: comparisons across int kinds
// only, `index` zero values for missing map keys, byte-based `len`/`index`/`slice` on strings.

import { htmlEscapeString, jsEscapeString, urlQueryEscape } from './escape.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { intOf, isNil, isTrue, kindOf, mapElemType, typeName, type ParamType } from './values.js';
import { compareBytewise } from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import { formatValue } from './fmt.js';

/** A function callable from templates, with Go's arity (checked before the call). */
export interface FuncSpec {
  /** Number of fixed parameters. */
  readonly fixed: number;
  readonly variadic: boolean;
  /** Types of the fixed parameters (default `any`). */
  readonly params?: readonly ParamType[];
  readonly call: (args: unknown[]) => unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function utf8Length(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : encoder.encode(s).length;
}

function indexArg(index: unknown, cap: number): number {
  if (isNil(index)) throw new Error('cannot index slice/array with nil');
  if (kindOf(index) !== 'int')
    throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  const x = intOf(index);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  let v: unknown = item;
  for (const idx of indexes) {
    switch (kindOf(v)) {
      case 'invalid':
        throw new Error('index of nil pointer');
      case 'slice': {
        const arr = v as readonly unknown[];
        const x = indexArg(idx, arr.length);
        if (x === arr.length) throw new Error(`index out of range: ${x}`);
        v = arr[x];
        break;
      }
      case 'string': {
        const bytes = encoder.encode(v as string);
        const x = indexArg(idx, bytes.length);
        if (x === bytes.length) throw new Error(`index out of range: ${x}`);
        v = BigInt(bytes[x]!); // a byte (uint8), as Go indexes strings
        break;
      }
      case 'map': {
        const m = v as ReadonlyMap<unknown, unknown>;
        const stringMap = mapElemType(m) === 'string';
        if (isNil(idx)) throw new Error('value is nil; should be of type string');
        if (typeof idx !== 'string')
          throw new Error(`value has type ${typeName(idx)}; should be string`);
        v = m.has(idx) ? m.get(idx) : stringMap ? '' : undefined;
        break;
      }
      default:
        throw new Error(`can't index item of type ${typeName(v)}`);
    }
  }
  return v;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    bytes = encoder.encode(item as string);
    len = bytes.length;
  } else if (kind === 'slice') len = (item as readonly unknown[]).length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return decoder.decode(bytes.subarray(idx[0], idx[1]));
  return (item as readonly unknown[]).slice(idx[0], idx[1]);
}

function length(item: unknown): bigint {
  switch (kindOf(item)) {
    case 'invalid':
      throw new Error('len of nil pointer');
    case 'string':
      return BigInt(utf8Length(item as string));
    case 'slice':
      return BigInt((item as readonly unknown[]).length);
    case 'map':
      return BigInt((item as ReadonlyMap<unknown, unknown>).size);
    default:
      throw new Error(`len of type ${typeName(item)}`);
  }
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new Error('call of nil');
  if (typeof fn !== 'function')
    throw new Error(`non-function ${formatValue(fn)} of type ${typeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

// --- comparisons -------------------------------------------------------------------------------

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): BasicKind {
  const k = kindOf(v);
  return k === 'bool' || k === 'int' || k === 'float' || k === 'string' ? k : 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function structEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GoTime || b instanceof GoTime) {
    return a instanceof GoTime && b instanceof GoTime && a.ns === b.ns;
  }
  if (typeName(a) !== typeName(b)) return false;
  const fa = Object.entries(a as object);
  const fb = Object.entries(b as object);
  if (fa.length !== fb.length) return false;
  return fa.every(([k, va], i) => {
    const [kb, vb] = fb[i]!;
    if (k !== kb) return false;
    const kind = kindOf(va);
    if (kind === 'map' || kind === 'slice' || kind === 'func') {
      throw new Error(`comparing uncomparable type ${typeName(va)}`);
    }
    return kind === 'struct' ? structEqual(va, vb) : equalBasic(va, vb);
  });
}

function equalBasic(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  if (ka !== basicKind(b)) return false;
  if (ka === 'int') return intOf(a) === intOf(b);
  return a === b;
}

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    const k2 = basicKind(arg);
    let truth: boolean;
    if (k1 !== k2) {
      if (!isNil(arg1) && !isNil(arg)) throw new Error(errBadComparison);
      truth = false;
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'int':
          truth = intOf(arg1) === intOf(arg);
          break;
        default: {
          const c1 = kindOf(arg1);
          const c2 = kindOf(arg);
          if (c1 !== c2 && c1 !== 'invalid' && c2 !== 'invalid') {
            throw new Error(
              `non-comparable types ${formatValue(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`,
            );
          }
          if (isNil(arg1) || isNil(arg)) truth = isNil(arg1) === isNil(arg);
          else if (c2 === 'map' || c2 === 'slice' || c2 === 'func') {
            throw new Error(`non-comparable type ${formatValue(arg)}: ${typeName(arg)}`);
          } else truth = structEqual(arg1, arg);
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error(errBadComparisonType);
  if (k1 !== k2) throw new Error(errBadComparison);
  switch (k1) {
    case 'bool':
      throw new Error(errBadComparisonType);
    case 'int':
      return intOf(arg1) < intOf(arg2);
    case 'float':
      return (arg1 as number) < (arg2 as number);
    default:
      return compareBytewise(arg1 as string, arg2 as string) < 0;
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

// --- escaping helpers ---------------------------------------------------------------------------

/** text/template's evalArgs: one string passes through, anything else is Sprint-ed. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

const fixed = (n: number, fn: (args: unknown[]) => unknown, params?: ParamType[]): FuncSpec => ({
  fixed: n,
  variadic: false,
  params,
  call: fn,
});
const variadic = (n: number, fn: (args: unknown[]) => unknown, params?: ParamType[]): FuncSpec => ({
  fixed: n,
  variadic: true,
  params,
  call: fn,
});

/** The predefined functions (`and`/`or` are evaluated lazily by the executor). */
export const builtinFuncs: ReadonlyMap<string, FuncSpec> = new Map<string, FuncSpec>([
  ['and', variadic(1, (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1])],
  ['or', variadic(1, (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1])],
  ['not', fixed(1, ([v]) => !isTrue(v))],
  ['len', fixed(1, ([v]) => length(v))],
  ['index', variadic(1, ([item, ...rest]) => index(item, ...rest))],
  ['slice', variadic(1, ([item, ...rest]) => slice(item, ...rest))],
  ['call', variadic(1, ([fn, ...rest]) => call(fn, ...rest))],
  ['print', variadic(0, (a) => sprint(a))],
  ['printf', variadic(1, ([format, ...rest]) => sprintf(format as string, rest), ['string'])],
  ['println', variadic(0, (a) => sprintln(a))],
  ['eq', variadic(1, ([a, ...rest]) => eq(a, ...rest))],
  ['ne', fixed(2, ([a, b]) => !eq(a, b))],
  ['lt', fixed(2, ([a, b]) => lt(a, b))],
  ['le', fixed(2, ([a, b]) => le(a, b))],
  ['gt', fixed(2, ([a, b]) => !le(a, b))],
  ['ge', fixed(2, ([a, b]) => !lt(a, b))],
  ['html', variadic(0, (a) => htmlEscapeString(evalArgs(a)))],
  ['js', variadic(0, (a) => jsEscapeString(evalArgs(a)))],
  ['urlquery', variadic(0, (a) => urlQueryEscape(evalArgs(a)))],
]);
