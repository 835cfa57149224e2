// Topic handler specs created through the HTTP API or handler files (`define-topic-handler`),
// re-created at startup. Handlers defined inside TICKscripts are not stored here.

import type Database from 'better-sqlite3';
import { z } from 'zod';
import { decodeJson, encodeJson, rowRef } from './columns.js';
import type { RowCheck } from './quarantine.js';

export interface TopicHandlerRecord {
  topic: string;
  id: string;
  kind: string;
  options: Record<string, unknown> | null;
  match: string;
}

export interface TopicHandlerRepository {
  /** Sorted by topic then id, in byte order (as Go's sort.Strings in Kapacitor). */
  list(topic?: string): TopicHandlerRecord[];
  get(topic: string, id: string): TopicHandlerRecord | undefined;
  /** Inserts or replaces the handler stored under (spec.topic, spec.id). */
  put(spec: TopicHandlerRecord): void;
  delete(topic: string, id: string): boolean;
  /**
   * Stores `spec` in place of (oldTopic, oldId) in one transaction, so a PUT that renames a
   * handler never leaves both or neither. A handler already stored under the new key is
   * overwritten. Returns false, writing nothing, when (oldTopic, oldId) does not exist.
   */
  replace(oldTopic: string, oldId: string, spec: TopicHandlerRecord): boolean;
}

const TABLE = 'topic_handlers';
const optionsSchema = z.record(z.string(), z.unknown()).nullable();

interface Row {
  topic: string;
  id: string;
  kind: string;
  options: string | null;
  match: string;
}

function toRecord(row: Row): TopicHandlerRecord {
  const ref = rowRef(TABLE, { topic: row.topic, id: row.id });
  return {
    topic: row.topic,
    id: row.id,
    kind: row.kind,
    options: row.options === null ? null : decodeJson(ref, 'options', row.options, optionsSchema),
    match: row.match,
  };
}

/** For the quarantine check at start: a row is corrupt when toRecord refuses it. */
export const topicHandlerRows: RowCheck = {
  table: TABLE,
  key: ['topic', 'id'],
  decode: (row) => toRecord(row as unknown as Row),
};

function toRow(spec: TopicHandlerRecord): Row {
  const ref = rowRef(TABLE, { topic: spec.topic, id: spec.id });
  return {
    topic: spec.topic,
    id: spec.id,
    kind: spec.kind,
    options: spec.options === null ? null : encodeJson(ref, 'options', spec.options),
    match: spec.match,
  };
}

export function createTopicHandlerRepository(db: Database.Database): TopicHandlerRepository {
  const columns = 'topic, id, kind, options, match';
  const listAll = db.prepare<[], Row>(`SELECT ${columns} FROM ${TABLE} ORDER BY topic, id`);
  const listTopic = db.prepare<[string], Row>(
    `SELECT ${columns} FROM ${TABLE} WHERE topic = ? ORDER BY id`,
  );
  const getOne = db.prepare<[string, string], Row>(
    `SELECT ${columns} FROM ${TABLE} WHERE topic = ? AND id = ?`,
  );
  const upsert = db.prepare<[Row]>(
    `INSERT INTO ${TABLE} (${columns}) VALUES (@topic, @id, @kind, @options, @match)
     ON CONFLICT (topic, id) DO UPDATE SET
       kind = excluded.kind, options = excluded.options, match = excluded.match`,
  );
  const deleteOne = db.prepare<[string, string]>(`DELETE FROM ${TABLE} WHERE topic = ? AND id = ?`);

  const replace = db.transaction((oldTopic: string, oldId: string, row: Row): boolean => {
    if (deleteOne.run(oldTopic, oldId).changes === 0) return false;
    upsert.run(row);
    return true;
  });

  return {
    list: (topic) => (topic === undefined ? listAll.all() : listTopic.all(topic)).map(toRecord),
    get(topic, id) {
      const row = getOne.get(topic, id);
      return row === undefined ? undefined : toRecord(row);
    },
    put(spec) {
      upsert.run(toRow(spec));
    },
    delete: (topic, id) => deleteOne.run(topic, id).changes > 0,
    // Encode before the transaction so a bad spec fails without touching the old row.
    replace: (oldTopic, oldId, spec) => replace(oldTopic, oldId, toRow(spec)),
  };
}
