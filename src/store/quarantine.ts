// Corrupt rows (a value the repositories cannot decode: invalid JSON, a wrong shape, a level
// outside 0..3) are moved aside when the store opens, so one bad row never keeps the host, or
// every other task and handler, from starting. Each moved row keeps every column as stored
// and the reason, in the `quarantine` table, for a person to inspect or repair.

import type Database from 'better-sqlite3';
import { StoreCorruptionError } from './errors.js';

/** How to read one table's rows: its primary key, and the decoder its repository uses. */
export interface RowCheck {
  table: string;
  key: readonly string[];
  /** Throws StoreCorruptionError for a row the repository could not return. */
  decode(row: Record<string, unknown>): unknown;
}

export interface QuarantinedRow {
  /** The row's id in the quarantine table. */
  id: number;
  /** The table it was moved from. */
  table: string;
  /** Its primary key columns and values. */
  key: Record<string, string>;
  column: string;
  reason: string;
}

/** One line about a moved row, for people: `topic_handlers (topic="cpu", id="h"), column ...`. */
export function describeQuarantined(q: QuarantinedRow): string {
  const key = Object.entries(q.key)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${q.table} (${key}), column ${q.column}: ${q.reason}`;
}

export interface QuarantineRepository {
  /** Every row moved aside so far, oldest first. */
  list(): Array<QuarantinedRow & { row: Record<string, unknown>; movedAt: string }>;
}

const TABLE = 'quarantine';

/** JSON for a row read with safeIntegers: int64 values as decimal strings. */
function rowJson(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * Moves every row that fails its table's decoder into the quarantine table, in one
 * transaction; returns what was moved (empty when every row is readable).
 */
export function quarantineCorruptRows(
  db: Database.Database,
  checks: readonly RowCheck[],
  now: () => Date = () => new Date(),
): QuarantinedRow[] {
  const insert = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO ${TABLE} (source, row_key, row_json, column_name, reason, moved_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const moved: QuarantinedRow[] = [];
  db.transaction(() => {
    for (const check of checks) {
      const rows = db
        .prepare<[], Record<string, unknown>>(`SELECT * FROM ${check.table}`)
        .safeIntegers(true)
        .all();
      const remove = db.prepare(
        `DELETE FROM ${check.table} WHERE ${check.key.map((k) => `${k} = ?`).join(' AND ')}`,
      );
      for (const row of rows) {
        try {
          check.decode(row);
          continue;
        } catch (err) {
          if (!(err instanceof StoreCorruptionError)) throw err;
          const key = Object.fromEntries(check.key.map((k) => [k, String(row[k])]));
          const info = insert.run(
            check.table,
            JSON.stringify(key),
            rowJson(row),
            err.column,
            err.reason,
            now().toISOString(),
          );
          remove.run(...check.key.map((k) => row[k]));
          moved.push({
            id: Number(info.lastInsertRowid),
            table: check.table,
            key,
            column: err.column,
            reason: err.reason,
          });
        }
      }
    }
  }).immediate();
  return moved;
}

interface Row {
  id: number;
  source: string;
  row_key: string;
  row_json: string;
  column_name: string;
  reason: string;
  moved_at: string;
}

export function createQuarantineRepository(db: Database.Database): QuarantineRepository {
  const listAll = db.prepare<[], Row>(
    `SELECT id, source, row_key, row_json, column_name, reason, moved_at FROM ${TABLE} ORDER BY id`,
  );
  return {
    list: () =>
      listAll.all().map((r) => ({
        id: r.id,
        table: r.source,
        key: JSON.parse(r.row_key) as Record<string, string>,
        column: r.column_name,
        reason: r.reason,
        row: JSON.parse(r.row_json) as Record<string, unknown>,
        movedAt: r.moved_at,
      })),
  };
}
