// Write precision (`?precision=`) and the time range InfluxDB's parser accepts
// (models/time.go). Times are int64 nanoseconds held as bigint.

/** The lowest accepted time: math.MinInt64 + 2 (the two lowest values are sentinels). */
export const MIN_NANO_TIME = -9_223_372_036_854_775_806n;
/** The highest accepted time: math.MaxInt64 - 1. */
export const MAX_NANO_TIME = 9_223_372_036_854_775_806n;

export const INT64_MIN = -9_223_372_036_854_775_808n;
export const INT64_MAX = 9_223_372_036_854_775_807n;

/** Kapacitor's (InfluxDB 1.9's ErrTimeOutOfRange) text for a timestamp outside the range. */
export const timeOutOfRangeReason = `time outside range ${MIN_NANO_TIME} - ${MAX_NANO_TIME}`;

const unitNanos: Readonly<Record<string, bigint>> = {
  u: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Nanoseconds per timestamp unit; `n`, empty and anything unrecognised mean nanoseconds. */
export function precisionUnitNanos(precision: string): bigint {
  return Object.hasOwn(unitNanos, precision) ? unitNanos[precision]! : 1n;
}

/**
 * The default time of timestamp-less points: `now` truncated to the precision unit (Go's
 * SetPrecision; the zero time is aligned with the epoch for every unit, so this is a floor).
 */
export function truncateToPrecision(nowNs: bigint, precision: string): bigint {
  const unit = precisionUnitNanos(precision);
  if (unit === 1n) return nowNs;
  const rem = nowNs % unit;
  return rem < 0n ? nowNs - rem - unit : nowNs - rem;
}
