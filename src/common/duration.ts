// Durations as Go prints and parses them (time.Duration), plus InfluxQL duration literals.
// Values are nanoseconds; config and option durations fit a JS number exactly up to ~104 days,
// event durations (which saturate at max int64) are bigint.

export const NANOSECOND = 1n;
export const MICROSECOND = 1_000n;
export const MILLISECOND = 1_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;
export const MAX_INT64 = 9_223_372_036_854_775_807n;
export const MIN_INT64 = -9_223_372_036_854_775_808n;

/** Go's time.Duration.String(): `0s`, `1.5s`, `2m3s`, `1h0m0s`, `500ms`, `1µs`, `2ns`. */
export function formatGoDuration(d: bigint | number): string {
  let u = typeof d === 'bigint' ? d : BigInt(Math.trunc(d));
  if (u === 0n) return '0s';
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < SECOND) {
    let unit: string;
    let prec: number;
    if (u < MICROSECOND) return (neg ? '-' : '') + `${u}ns`;
    else if (u < MILLISECOND) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    out = fmtFrac(u, prec) + unit;
  } else {
    const h = u / HOUR;
    const m = (u % HOUR) / MINUTE;
    const s = fmtFrac(u % MINUTE, 9) + 's';
    out = h > 0n ? `${h}h${m}m${s}` : m > 0n ? `${m}m${s}` : s;
  }
  return (neg ? '-' : '') + out;
}

// v / 10^prec with trailing fractional zeros trimmed.
function fmtFrac(v: bigint, prec: number): string {
  const div = 10n ** BigInt(prec);
  const whole = v / div;
  const frac = (v % div).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

const goUnits: Record<string, bigint> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  µs: MICROSECOND,
  μs: MICROSECOND,
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** Go's time.ParseDuration (`1h30m`, `1.5s`, `-300ms`). Throws on bad input. */
export function parseGoDuration(input: string): bigint {
  const s0 = input;
  let s = input;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration "${s0}"`);
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?([a-zµμ]*)/.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) {
      throw new Error(`time: invalid duration "${s0}"`);
    }
    if (m[3] === '') throw new Error(`time: missing unit in duration "${s0}"`);
    const unitName = m[3]!;
    const unit = goUnits[unitName];
    if (unit === undefined) throw new Error(`time: unknown unit "${unitName}" in duration "${s0}"`);
    const whole = BigInt(m[1] || '0');
    let v = whole * unit;
    if (m[2]) {
      const scale = 10n ** BigInt(m[2].length);
      v += (BigInt(m[2]) * unit) / scale;
    }
    total += v;
    if (total > MAX_INT64) throw new Error(`time: invalid duration "${s0}"`);
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}

/** Parse a Go duration string into a number of nanoseconds (for config values). */
export function parseGoDurationNumber(input: string): number {
  return Number(parseGoDuration(input));
}

/** A time.Duration value inside template data and lambda values (prints as Go does). */
export class GoDuration {
  constructor(readonly ns: bigint) {}
  toString(): string {
    return formatGoDuration(this.ns);
  }
}
