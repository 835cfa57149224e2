// The latest alert event state per (topic, event id), persisted so that topics and their
// non-OK events survive a restart (Kapacitor's `[alert] persist-topics`).

import type Database from 'better-sqlite3';
import { assertInt64, assertLevel, decodeLevel, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';

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
  put(state: TopicStateRecord): void;
  delete(topic: string, eventId: string): boolean;
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
  const ref = rowRef(TABLE, { topic: state.topic, eventId: state.eventId });
  return {
    topic: state.topic,
    event_id: state.eventId,
    message: state.message,
    details: state.details,
    time: assertInt64(ref, 'time', state.time),
    duration: assertInt64(ref, 'duration', state.duration),
    level: BigInt(assertLevel(ref, 'level', state.level)),
  };
}

export function createTopicStateRepository(db: Database.Database): TopicStateRepository {
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
  const upsert = db.prepare<[Row]>(
    `INSERT INTO ${TABLE} (${columns})
     VALUES (@topic, @event_id, @message, @details, @time, @duration, @level)
     ON CONFLICT (topic, event_id) DO UPDATE SET
       message = excluded.message, details = excluded.details, time = excluded.time,
       duration = excluded.duration, level = excluded.level`,
  );
  const deleteOne = db.prepare<[string, string]>(
    `DELETE FROM ${TABLE} WHERE topic = ? AND event_id = ?`,
  );
  const deleteAllOfTopic = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE topic = ?`);

  return {
    list: (topic) => (topic === undefined ? listAll.all() : listTopic.all(topic)).map(toRecord),
    get(topic, eventId) {
      const row = getOne.get(topic, eventId);
      return row === undefined ? undefined : toRecord(row);
    },
    put(state) {
      upsert.run(toRow(state));
    },
    delete: (topic, eventId) => deleteOne.run(topic, eventId).changes > 0,
    deleteTopic: (topic) => deleteAllOfTopic.run(topic).changes,
  };
}
