// Runtime values of lambda expressions. Each TICKscript type maps to one JS representation so a
// value's type is found with `typeof`/`instanceof`, without wrapper objects on the hot path:
//   int → bigint (int64, wrapped with BigInt.asIntN)   float → number   string → string
//   bool → boolean   duration → GoDuration   time → GoTime   regex → GoRegexp   missing → MISSING

import { GoDuration } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import { GoRegexp } from '../regex.js';

/** The value of a reference to a field or tag the point does not have. */
export class Missing {
  toString(): string {
    return 'missing';
  }
}
export const MISSING = new Missing();

export type Value = bigint | number | string | boolean | GoDuration | GoTime | GoRegexp | Missing;

export type ValueType =
  'int' | 'float' | 'string' | 'bool' | 'duration' | 'regex' | 'time' | 'missing';

export function typeOf(v: Value): ValueType {
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
  if (v instanceof GoDuration) return 'duration';
  if (v instanceof GoTime) return 'time';
  if (v instanceof GoRegexp) return 'regex';
  return 'missing';
}

/** Go int64 arithmetic wraps. */
export function int64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

const MIN_INT64 = -9_223_372_036_854_775_808n;

/** Go's int64(f) conversion (truncation; NaN/out of range give MinInt64 as on amd64). */
export function floatToInt64(f: number): bigint {
  // 2^63 is exactly representable; every float below it and >= -2^63 fits in an int64.
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) {
    return MIN_INT64;
  }
  return BigInt(Math.trunc(f));
}
