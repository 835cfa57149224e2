// Reading the conformance vectors (copied from Kapacitor's tests into test/fixtures).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeEvent, type AlertEvent, type RowValue } from '../../src/alert/event.js';
import { parseLevel, type Level } from '../../src/alert/level.js';
import { parseRFC3339, type GoTime } from '../../src/common/gotime.js';

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

/** A vector's `event` object (see the fixtures' README). */
export interface VectorEvent {
  topic: string;
  id: string;
  message: string;
  details: string;
  time: string;
  duration: number;
  level: string;
  previousLevel: string;
  recoverable: boolean;
  name: string;
  taskName: string;
  group: string;
  tags: Record<string, string>;
  fields: Record<string, number | string | boolean>;
  data: {
    series: Array<{
      name?: string;
      tags?: Record<string, string>;
      columns?: string[];
      values?: unknown[][];
    }> | null;
  };
}

function goTimeOf(text: string): GoTime {
  const t = parseRFC3339(text);
  if (t === undefined) throw new Error(`vector time ${text} is not RFC 3339`);
  return t;
}

/** The alert event a vector's handler saw, as this host's AlertEvent. */
export function vectorEvent(e: VectorEvent): AlertEvent {
  const level = (name: string): Level => {
    const l = parseLevel(name);
    if (l === undefined) throw new Error(`vector level ${name}`);
    return l;
  };
  return makeEvent({
    topic: e.topic,
    state: {
      id: e.id,
      message: e.message,
      details: e.details,
      time: goTimeOf(e.time).ns,
      duration: BigInt(e.duration),
      level: level(e.level),
    },
    data: {
      name: e.name,
      taskName: e.taskName,
      group: e.group,
      tags: e.tags,
      fields: e.fields,
      recoverable: e.recoverable,
      result: {
        series:
          e.data.series?.map((row) => ({
            ...row,
            values: row.values?.map((v) =>
              v.map((cell, i) =>
                row.columns?.[i] === 'time' && typeof cell === 'string'
                  ? goTimeOf(cell)
                  : (cell as RowValue),
              ),
            ),
          })) ?? null,
      },
    },
    previousLevel: level(e.previousLevel),
  });
}
