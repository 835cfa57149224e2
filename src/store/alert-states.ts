// Level state of each alert node group in a task, so that a restarted task resumes with the
// levels (and incident start times) it had, instead of re-sending every alert.

import type Database from 'better-sqlite3';
import { assertInt64, assertLevel, decodeLevel, isInt64, isLevel, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';
import type { WriteBatch } from './write-batch.js';

export interface AlertStateRecord {
  taskId: string;
  /** The alert node's name in the task, e.g. `alert2`. */
  node: string;
  /** The group key (`k=v,k2=v2`, '' when ungrouped). */
  group: string;
  /** OK(0), INFO(1), WARNING(2), CRITICAL(3) */
  level: number;
  /** ns since the Unix epoch. */
  firstTriggered: bigint;
  lastTriggered: bigint;
}

export interface AlertStateRepository {
  /** The task's states, sorted by node then group. */
  list(taskId: string): AlertStateRecord[];
  /** Insert or replace; deferred while a write batch is open (store.batchWrites). */
  put(state: AlertStateRecord): void;
  /** Deletes every state of the task; returns how many there were. */
  deleteTask(taskId: string): number;
}

const TABLE = 'alert_states';

interface Row {
  task_id: string;
  node: string;
  group_key: string;
  level: bigint;
  first_triggered: bigint;
  last_triggered: bigint;
}

function toRecord(row: Row): AlertStateRecord {
  const ref = rowRef(TABLE, { taskId: row.task_id, node: row.node, group: row.group_key });
  return {
    taskId: row.task_id,
    node: row.node,
    group: row.group_key,
    level: decodeLevel(ref, 'level', row.level),
    firstTriggered: row.first_triggered,
    lastTriggered: row.last_triggered,
  };
}

/** For the quarantine check at start: a row is corrupt when toRecord refuses it. */
export const alertStateRows: RowCheck = {
  table: TABLE,
  key: ['task_id', 'node', 'group_key'],
  decode: (row) => toRecord(row as unknown as Row),
};

function toRow(state: AlertStateRecord): Row {
  // Written for every alert event: the row reference is built only to report a bad value.
  if (!isLevel(state.level) || !isInt64(state.firstTriggered) || !isInt64(state.lastTriggered)) {
    const ref = rowRef(TABLE, { taskId: state.taskId, node: state.node, group: state.group });
    assertLevel(ref, 'level', state.level);
    assertInt64(ref, 'firstTriggered', state.firstTriggered);
    assertInt64(ref, 'lastTriggered', state.lastTriggered);
  }
  return {
    task_id: state.taskId,
    node: state.node,
    group_key: state.group,
    level: BigInt(state.level),
    first_triggered: state.firstTriggered,
    last_triggered: state.lastTriggered,
  };
}

export function createAlertStateRepository(
  db: Database.Database,
  batch: WriteBatch,
): AlertStateRepository {
  const columns = 'task_id, node, group_key, level, first_triggered, last_triggered';
  const listTask = db
    .prepare<[string], Row>(
      `SELECT ${columns} FROM ${TABLE} WHERE task_id = ? ORDER BY node, group_key`,
    )
    .safeIntegers(true);
  // Positional parameters: binding from an object by name costs more per event.
  const upsert = db.prepare<[string, string, string, bigint, bigint, bigint]>(
    `INSERT INTO ${TABLE} (${columns})
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (task_id, node, group_key) DO UPDATE SET
       level = excluded.level, first_triggered = excluded.first_triggered,
       last_triggered = excluded.last_triggered`,
  );
  const deleteAllOfTask = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE task_id = ?`);

  return {
    list(taskId) {
      batch.flush();
      return listTask.all(taskId).map(toRecord);
    },
    put(state) {
      // Checked now, so a bad value fails the caller, not the batch.
      const r = toRow(state);
      batch.write(`${TABLE}\u0000${r.task_id}\u0000${r.node}\u0000${r.group_key}`, () => {
        upsert.run(r.task_id, r.node, r.group_key, r.level, r.first_triggered, r.last_triggered);
      });
    },
    deleteTask(taskId) {
      batch.flush();
      return deleteAllOfTask.run(taskId).changes;
    },
  };
}
