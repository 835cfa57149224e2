// Medians and spreads of repeated bench measurements (a shared machine is noisy: every
// figure is a median of interleaved rounds, shown with its range).

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `min–max` of the values, each formatted by `format`. */
export function spread(values: readonly number[], format: (v: number) => string): string {
  if (values.length === 0) return '-';
  return `${format(Math.min(...values))}–${format(Math.max(...values))}`;
}

/** Each round's ratio (candidate over baseline of the same round), then their median. */
export function roundRatios(candidate: readonly number[], baseline: readonly number[]): number[] {
  return candidate.map((c, i) => c / (baseline[i] ?? NaN));
}
