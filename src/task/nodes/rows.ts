// models.Row for a point or a batch, as Kapacitor's ToRow builds them for httpOut/httpPost:
// `time` first, then the sorted field names (batches add point tags that are not group tags).

import type { Row, RowValue } from '../../alert/event.js';
import { compareBytewise } from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import type { Batch, Point } from '../point.js';

export function pointToRow(p: Point): Row {
  const names = Object.keys(p.fields).sort(compareBytewise);
  const values: RowValue[] = [new GoTime(p.time)];
  for (const n of names) values.push(p.fields[n] ?? null);
  return { name: p.name, tags: p.tags, columns: ['time', ...names], values: [values] };
}

export function batchToRow(b: Batch): Row {
  const row: Row = { name: b.name, tags: b.tags };
  if (b.points.length === 0) return row;
  const columns = new Set<string>();
  for (const p of b.points) {
    for (const f of Object.keys(p.fields)) columns.add(f);
    for (const t of Object.keys(p.tags)) if (!Object.hasOwn(b.tags, t)) columns.add(t);
  }
  const names = [...columns].sort(compareBytewise);
  row.columns = ['time', ...names];
  row.values = b.points.map((p) => {
    const values: RowValue[] = [new GoTime(p.time)];
    for (const n of names) {
      const v = Object.hasOwn(p.fields, n)
        ? p.fields[n]
        : Object.hasOwn(p.tags, n)
          ? p.tags[n]
          : undefined;
      values.push(v ?? null);
    }
    return values;
  });
  return row;
}
