// Reading the conformance vectors (copied from Kapacitor's tests into test/fixtures).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance');

export interface VectorCase {
  name: string;
  via: string;
  options?: Record<string, unknown>;
  config?: Record<string, unknown>;
  expect?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export function handlerVectors(kind: string): { cases: VectorCase[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, 'handlers', `${kind}.json`), 'utf8'));
}

/** Replace ${server}, ${tcpaddr}, ... throughout a JSON value. */
export function substitute<T>(value: T, vars: Record<string, string>): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\$\{(\w+)\}/g, (m, name: string) =>
      name in vars ? JSON.stringify(vars[name]).slice(1, -1) : m,
    ),
  ) as T;
}
