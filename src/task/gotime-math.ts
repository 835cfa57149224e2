// Go's time.Truncate / time.Round. Both work relative to Go's zero time 0001-01-01T00:00:00Z,
// not the Unix epoch, which matters for durations that do not divide a day (7s, 1w, ...).

import { GoTime } from '../common/gotime.js';

const ZERO = GoTime.zero.ns;

function modFromZero(t: bigint, d: bigint): bigint {
  const r = (t - ZERO) % d;
  return r < 0n ? r + d : r;
}

/** t rounded down to a multiple of d since the zero time; d <= 0 returns t unchanged. */
export function goTruncate(t: bigint, d: bigint): bigint {
  if (d <= 0n) return t;
  return t - modFromZero(t, d);
}

/** t rounded to the nearest multiple of d since the zero time, halfway values up. */
export function goRound(t: bigint, d: bigint): bigint {
  if (d <= 0n) return t;
  const r = modFromZero(t, d);
  return r + r < d ? t - r : t + (d - r);
}
