// InfluxQL reductions over the points of one batch (or one timestamp of a stream), with
// InfluxDB 1.x semantics: aggregates give one value, selectors pick one point, and
// distinct/top/bottom give several points.

import type { FieldValue } from '../../../alert/event.js';
import type { InfluxQLMethod, InfluxQLProps } from '../../../pipeline/model.js';
import {
  add,
  byValueThenTime,
  less,
  subtract,
  toFloat,
  zero,
  type Entry,
  type ValueKind,
} from './values.js';

export type Reduction =
  | { kind: 'value'; value: FieldValue }
  | { kind: 'selected'; entry: Entry }
  | { kind: 'points'; entries: Entry[] };

export type AggregateMethod = Exclude<
  InfluxQLMethod,
  'difference' | 'cumulativeSum' | 'movingAverage' | 'elapsed'
>;

/** Value kinds each method accepts (anything else is an error for that point). */
export function acceptsKind(method: InfluxQLMethod, kind: ValueKind): boolean {
  switch (method) {
    case 'count':
    case 'first':
    case 'last':
    case 'distinct':
    case 'mode':
    case 'elapsed':
      return true;
    default:
      return kind === 'float' || kind === 'int';
  }
}

type Better = (cur: Entry, sel: Entry) => boolean;

// InfluxDB's selector tie-breaks.
const selectors: Record<'first' | 'last' | 'min' | 'max', Better> = {
  first: (c, s) => c.time < s.time || (c.time === s.time && less(s.value, c.value)),
  last: (c, s) => c.time > s.time || (c.time === s.time && less(s.value, c.value)),
  min: (c, s) => less(c.value, s.value) || (c.value === s.value && c.time < s.time),
  max: (c, s) => less(s.value, c.value) || (c.value === s.value && c.time < s.time),
};

function select(entries: Entry[], better: Better): Entry {
  let sel = entries[0]!;
  for (let i = 1; i < entries.length; i++) if (better(entries[i]!, sel)) sel = entries[i]!;
  return sel;
}

function sum(entries: Entry[], kind: ValueKind): FieldValue {
  let s = zero(kind);
  for (const e of entries) s = add(s, e.value);
  return s;
}

function mean(entries: Entry[]): number {
  let s = 0;
  for (const e of entries) s += toFloat(e.value);
  return s / entries.length;
}

function median(entries: Entry[]): number {
  const v = entries.map((e) => toFloat(e.value)).sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Most frequent value; ties go to the smallest value. */
function mode(entries: Entry[]): FieldValue {
  const sorted = [...entries].sort(byValueThenTime);
  let best = sorted[0]!.value;
  let bestCount = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.value === sorted[i]!.value) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i]!.value;
    }
    i = j;
  }
  return best;
}

function spread(entries: Entry[]): FieldValue {
  let min = entries[0]!.value;
  let max = min;
  for (const e of entries) {
    if (less(e.value, min)) min = e.value;
    if (less(max, e.value)) max = e.value;
  }
  return subtract(max, min);
}

/** Sample standard deviation; NaN with fewer than two points (as InfluxDB). */
function stddev(entries: Entry[]): number {
  if (entries.length < 2) return NaN;
  const m = mean(entries);
  let ss = 0;
  for (const e of entries) ss += (toFloat(e.value) - m) ** 2;
  return Math.sqrt(ss / (entries.length - 1));
}

/** Nearest rank on sorted values; undefined when the rank falls outside. */
function percentile(entries: Entry[], p: number): Entry | undefined {
  const sorted = [...entries].sort(byValueThenTime);
  const i = Math.floor((sorted.length * p) / 100 + 0.5) - 1;
  return i < 0 || i >= sorted.length ? undefined : sorted[i];
}

/** One entry per distinct value (its first occurrence), ordered by time then value. */
function distinct(entries: Entry[]): Entry[] {
  const seen = new Map<FieldValue, Entry>();
  for (const e of entries) if (!seen.has(e.value)) seen.set(e.value, e);
  return [...seen.values()].sort((a, b) =>
    a.time !== b.time ? (a.time < b.time ? -1 : 1) : byValueThenTime(a, b),
  );
}

/** The n largest (top) or smallest (bottom) values, best first; ties prefer earlier points. */
function topBottom(entries: Entry[], n: number, top: boolean): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (a.value !== b.value) return less(a.value, b.value) === top ? 1 : -1;
    return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
  });
  return sorted.slice(0, Math.max(0, n));
}

/**
 * Reduce a non-empty list of entries. `kind` is the node's value kind. Returns undefined
 * when the method yields nothing (e.g. a percentile rank outside the data).
 */
export function reduce(
  method: AggregateMethod,
  entries: Entry[],
  kind: ValueKind,
  props: InfluxQLProps,
): Reduction | undefined {
  switch (method) {
    case 'count':
      return { kind: 'value', value: BigInt(entries.length) };
    case 'sum':
      return { kind: 'value', value: sum(entries, kind) };
    case 'mean':
      return { kind: 'value', value: mean(entries) };
    case 'median':
      return { kind: 'value', value: median(entries) };
    case 'mode':
      return { kind: 'value', value: mode(entries) };
    case 'spread':
      return { kind: 'value', value: spread(entries) };
    case 'stddev':
      return { kind: 'value', value: stddev(entries) };
    case 'first':
    case 'last':
    case 'min':
    case 'max':
      return { kind: 'selected', entry: select(entries, selectors[method]) };
    case 'percentile': {
      const e = percentile(entries, props.n ?? 0);
      return e === undefined ? undefined : { kind: 'selected', entry: e };
    }
    case 'distinct':
      return { kind: 'points', entries: distinct(entries) };
    case 'top':
    case 'bottom':
      return { kind: 'points', entries: topBottom(entries, props.n ?? 0, method === 'top') };
  }
}

/** What an empty batch reduces to: only count and sum produce a value. */
export function reduceEmpty(method: AggregateMethod, kind: ValueKind): Reduction | undefined {
  if (method === 'count') return { kind: 'value', value: 0n };
  if (method === 'sum') return { kind: 'value', value: zero(kind) };
  return undefined;
}
