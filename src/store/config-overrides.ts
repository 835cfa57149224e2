// Config overrides posted to /kapacitor/v1/config: per (section, element), the values set,
// the option names reset to their file value, and whether the element was added via the API.

import type Database from 'better-sqlite3';
import { z } from 'zod';
import { decodeJson, encodeJson, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';

export interface ConfigOverrideRecord {
  section: string;
  /** The list element's key value; '' for non-list sections. */
  element: string;
  /** The element was added via the API (`add`) rather than overriding one from the file. */
  create: boolean;
  /** Set values, by API option name. */
  options: Record<string, unknown>;
  /** Option names reset to their file value. */
  delete: string[];
}

export interface ConfigOverrideRepository {
  /** Sorted by section then element. */
  list(): ConfigOverrideRecord[];
  get(section: string, element: string): ConfigOverrideRecord | undefined;
  put(override: ConfigOverrideRecord): void;
  delete(section: string, element: string): boolean;
}

const TABLE = 'config_overrides';
const optionsSchema = z.record(z.string(), z.unknown());
const deletedSchema = z.array(z.string());

interface Row {
  section: string;
  element: string;
  created: number;
  options: string;
  deleted: string;
}

function toRecord(row: Row): ConfigOverrideRecord {
  const ref = rowRef(TABLE, { section: row.section, element: row.element });
  return {
    section: row.section,
    element: row.element,
    create: row.created === 1,
    options: decodeJson(ref, 'options', row.options, optionsSchema),
    delete: decodeJson(ref, 'deleted', row.deleted, deletedSchema),
  };
}

/** For the quarantine check at start: a row is corrupt when toRecord refuses it. */
export const configOverrideRows: RowCheck = {
  table: TABLE,
  key: ['section', 'element'],
  decode: (row) => toRecord(row as unknown as Row),
};

function toRow(override: ConfigOverrideRecord): Row {
  const ref = rowRef(TABLE, { section: override.section, element: override.element });
  return {
    section: override.section,
    element: override.element,
    created: override.create ? 1 : 0,
    options: encodeJson(ref, 'options', override.options),
    deleted: encodeJson(ref, 'deleted', override.delete),
  };
}

export function createConfigOverrideRepository(db: Database.Database): ConfigOverrideRepository {
  const columns = 'section, element, created, options, deleted';
  const listAll = db.prepare<[], Row>(`SELECT ${columns} FROM ${TABLE} ORDER BY section, element`);
  const getOne = db.prepare<[string, string], Row>(
    `SELECT ${columns} FROM ${TABLE} WHERE section = ? AND element = ?`,
  );
  const upsert = db.prepare<[Row]>(
    `INSERT INTO ${TABLE} (${columns}) VALUES (@section, @element, @created, @options, @deleted)
     ON CONFLICT (section, element) DO UPDATE SET
       created = excluded.created, options = excluded.options, deleted = excluded.deleted`,
  );
  const deleteOne = db.prepare<[string, string]>(
    `DELETE FROM ${TABLE} WHERE section = ? AND element = ?`,
  );

  return {
    list: () => listAll.all().map(toRecord),
    get(section, element) {
      const row = getOne.get(section, element);
      return row === undefined ? undefined : toRecord(row);
    },
    put(override) {
      upsert.run(toRow(override));
    },
    delete: (section, element) => deleteOne.run(section, element).changes > 0,
  };
}
