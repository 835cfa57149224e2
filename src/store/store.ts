// The embedded store: one SQLite file under the data directory, one repository per table.
//
// Durability contract: better-sqlite3 is synchronous, so every write method returns after
// its statement has committed (autocommit) and callers may acknowledge the write at once.
// Inside store.transaction(fn), writes commit together when the outermost fn returns.

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {
  alertStateRows,
  createAlertStateRepository,
  type AlertStateRepository,
} from './alert-states.js';
import {
  configOverrideRows,
  createConfigOverrideRepository,
  type ConfigOverrideRepository,
} from './config-overrides.js';
import { openDatabase } from './database.js';
import { StoreFileError } from './errors.js';
import {
  createQuarantineRepository,
  quarantineCorruptRows,
  type QuarantinedRow,
  type QuarantineRepository,
  type RowCheck,
} from './quarantine.js';
import { WriteBatch } from './write-batch.js';
import { createTaskRepository, taskRows, type TaskRepository } from './tasks.js';
import {
  createTopicHandlerRepository,
  topicHandlerRows,
  type TopicHandlerRepository,
} from './topic-handlers.js';
import {
  createTopicStateRepository,
  topicStateRows,
  type TopicStateRepository,
} from './topic-states.js';

export const STORE_FILE_NAME = 'condenser.db';

/** What opening found: a new file, a 0-byte file made into a store, or an existing store. */
export type StoreOrigin = 'created' | 'empty-file' | 'existing';

export interface Store {
  /** The database file. */
  readonly path: string;
  readonly origin: StoreOrigin;
  /** Corrupt rows moved into the quarantine table while opening (each is moved once). */
  readonly quarantined: readonly QuarantinedRow[];
  readonly quarantine: QuarantineRepository;
  readonly topicHandlers: TopicHandlerRepository;
  readonly topicStates: TopicStateRepository;
  readonly configOverrides: ConfigOverrideRepository;
  readonly tasks: TaskRepository;
  readonly alertStates: AlertStateRepository;
  /**
   * Runs fn in one transaction: all its writes commit when it returns, none if it throws.
   * fn must be synchronous (SQLite transactions cannot span an await); nested calls become
   * savepoints.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Runs fn with topic and alert state writes deferred (last write per row wins), then
   * commits them in one transaction before returning; a failed commit goes to `onError` with
   * the number of rows lost. For the points of one write request: one commit, not two per
   * event. Reads of those tables within fn see the deferred writes (they flush first).
   */
  batchWrites<T>(fn: () => T, onError: (err: unknown, rows: number) => void): T;
  /**
   * A consistent copy of the database in `file`, made with SQLite's online backup while the
   * store stays in use (pages are copied in steps between other statements).
   */
  backup(file: string): Promise<void>;
  close(): void;
}

/** Every table's row check, for the quarantine pass at open. */
const rowChecks: readonly RowCheck[] = [
  topicHandlerRows,
  topicStateRows,
  configOverrideRows,
  taskRows,
  alertStateRows,
];

/**
 * Opens (creating if needed) `<dir>/condenser.db`, migrating it to the current schema and
 * moving corrupt rows into the quarantine table.
 */
export function openStore(dir: string): Store {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, STORE_FILE_NAME);
  const origin = originOf(file);
  let db: Database.Database;
  try {
    db = openDatabase(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreFileError(file, `not a readable SQLite database (${code})`, err);
    }
    throw err;
  }
  let quarantined: QuarantinedRow[];
  try {
    quarantined = quarantineCorruptRows(db, rowChecks);
  } catch (err) {
    db.close();
    throw err;
  }
  const batch = new WriteBatch(db);
  return {
    path: file,
    origin,
    quarantined,
    quarantine: createQuarantineRepository(db),
    topicHandlers: createTopicHandlerRepository(db),
    topicStates: createTopicStateRepository(db, batch),
    configOverrides: createConfigOverrideRepository(db),
    tasks: createTaskRepository(db),
    alertStates: createAlertStateRepository(db, batch),
    transaction: (fn) => runTransaction(db, fn),
    batchWrites: (fn, onError) => batch.run(fn, onError),
    backup: async (file) => {
      await db.backup(file);
    },
    close: () => {
      batch.flush();
      db.close();
    },
  };
}

function originOf(file: string): StoreOrigin {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return 'created';
  }
  return size === 0 ? 'empty-file' : 'existing';
}

function runTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(() => {
    const result = fn();
    // An async fn would return before its awaited writes; throwing here rolls back the
    // part that did run instead of committing half of it.
    if (isThenable(result)) {
      throw new TypeError('store.transaction(fn): fn must be synchronous, it returned a promise');
    }
    return result;
  })();
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
