// Reading the conformance vectors (copied from Kapacitor's tests into test/fixtures) and
// turning their events into AlertEvents.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeEvent, type AlertEvent, type Row, type RowValue } from '../../src/alert/event.js';
import type { Level } from '../../src/alert/level.js';
import { parseLevel } from '../../src/alert/level.js';
import { GoTime, parseRFC3339 } from '../../src/common/gotime.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance');

export interface VectorCase {
  name: string;
  via: string;
  options?: Record<string, unknown>;
  config?: Record<string, unknown>;
  event?: VectorEvent;
  expect?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface VectorEvent {
  topic: string;
  id: string;
  message: string;
  details: string;
  time: string;
  duration: number | string;
  level: string;
  previousLevel?: string;
  recoverable: boolean;
  name?: string;
  taskName?: string;
  group?: string;
  tags?: Record<string, string>;
  fields?: Record<string, number | string | boolean>;
  data: { series: VectorRow[] | null };
}

interface VectorRow {
  name?: string;
  tags?: Record<string, string>;
  columns?: string[];
  values?: unknown[][];
}

export function handlerVectors(kind: string): { cases: VectorCase[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, 'handlers', `${kind}.json`), 'utf8'));
}

export function time(s: string): bigint {
  const t = parseRFC3339(s);
  if (!t) throw new Error(`bad time in vector: ${s}`);
  return t.ns;
}

export function level(s: string): Level {
  const l = parseLevel(s);
  if (l === undefined) throw new Error(`bad level in vector: ${s}`);
  return l;
}

export function rowFromVector(row: VectorRow): Row {
  const columns = row.columns ?? [];
  return {
    ...(row.name !== undefined ? { name: row.name } : {}),
    ...(row.tags !== undefined ? { tags: row.tags } : {}),
    columns,
    values: (row.values ?? []).map((vals) =>
      vals.map((v, i): RowValue =>
        columns[i] === 'time' && typeof v === 'string' ? new GoTime(time(v)) : (v as RowValue),
      ),
    ),
  };
}

/** An event as a topic receives it (previousLevel is the topic's business). */
export function eventFromVector(e: VectorEvent, topic = e.topic): AlertEvent {
  return makeEvent({
    topic,
    state: {
      id: e.id,
      message: e.message,
      details: e.details,
      time: time(e.time),
      duration: BigInt(e.duration),
      level: level(e.level),
    },
    data: {
      name: e.name ?? '',
      taskName: e.taskName ?? '',
      group: e.group ?? '',
      tags: e.tags ?? {},
      fields: e.fields ?? {},
      recoverable: e.recoverable,
      result: { series: e.data.series === null ? null : e.data.series.map(rowFromVector) },
    },
  });
}

/** Replace ${server}, ${tcpaddr}, ... throughout a JSON value. */
export function substitute<T>(value: T, vars: Record<string, string>): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\$\{(\w+)\}/g, (m, name: string) =>
      name in vars ? JSON.stringify(vars[name]).slice(1, -1) : m,
    ),
  ) as T;
}
