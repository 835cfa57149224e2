// Type conversion built-ins: bool(), int(), float(), string(), duration().

import { GoDuration } from '../../../common/duration.js';
import { formatInfluxDuration, parseInfluxDuration } from '../../influxql-duration.js';
import { formatFloatPlain, formatFloatV, goQuote } from '../go-format.js';
import { floatToInt64, int64, type Value } from '../values.js';
import { sig, stateless, type FunctionTable } from './types.js';

const MAX_INT64 = 9_223_372_036_854_775_807n;
const MIN_INT64 = -9_223_372_036_854_775_808n;

/** strconv.ParseBool */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

/** strconv.ParseInt(s, 10, 64) */
export function parseGoInt(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s))
    throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v > MAX_INT64 || v < MIN_INT64) {
    throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  }
  return v;
}

/** strconv.ParseFloat(s, 64) for decimal, inf and nan spellings. */
export function parseGoFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  const v = Number(s);
  if (!Number.isFinite(v))
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`);
  return v;
}

function toBool(v: Value): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return parseGoBool(v);
  if (typeof v === 'bigint' || typeof v === 'number') {
    if (v == 0) return false;
    if (v == 1) return true;
    const shown = typeof v === 'number' ? formatFloatV(v) : v.toString();
    throw new Error(`cannot convert ${shown} to boolean`);
  }
  throw new Error('cannot convert value to boolean');
}

function toInt(v: Value): Value {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return floatToInt64(v);
  if (typeof v === 'string') return parseGoInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new Error('cannot convert value to integer');
}

function toFloat(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return parseGoFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Error('cannot convert value to float');
}

function toStr(v: Value): Value {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloatPlain(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoDuration) return formatInfluxDuration(v.ns);
  throw new Error('cannot convert value to string');
}

function toDuration(args: readonly Value[]): Value {
  const [v, unit] = args;
  if (v instanceof GoDuration) return v;
  const unitNs = unit instanceof GoDuration ? unit.ns : 0n;
  if (typeof v === 'bigint') return new GoDuration(int64(v * unitNs));
  if (typeof v === 'number') return new GoDuration(floatToInt64(v * Number(unitNs)));
  if (typeof v === 'string') {
    try {
      return new GoDuration(parseInfluxDuration(v));
    } catch {
      throw new Error(`invalid duration string ${goQuote(v)}`);
    }
  }
  throw new Error('cannot convert value to duration');
}

const scalars = ['bool', 'string', 'int', 'float'] as const;

export const conversionFunctions: FunctionTable = {
  bool: stateless(
    scalars.map((t) => sig([t], 'bool')),
    (a) => toBool(a[0]!),
  ),
  int: stateless(
    scalars.map((t) => sig([t], 'int')),
    (a) => toInt(a[0]!),
  ),
  float: stateless(
    scalars.map((t) => sig([t], 'float')),
    (a) => toFloat(a[0]!),
  ),
  string: stateless(
    [...scalars, 'duration' as const].map((t) => sig([t], 'string')),
    (a) => toStr(a[0]!),
  ),
  duration: stateless(
    [
      sig(['duration'], 'duration'),
      sig(['int', 'duration'], 'duration'),
      sig(['float', 'duration'], 'duration'),
      sig(['string', 'duration'], 'duration'),
    ],
    toDuration,
  ),
};
