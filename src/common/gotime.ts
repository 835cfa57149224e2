// Time as Go's time.Time sees it: int64 nanoseconds since the Unix epoch, UTC.
// JavaScript numbers lose precision past 2^53 ns (~104 days), so times are bigint.

const NS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400n;

/** A point in time, in nanoseconds since 1970-01-01T00:00:00Z. Encodes as RFC3339Nano in Go JSON. */
export class GoTime {
  constructor(readonly ns: bigint) {}

  static fromMillis(ms: number): GoTime {
    return new GoTime(BigInt(Math.trunc(ms)) * 1_000_000n);
  }

  static now(): GoTime {
    return new GoTime(nowNanos());
  }

  /** Go's zero time.Time, 0001-01-01T00:00:00Z. */
  static readonly zero = new GoTime(-62_135_596_800n * NS_PER_SECOND);

  isZero(): boolean {
    return this.ns === GoTime.zero.ns;
  }

  /** RFC3339 with the minimal number of fractional digits (Go's time.RFC3339Nano). */
  toRFC3339Nano(): string {
    const { date, clock, nanos } = civil(this.ns);
    return `${date}T${clock}${fraction(nanos, true)}Z`;
  }

  /** RFC3339 with exactly nine fractional digits. */
  toRFC3339Fixed9(): string {
    const { date, clock, nanos } = civil(this.ns);
    return `${date}T${clock}.${nanos.toString().padStart(9, '0')}Z`;
  }

  /** Go's Time.String(): `1971-01-01 00:00:10 +0000 UTC`. */
  toGoString(): string {
    const { date, clock, nanos } = civil(this.ns);
    return `${date} ${clock}${fraction(nanos, true)} +0000 UTC`;
  }

  unixSeconds(): bigint {
    return floorDiv(this.ns, NS_PER_SECOND);
  }
}

let lastHr = 0n;
let lastWall = 0n;
/** Wall-clock now in nanoseconds (millisecond wall time refined with the monotonic clock). */
export function nowNanos(): bigint {
  const hr = process.hrtime.bigint();
  if (lastHr === 0n || hr - lastHr > 1_000_000_000n) {
    lastHr = hr;
    lastWall = BigInt(Date.now()) * 1_000_000n;
    return lastWall;
  }
  return lastWall + (hr - lastHr);
}

function fraction(nanos: bigint, trim: boolean): string {
  if (nanos === 0n) return '';
  let s = nanos.toString().padStart(9, '0');
  if (trim) s = s.replace(/0+$/, '');
  return `.${s}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function pad(n: bigint | number, width: number): string {
  return n.toString().padStart(width, '0');
}

// The last second formatted: an event writes its time more than once (the alert's time, its
// point's time), and the events of a burst share their second.
let lastSecond = -1n;
let lastDate = '';
let lastClock = '';

function civil(ns: bigint): { date: string; clock: string; nanos: bigint } {
  if (ns >= 0n) {
    // 1970 .. 2262 (every non-negative int64): Date's ISO text, two bigint operations.
    const secs = ns / NS_PER_SECOND;
    if (secs !== lastSecond) {
      const iso = new Date(Number(secs) * 1000).toISOString(); // 2026-01-01T00:00:00.000Z
      lastDate = iso.slice(0, 10);
      lastClock = iso.slice(11, 19);
      lastSecond = secs;
    }
    return { date: lastDate, clock: lastClock, nanos: ns - secs * NS_PER_SECOND };
  }
  const secs = floorDiv(ns, NS_PER_SECOND);
  const nanos = ns - secs * NS_PER_SECOND;
  const days = floorDiv(secs, SECONDS_PER_DAY);
  const sod = secs - days * SECONDS_PER_DAY;
  const { y, m, d } = civilFromDays(days);
  const hh = sod / 3600n;
  const mm = (sod % 3600n) / 60n;
  const ss = sod % 60n;
  const year = y < 0n ? `-${pad(-y, 4)}` : pad(y, 4);
  return {
    date: `${year}-${pad(m, 2)}-${pad(d, 2)}`,
    clock: `${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`,
    nanos,
  };
}

// Howard Hinnant's days-from-civil algorithms, on bigint so any int64 time works.
function civilFromDays(z0: bigint): { y: bigint; m: bigint; d: bigint } {
  const z = z0 + 719_468n;
  const era = floorDiv(z, 146_097n);
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const y = yoe + era * 400n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  return { y: m <= 2n ? y + 1n : y, m, d };
}

export function daysFromCivil(y0: bigint, m: bigint, d: bigint): bigint {
  const y = m <= 2n ? y0 - 1n : y0;
  const era = floorDiv(y, 400n);
  const yoe = y - era * 400n;
  const doy = (153n * (m > 2n ? m - 3n : m + 9n) + 2n) / 5n + d - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

/** Parse an RFC3339 / RFC3339Nano UTC or offset timestamp into a GoTime. */
export function parseRFC3339(s: string): GoTime | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(
      s,
    );
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, frac, z, sign, oh, om] = m;
  const days = daysFromCivil(BigInt(y!), BigInt(mo!), BigInt(d!));
  let secs = days * SECONDS_PER_DAY + BigInt(hh!) * 3600n + BigInt(mi!) * 60n + BigInt(ss!);
  if (!z) {
    const off = BigInt(oh!) * 3600n + BigInt(om!) * 60n;
    secs = sign === '+' ? secs - off : secs + off;
  }
  const nanos = frac ? BigInt(frac.padEnd(9, '0')) : 0n;
  return new GoTime(secs * NS_PER_SECOND + nanos);
}
