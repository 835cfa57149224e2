// InfluxQL duration literals (`10s`, `1h30m`, `2w`), which TICKscript uses for duration tokens,
// `duration('5m')` and `string(duration)`. Unlike Go's time.ParseDuration they allow `d` and `w`
// and no fractions.

import { HOUR, MICROSECOND, MILLISECOND, MINUTE, SECOND } from '../common/duration.js';

const DAY = 24n * HOUR;
const WEEK = 7n * DAY;

const units: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['u', MICROSECOND],
  ['µ', MICROSECOND],
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
  ['d', DAY],
  ['w', WEEK],
]);

/** influxql.ParseDuration; throws `invalid duration` or the overflow error as InfluxQL does. */
export function parseInfluxDuration(s: string): bigint {
  const chars = Array.from(s);
  if (chars.length < 2) throw new Error('invalid duration');
  let i = 0;
  let negative = false;
  if (chars[0] === '-') {
    negative = true;
    i++;
  }
  let total = 0n;
  while (i < chars.length) {
    const start = i;
    while (i < chars.length && /[0-9]/.test(chars[i]!)) i++;
    if (i >= chars.length || i === start) throw new Error('invalid duration');
    const measure = BigInt(chars.slice(start, i).join(''));
    if (measure > 9_223_372_036_854_775_807n) throw new Error('invalid duration');
    let unit = chars[i]!;
    if ((unit === 'm' || unit === 'n') && chars[i + 1] === 's') unit += 's';
    const scale = units.get(unit);
    if (scale === undefined) throw new Error('invalid duration');
    // Go multiplies and adds in int64, wrapping silently; the sign check below catches most overflows.
    total = BigInt.asIntN(64, total + BigInt.asIntN(64, measure * scale));
    i += unit.length;
  }
  if (total < 0n && !negative) {
    throw new Error(`overflowed duration ${s}: choose a smaller duration or INF`);
  }
  return negative ? BigInt.asIntN(64, -total) : total;
}

/** influxql.FormatDuration: the largest unit that divides the duration exactly. */
export function formatInfluxDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const order: [bigint, string][] = [
    [WEEK, 'w'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
    [MILLISECOND, 'ms'],
    [MICROSECOND, 'u'],
  ];
  for (const [unit, name] of order) {
    if (d % unit === 0n) return `${d / unit}${name}`;
  }
  return `${d}ns`;
}
