// Go methods of time.Time and time.Duration that templates may call
// (`{{ .Time.Unix }}`, `{{ .Time.Format "15:04" }}`, `{{ .Duration.Seconds }}`).
// Times are UTC: Local and In are not offered, UTC returns the time itself.

import { formatGoDuration, GoDuration } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import { civil, formatGoTime, monthName, weekdayName } from './timefmt.js';
import { GoNamedInt, registerTemplateMethods, type TemplateMethod } from './values.js';

const NS_PER_SECOND = 1_000_000_000n;
/** Go's zero Time (January 1, year 1) in ns since the Unix epoch; Truncate/Round count from it. */
const ZERO_TIME_NS = -62_135_596_800n * NS_PER_SECOND;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function durationNs(v: unknown): bigint {
  return v instanceof GoDuration ? v.ns : (v as bigint);
}

const niladic = <R>(fn: (r: R) => unknown): TemplateMethod<R> => ({
  params: [],
  call: (r) => fn(r),
});

function truncateTime(t: GoTime, d: bigint): GoTime {
  if (d <= 0n) return t;
  const since = t.ns - ZERO_TIME_NS;
  return new GoTime(t.ns - (since - floorDiv(since, d) * d));
}

function roundTime(t: GoTime, d: bigint): GoTime {
  if (d <= 0n) return t;
  const since = t.ns - ZERO_TIME_NS;
  const r = since - floorDiv(since, d) * d;
  return new GoTime(r + r < d ? t.ns - r : t.ns + (d - r));
}

registerTemplateMethods(GoTime, {
  typeName: 'time.Time',
  methods: {
    String: niladic((t) => t.toGoString()),
    Format: { params: ['string'], call: (t, [layout]) => formatGoTime(t.ns, layout as string) },
    Unix: niladic((t) => floorDiv(t.ns, NS_PER_SECOND)),
    UnixMilli: niladic((t) => floorDiv(t.ns, 1_000_000n)),
    UnixMicro: niladic((t) => floorDiv(t.ns, 1_000n)),
    UnixNano: niladic((t) => t.ns),
    UTC: niladic((t) => t),
    Year: niladic((t) => BigInt(civil(t.ns).year)),
    Month: niladic((t) => {
      const m = civil(t.ns).month;
      return new GoNamedInt(BigInt(m), 'time.Month', monthName(m));
    }),
    Day: niladic((t) => BigInt(civil(t.ns).day)),
    Hour: niladic((t) => BigInt(civil(t.ns).hour)),
    Minute: niladic((t) => BigInt(civil(t.ns).minute)),
    Second: niladic((t) => BigInt(civil(t.ns).second)),
    Nanosecond: niladic((t) => BigInt(civil(t.ns).nanosecond)),
    YearDay: niladic((t) => BigInt(civil(t.ns).yearDay)),
    Weekday: niladic((t) => {
      const d = civil(t.ns).weekday;
      return new GoNamedInt(BigInt(d), 'time.Weekday', weekdayName(d));
    }),
    IsZero: niladic((t) => t.isZero()),
    Add: { params: ['duration'], call: (t, [d]) => new GoTime(t.ns + durationNs(d)) },
    Sub: { params: ['time'], call: (t, [u]) => new GoDuration(t.ns - (u as GoTime).ns) },
    Before: { params: ['time'], call: (t, [u]) => t.ns < (u as GoTime).ns },
    After: { params: ['time'], call: (t, [u]) => t.ns > (u as GoTime).ns },
    Equal: { params: ['time'], call: (t, [u]) => t.ns === (u as GoTime).ns },
    Truncate: { params: ['duration'], call: (t, [d]) => truncateTime(t, durationNs(d)) },
    Round: { params: ['duration'], call: (t, [d]) => roundTime(t, durationNs(d)) },
  },
});

function durationRound(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : d - m + r;
  }
  return r + r < m ? d - r : d + m - r;
}

registerTemplateMethods(GoDuration, {
  typeName: 'time.Duration',
  methods: {
    String: niladic((d) => formatGoDuration(d.ns)),
    Nanoseconds: niladic((d) => d.ns),
    Microseconds: niladic((d) => d.ns / 1_000n),
    Milliseconds: niladic((d) => d.ns / 1_000_000n),
    // Go splits into whole and fractional parts to keep float64 precision.
    Seconds: niladic((d) => Number(d.ns / NS_PER_SECOND) + Number(d.ns % NS_PER_SECOND) / 1e9),
    Minutes: niladic(
      (d) => Number(d.ns / (60n * NS_PER_SECOND)) + Number(d.ns % (60n * NS_PER_SECOND)) / 60e9,
    ),
    Hours: niladic(
      (d) =>
        Number(d.ns / (3600n * NS_PER_SECOND)) + Number(d.ns % (3600n * NS_PER_SECOND)) / 3600e9,
    ),
    Abs: niladic((d) => new GoDuration(d.ns < 0n ? -d.ns : d.ns)),
    Truncate: {
      params: ['duration'],
      call: (d, [m]) => {
        const n = durationNs(m);
        return new GoDuration(n <= 0n ? d.ns : d.ns - (d.ns % n));
      },
    },
    Round: {
      params: ['duration'],
      call: (d, [m]) => new GoDuration(durationRound(d.ns, durationNs(m))),
    },
  },
});

registerTemplateMethods(GoNamedInt, {
  typeName: 'int',
  methods: { String: niladic((v) => v.text) },
});
