// Points to InfluxDB 1.x line protocol, as Kapacitor's influxdb client writes them: tags
// sorted by key (empty values left out: InfluxDB refuses them), fields sorted by key, ints with
// an `i` suffix, strings quoted, the time in the write's precision.

import type { FieldValue, Fields, Tags } from '../alert/event.js';
import { compareBytewise } from '../common/gojson.js';

export const writePrecisions = ['', 'n', 'ns', 'u', 'ms', 's', 'm', 'h'] as const;
export type WritePrecision = (typeof writePrecisions)[number];

const nsPer: Record<WritePrecision, bigint> = {
  '': 1n,
  n: 1n,
  ns: 1n,
  u: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

export function isWritePrecision(p: string): p is WritePrecision {
  return (writePrecisions as readonly string[]).includes(p);
}

const escapeMeasurement = (s: string): string => s.replace(/[,\s\\]/g, (c) => `\\${c}`);
const escapeKey = (s: string): string => s.replace(/[,=\s\\]/g, (c) => `\\${c}`);
const escapeString = (s: string): string => s.replace(/["\\]/g, (c) => `\\${c}`);

function fieldValue(v: FieldValue): string | undefined {
  switch (typeof v) {
    case 'number':
      // InfluxDB has no NaN or infinities.
      return Number.isFinite(v) ? String(v) : undefined;
    case 'bigint':
      return `${v}i`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return `"${escapeString(v)}"`;
  }
  return undefined;
}

export interface LinePoint {
  measurement: string;
  tags: Tags;
  fields: Fields;
  /** ns */
  time: bigint;
}

/** One line, or undefined when nothing writable is left (no fields, or no measurement). */
export function encodeLine(p: LinePoint, precision: WritePrecision): string | undefined {
  if (p.measurement === '') return undefined;
  let line = escapeMeasurement(p.measurement);
  for (const k of Object.keys(p.tags).sort(compareBytewise)) {
    const v = p.tags[k]!;
    if (k === '' || v === '') continue;
    line += `,${escapeKey(k)}=${escapeKey(v)}`;
  }
  let fields = '';
  for (const k of Object.keys(p.fields).sort(compareBytewise)) {
    const v = fieldValue(p.fields[k]!);
    if (v === undefined || k === '') continue;
    fields += `${fields === '' ? '' : ','}${escapeKey(k)}=${v}`;
  }
  if (fields === '') return undefined;
  const unit = nsPer[precision];
  // Go's integer division truncates toward zero, as BigInt division does.
  return `${line} ${fields} ${p.time / unit}`;
}
