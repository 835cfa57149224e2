// Presence, conditionals, formatting and time built-ins.

import { GoTime } from '../../../common/gotime.js';
import type { ValueType } from '../values.js';
import { MISSING } from '../values.js';
import { sig, stateless, type FunctionTable, type LambdaFunction } from './types.js';

/** go-humanize v1.0.1 Bytes(): SI units, one decimal below 10. */
export function humanBytes(n: bigint): string {
  if (n < 10n) return `${n} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const value = Number(n);
  const e = Math.floor(Math.log(value) / Math.log(1000));
  const scaled = Math.floor((value / 1000 ** e) * 10 + 0.5) / 10;
  return `${scaled.toFixed(scaled < 10 ? 1 : 0)} ${sizes[e]}`;
}

// uint64(x) conversion of the argument, as Go (amd64) does before humanizing.
function toUint64(v: bigint | number): bigint {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v);
  if (Number.isNaN(v)) return 0n;
  if (!Number.isFinite(v)) return 1n << 63n;
  return BigInt.asUintN(64, BigInt(Math.trunc(v)));
}

// Time parts are taken in the server's local time zone, as Kapacitor does.
function localDate(t: GoTime): Date {
  const q = t.ns / 1_000_000n;
  const floorMs = t.ns < 0n && q * 1_000_000n !== t.ns ? q - 1n : q;
  return new Date(Number(floorMs));
}

const timePart = (f: (d: Date, t: GoTime) => bigint): LambdaFunction =>
  stateless([sig(['time'], 'int')], (a) => {
    const t = a[0] as GoTime;
    return f(localDate(t), t);
  });

const ifTypes: ValueType[] = ['float', 'int', 'string', 'bool', 'regex', 'time', 'duration'];

export const miscFunctions: FunctionTable = {
  isPresent: stateless([sig(['any'], 'bool')], (a) => a[0] !== MISSING),
  // Both branches are evaluated before the call; the signature forces them to one type.
  if: stateless(
    ifTypes.map((t) => sig(['bool', t, t], t)),
    (a) => (a[0] ? a[1]! : a[2]!),
  ),
  humanBytes: stateless([sig(['int'], 'string'), sig(['float'], 'string')], (a) =>
    humanBytes(toUint64(a[0] as bigint | number)),
  ),
  unixNano: timePart((_d, t) => t.ns),
  minute: timePart((d) => BigInt(d.getMinutes())),
  hour: timePart((d) => BigInt(d.getHours())),
  weekday: timePart((d) => BigInt(d.getDay())),
  day: timePart((d) => BigInt(d.getDate())),
  month: timePart((d) => BigInt(d.getMonth() + 1)),
  year: timePart((d) => BigInt(d.getFullYear())),
  now: stateless([sig([], 'time')], () => GoTime.now()),
};
