// Task definitions (`/kapacitor/v1/tasks`): what a task is, not how it runs. Runtime fields
// of the API object (dot, executing, error, stats) are derived, never stored.

import type Database from 'better-sqlite3';
import { z } from 'zod';
import { decodeJson, encodeJson, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';
import { StoreCorruptionError } from './errors.js';

export type TaskType = 'stream' | 'batch';
export type TaskStatus = 'enabled' | 'disabled';

export interface DbRp {
  db: string;
  rp: string;
}

export interface TaskRecord {
  id: string;
  type: TaskType;
  dbrps: DbRp[];
  script: string;
  status: TaskStatus;
  /** The API's vars object (`{"name": {"type", "value", ...}}`), stored as given. */
  vars: Record<string, unknown>;
  /** '' when the task is not made from a template. */
  templateId: string;
  /** RFC3339Nano */
  created: string;
  modified: string;
  lastEnabled: string;
}

export interface TaskRepository {
  /** Sorted by id. */
  list(): TaskRecord[];
  get(id: string): TaskRecord | undefined;
  put(task: TaskRecord): void;
  delete(id: string): boolean;
}

const TABLE = 'tasks';
const dbrpsSchema = z.array(z.object({ db: z.string(), rp: z.string() }));
const varsSchema = z.record(z.string(), z.unknown());
const typeSchema = z.enum(['stream', 'batch']);
const statusSchema = z.enum(['enabled', 'disabled']);

interface Row {
  id: string;
  type: string;
  dbrps: string;
  script: string;
  status: string;
  vars: string;
  template_id: string;
  created: string;
  modified: string;
  last_enabled: string;
}

function toRecord(row: Row): TaskRecord {
  const ref = rowRef(TABLE, { id: row.id });
  // The CHECK constraints make these unreachable unless the file was edited by hand.
  const type = typeSchema.safeParse(row.type);
  if (!type.success) {
    throw new StoreCorruptionError(ref.table, ref.key, 'type', `unknown type "${row.type}"`);
  }
  const status = statusSchema.safeParse(row.status);
  if (!status.success) {
    throw new StoreCorruptionError(ref.table, ref.key, 'status', `unknown status "${row.status}"`);
  }
  return {
    id: row.id,
    type: type.data,
    dbrps: decodeJson(ref, 'dbrps', row.dbrps, dbrpsSchema),
    script: row.script,
    status: status.data,
    vars: decodeJson(ref, 'vars', row.vars, varsSchema),
    templateId: row.template_id,
    created: row.created,
    modified: row.modified,
    lastEnabled: row.last_enabled,
  };
}

/** For the quarantine check at start: a row is corrupt when toRecord refuses it. */
export const taskRows: RowCheck = {
  table: TABLE,
  key: ['id'],
  decode: (row) => toRecord(row as unknown as Row),
};

function toRow(task: TaskRecord): Row {
  const ref = rowRef(TABLE, { id: task.id });
  return {
    id: task.id,
    type: task.type,
    // Copy only db/rp so extra properties never end up in the stored JSON.
    dbrps: encodeJson(
      ref,
      'dbrps',
      task.dbrps.map(({ db, rp }) => ({ db, rp })),
    ),
    script: task.script,
    status: task.status,
    vars: encodeJson(ref, 'vars', task.vars),
    template_id: task.templateId,
    created: task.created,
    modified: task.modified,
    last_enabled: task.lastEnabled,
  };
}

export function createTaskRepository(db: Database.Database): TaskRepository {
  const columns =
    'id, type, dbrps, script, status, vars, template_id, created, modified, last_enabled';
  const listAll = db.prepare<[], Row>(`SELECT ${columns} FROM ${TABLE} ORDER BY id`);
  const getOne = db.prepare<[string], Row>(`SELECT ${columns} FROM ${TABLE} WHERE id = ?`);
  const upsert = db.prepare<[Row]>(
    `INSERT INTO ${TABLE} (${columns})
     VALUES (@id, @type, @dbrps, @script, @status, @vars, @template_id, @created, @modified,
             @last_enabled)
     ON CONFLICT (id) DO UPDATE SET
       type = excluded.type, dbrps = excluded.dbrps, script = excluded.script,
       status = excluded.status, vars = excluded.vars, template_id = excluded.template_id,
       created = excluded.created, modified = excluded.modified,
       last_enabled = excluded.last_enabled`,
  );
  const deleteOne = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE id = ?`);

  return {
    list: () => listAll.all().map(toRecord),
    get(id) {
      const row = getOne.get(id);
      return row === undefined ? undefined : toRecord(row);
    },
    put(task) {
      upsert.run(toRow(task));
    },
    delete: (id) => deleteOne.run(id).changes > 0,
  };
}
