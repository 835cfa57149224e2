// Encoding and decoding of column values shared by the repositories: JSON text columns
// validated with a schema on read, int64 columns read as bigint, small integer enums.

import type { z } from 'zod';
import { StoreCorruptionError, StoreValueError } from './errors.js';

/** Identifies one row in error messages: the table and its primary key as `k="v", ...`. */
export interface RowRef {
  table: string;
  key: string;
}

export function rowRef(table: string, key: Record<string, string>): RowRef {
  const parts = Object.entries(key).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return { table, key: parts.join(', ') };
}

export function encodeJson(ref: RowRef, column: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    // e.g. a bigint or a cycle: fail the write instead of storing something unreadable.
    throw new StoreValueError(ref.table, ref.key, column, 'is not JSON-serializable', err);
  }
  if (text === undefined) {
    throw new StoreValueError(ref.table, ref.key, column, 'is not JSON-serializable');
  }
  return text;
}

export function decodeJson<S extends z.ZodType>(
  ref: RowRef,
  column: string,
  text: string,
  schema: S,
): z.output<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StoreCorruptionError(ref.table, ref.key, column, 'invalid JSON', err);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    const reason = `unexpected JSON shape${where}: ${issue?.message ?? 'invalid'}`;
    throw new StoreCorruptionError(ref.table, ref.key, column, reason, result.error);
  }
  return result.data;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isInt64(value: unknown): value is bigint {
  return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX;
}

export function isLevel(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3;
}

/** SQLite INTEGER is a signed 64-bit value; refuse anything that would not round-trip. */
export function assertInt64(ref: RowRef, column: string, value: bigint): bigint {
  if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) {
    throw new StoreValueError(ref.table, ref.key, column, `must be a bigint in the int64 range`);
  }
  return value;
}

/** Alert levels OK(0)..CRITICAL(3), the same range as the tables' CHECK constraints. */
export function assertLevel(ref: RowRef, column: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 3) {
    throw new StoreValueError(ref.table, ref.key, column, `must be an integer 0..3, got ${value}`);
  }
  return value;
}

/** Reads a level column (CHECK-constrained to 0..3) returned as bigint by safeIntegers. */
export function decodeLevel(ref: RowRef, column: string, value: bigint): number {
  if (value < 0n || value > 3n) {
    throw new StoreCorruptionError(ref.table, ref.key, column, `level ${value} is not 0..3`);
  }
  return Number(value);
}
