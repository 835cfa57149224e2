// Kapacitor's flap detection (alert-node.md §8), reproduced with its quirks: the loop starts
// at the newest slot, so the newest transition gets the smallest weight, one term compares
// the newest entry with the oldest, and the transition into the second-newest entry is
// never counted.

import type { Level } from '../../alert/level.js';

/** maxWeight / weightDiff = 1.2 / 1.5, folded exactly by the Go compiler. */
const INITIAL_WEIGHT = 0.8;
const MAX_WEIGHT = 1.2;

/** Weighted share of level changes in the ring buffer; `newest` is the newest slot. */
export function percentChange(history: readonly Level[], newest: number): number {
  const n = history.length;
  let changes = 0;
  let weight = INITIAL_WEIGHT;
  const step = (MAX_WEIGHT - weight) / (n - 1);
  for (let i = 0; i < n - 1; i++) {
    const c = (i + newest) % n;
    const p = c === 0 ? n - 1 : c - 1;
    if (history[c] !== history[p]) changes += weight;
    weight += step;
  }
  return changes / (n - 1);
}

/** Hysteresis: start flapping above `high`, stop below `low`. */
export function nextFlapping(flapping: boolean, pc: number, low: number, high: number): boolean {
  if (flapping && pc < low) return false;
  if (!flapping && pc > high) return true;
  return flapping;
}
