// Level state of each alert node group in a task, so that a restarted task resumes with the
// levels (and incident start times) it had, instead of re-sending every alert.

import type Database from 'better-sqlite3';
import { assertInt64, assertLevel, decodeLevel, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';

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
  const ref = rowRef(TABLE, { taskId: state.taskId, node: state.node, group: state.group });
  return {
    task_id: state.taskId,
    node: state.node,
    group_key: state.group,
    level: BigInt(assertLevel(ref, 'level', state.level)),
    first_triggered: assertInt64(ref, 'firstTriggered', state.firstTriggered),
    last_triggered: assertInt64(ref, 'lastTriggered', state.lastTriggered),
  };
}

export function createAlertStateRepository(db: Database.Database): AlertStateRepository {
  const columns = 'task_id, node, group_key, level, first_triggered, last_triggered';
  const listTask = db
    .prepare<[string], Row>(
      `SELECT ${columns} FROM ${TABLE} WHERE task_id = ? ORDER BY node, group_key`,
    )
    .safeIntegers(true);
  const upsert = db.prepare<[Row]>(
    `INSERT INTO ${TABLE} (${columns})
     VALUES (@task_id, @node, @group_key, @level, @first_triggered, @last_triggered)
     ON CONFLICT (task_id, node, group_key) DO UPDATE SET
       level = excluded.level, first_triggered = excluded.first_triggered,
       last_triggered = excluded.last_triggered`,
  );
  const deleteAllOfTask = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE task_id = ?`);

  return {
    list: (taskId) => listTask.all(taskId).map(toRecord),
    put(state) {
      upsert.run(toRow(state));
    },
    deleteTask: (taskId) => deleteAllOfTask.run(taskId).changes,
  };
}
