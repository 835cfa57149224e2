// Field values as InfluxQL reducers see them: one value kind per node, fixed by the first
// value seen (Kapacitor picks the reducer from the first point's field type).

import type { FieldValue, Fields, Tags } from '../../../alert/event.js';

export type ValueKind = 'float' | 'int' | 'string' | 'bool';

/** One point's contribution to a reduction. */
export interface Entry {
  value: FieldValue;
  time: bigint;
  fields: Fields;
  tags: Tags;
}

export function kindOf(v: FieldValue): ValueKind {
  switch (typeof v) {
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    default:
      return 'bool';
  }
}

export const goKindName: Record<ValueKind, string> = {
  float: 'float64',
  int: 'int64',
  string: 'string',
  bool: 'bool',
};

/** a < b for two values of the same kind (false < true for bools). */
export function less(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) < Number(b);
  return a < b;
}

/** Sort order: by value, then time. */
export function byValueThenTime(a: Entry, b: Entry): number {
  if (less(a.value, b.value)) return -1;
  if (less(b.value, a.value)) return 1;
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

export function toFloat(v: FieldValue): number {
  return Number(v);
}

export function add(a: FieldValue, b: FieldValue): FieldValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') return BigInt.asIntN(64, a + b);
  return Number(a) + Number(b);
}

export function subtract(a: FieldValue, b: FieldValue): FieldValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') return BigInt.asIntN(64, a - b);
  return Number(a) - Number(b);
}

export function zero(kind: ValueKind): FieldValue {
  return kind === 'int' ? 0n : 0;
}
