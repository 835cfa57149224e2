// The latest alert event state per (topic, event id), persisted so that topics and their
// non-OK events survive a restart (Kapacitor's `[alert] persist-topics`).

import type Database from 'better-sqlite3';
import { assertInt64, assertLevel, decodeLevel, isInt64, isLevel, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';
import type { WriteBatch } from './write-batch.js';

export interface TopicStateRecord {
  topic: string;
  eventId: string;
  message: string;
  details: string;
  /** ns since the Unix epoch; may be negative. */
  time: bigint;
  /** ns */
  duration: bigint;
  /** OK(0), INFO(1), WARNING(2), CRITICAL(3) */
  level: number;
}

export interface TopicStateRepository {
  /** Sorted by topic then event id. */
  list(topic?: string): TopicStateRecord[];
  get(topic: string, eventId: string): TopicStateRecord | undefined;
  /** Insert or replace; deferred while a write batch is open (store.batchWrites). */
  put(state: TopicStateRecord): void;
  delete(topic: string, eventId: string): boolean;
  /** delete() without the answer, so it can be deferred like put() while a batch is open. */
  discard(topic: string, eventId: string): void;
  /** Deletes every state of the topic; returns how many there were. */
  deleteTopic(topic: string): number;
}

const TABLE = 'topic_states';

// Times and durations are stored as INTEGER (int64, as Go's time.Duration and UnixNano) and
// read with safeIntegers, so every int64 round-trips exactly, sorts numerically and stays
// comparable in SQL; TEXT would have needed its own parsing and ordering rules.
interface Row {
  topic: string;
  event_id: string;
  message: string;
  details: string;
  time: bigint;
  duration: bigint;
  level: bigint;
}

function toRecord(row: Row): TopicStateRecord {
  const ref = rowRef(TABLE, { topic: row.topic, eventId: row.event_id });
  return {
    topic: row.topic,
    eventId: row.event_id,
    message: row.message,
    details: row.details,
    time: row.time,
    duration: row.duration,
    level: decodeLevel(ref, 'level', row.level),
  };
}

/** For the quarantine check at start: a row is corrupt when toRecord refuses it. */
export const topicStateRows: RowCheck = {
  table: TABLE,
  key: ['topic', 'event_id'],
  decode: (row) => toRecord(row as unknown as Row),
};

function toRow(state: TopicStateRecord): Row {
  // Written for every alert event: the row reference is built only to report a bad value.
  if (!isInt64(state.time) || !isInt64(state.duration) || !isLevel(state.level)) {
    const ref = rowRef(TABLE, { topic: state.topic, eventId: state.eventId });
    assertInt64(ref, 'time', state.time);
    assertInt64(ref, 'duration', state.duration);
    assertLevel(ref, 'level', state.level);
  }
  return {
    topic: state.topic,
    event_id: state.eventId,
    message: state.message,
    details: state.details,
    time: state.time,
    duration: state.duration,
    level: BigInt(state.level),
  };
}

export function createTopicStateRepository(
  db: Database.Database,
  batch: WriteBatch,
): TopicStateRepository {
  const columns = 'topic, event_id, message, details, time, duration, level';
  const listAll = db
    .prepare<[], Row>(`SELECT ${columns} FROM ${TABLE} ORDER BY topic, event_id`)
    .safeIntegers(true);
  const listTopic = db
    .prepare<[string], Row>(`SELECT ${columns} FROM ${TABLE} WHERE topic = ? ORDER BY event_id`)
    .safeIntegers(true);
  const getOne = db
    .prepare<[string, string], Row>(
      `SELECT ${columns} FROM ${TABLE} WHERE topic = ? AND event_id = ?`,
    )
    .safeIntegers(true);
  // Positional parameters: binding from an object by name costs more per event.
  const upsert = db.prepare<[string, string, string, string, bigint, bigint, bigint]>(
    `INSERT INTO ${TABLE} (${columns})
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (topic, event_id) DO UPDATE SET
       message = excluded.message, details = excluded.details, time = excluded.time,
       duration = excluded.duration, level = excluded.level`,
  );
  const deleteOne = db.prepare<[string, string]>(
    `DELETE FROM ${TABLE} WHERE topic = ? AND event_id = ?`,
  );
  const deleteAllOfTopic = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE topic = ?`);

  const rowKey = (topic: string, eventId: string): string =>
    `${TABLE}\u0000${topic}\u0000${eventId}`;

  return {
    list(topic) {
      batch.flush();
      return (topic === undefined ? listAll.all() : listTopic.all(topic)).map(toRecord);
    },
    get(topic, eventId) {
      batch.flush();
      const row = getOne.get(topic, eventId);
      return row === undefined ? undefined : toRecord(row);
    },
    put(state) {
      // Checked now, so a bad value fails the caller, not the batch.
      const r = toRow(state);
      batch.write(rowKey(r.topic, r.event_id), () => {
        upsert.run(r.topic, r.event_id, r.message, r.details, r.time, r.duration, r.level);
      });
    },
    delete(topic, eventId) {
      batch.flush();
      return deleteOne.run(topic, eventId).changes > 0;
    },
    discard(topic, eventId) {
      batch.write(rowKey(topic, eventId), () => {
        deleteOne.run(topic, eventId);
      });
    },
    deleteTopic(topic) {
      batch.flush();
      return deleteAllOfTopic.run(topic).changes;
    },
  };
}
