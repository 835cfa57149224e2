// The embedded store: one SQLite file under the data directory, one repository per table.
//
// Durability contract: better-sqlite3 is synchronous, so every write method returns after
// its statement has committed (autocommit) and callers may acknowledge the write at once.
// Inside store.transaction(fn), writes commit together when the outermost fn returns.

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createAlertStateRepository, type AlertStateRepository } from './alert-states.js';
import {
  createConfigOverrideRepository,
  type ConfigOverrideRepository,
} from './config-overrides.js';
import { openDatabase } from './database.js';
import { createTaskRepository, type TaskRepository } from './tasks.js';
import { createTopicHandlerRepository, type TopicHandlerRepository } from './topic-handlers.js';
import { createTopicStateRepository, type TopicStateRepository } from './topic-states.js';

export const STORE_FILE_NAME = 'condenser.db';

export interface Store {
  /** The database file. */
  readonly path: string;
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
   * A consistent copy of the database in `file`, made with SQLite's online backup while the
   * store stays in use (pages are copied in steps between other statements).
   */
  backup(file: string): Promise<void>;
  close(): void;
}

/** Opens (creating if needed) `<dir>/condenser.db`, migrating it to the current schema. */
export function openStore(dir: string): Store {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, STORE_FILE_NAME);
  const db = openDatabase(file);
  return {
    path: file,
    topicHandlers: createTopicHandlerRepository(db),
    topicStates: createTopicStateRepository(db),
    configOverrides: createConfigOverrideRepository(db),
    tasks: createTaskRepository(db),
    alertStates: createAlertStateRepository(db),
    transaction: (fn) => runTransaction(db, fn),
    backup: async (file) => {
      await db.backup(file);
    },
    close: () => db.close(),
  };
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
