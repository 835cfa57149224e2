// Versioned schema migrations. The schema version lives in `PRAGMA user_version` (0 for a
// new file). Each step runs in its own IMMEDIATE transaction together with the version
// bump, so a crash leaves the database at the previous or the next version, never between;
// IMMEDIATE takes the write lock before re-reading the version, so two processes opening
// the same file at once cannot apply a step twice.

import type Database from 'better-sqlite3';
import { StoreVersionError } from './errors.js';

export interface Migration {
  /** The version the database is at after this step; steps are numbered 1, 2, 3, ... */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'topic handlers, topic states, config overrides, tasks, alert node states',
    up(db) {
      // STRICT tables: SQLite rejects a value of the wrong type instead of coercing it.
      // int64 columns (times, durations) are INTEGER and read back as bigint.
      db.exec(`
        CREATE TABLE topic_handlers (
          topic   TEXT NOT NULL,
          id      TEXT NOT NULL,
          kind    TEXT NOT NULL,
          options TEXT,            -- JSON object, NULL when the handler has no options
          match   TEXT NOT NULL,
          PRIMARY KEY (topic, id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE topic_states (
          topic    TEXT NOT NULL,
          event_id TEXT NOT NULL,
          message  TEXT NOT NULL,
          details  TEXT NOT NULL,
          time     INTEGER NOT NULL, -- ns since the Unix epoch
          duration INTEGER NOT NULL, -- ns
          level    INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
          PRIMARY KEY (topic, event_id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE config_overrides (
          section TEXT NOT NULL,
          element TEXT NOT NULL,     -- '' for non-list sections
          created INTEGER NOT NULL CHECK (created IN (0, 1)),
          options TEXT NOT NULL,     -- JSON object of set values
          deleted TEXT NOT NULL,     -- JSON array of option names reset to the file value
          PRIMARY KEY (section, element)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE tasks (
          id           TEXT PRIMARY KEY NOT NULL,
          type         TEXT NOT NULL CHECK (type IN ('stream', 'batch')),
          dbrps        TEXT NOT NULL, -- JSON array of {db, rp}
          script       TEXT NOT NULL,
          status       TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
          vars         TEXT NOT NULL, -- JSON object
          template_id  TEXT NOT NULL,
          created      TEXT NOT NULL, -- RFC3339Nano
          modified     TEXT NOT NULL,
          last_enabled TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE alert_states (
          task_id         TEXT NOT NULL,
          node            TEXT NOT NULL,
          group_key       TEXT NOT NULL,
          level           INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
          first_triggered INTEGER NOT NULL, -- ns since the Unix epoch
          last_triggered  INTEGER NOT NULL,
          PRIMARY KEY (task_id, node, group_key)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    description: 'quarantine: corrupt rows moved aside at start',
    up(db) {
      db.exec(`
        CREATE TABLE quarantine (
          id          INTEGER PRIMARY KEY,
          source      TEXT NOT NULL, -- the table the row was moved from
          row_key     TEXT NOT NULL, -- JSON object: its primary key columns
          row_json    TEXT NOT NULL, -- JSON object: every column as stored (int64 as strings)
          column_name TEXT NOT NULL, -- the column that could not be read
          reason      TEXT NOT NULL,
          moved_at    TEXT NOT NULL  -- RFC3339
        ) STRICT;
      `);
    },
  },
];

export function schemaVersion(db: Database.Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new Error(`unexpected user_version: ${String(version)}`);
  return version;
}

/** Throws StoreVersionError when the file is newer than the newest known migration. */
export function assertKnownVersion(
  db: Database.Database,
  steps: readonly Migration[] = migrations,
): void {
  const found = schemaVersion(db);
  const supported = latestVersion(steps);
  if (found > supported) throw new StoreVersionError(db.name, found, supported);
}

export function latestVersion(steps: readonly Migration[] = migrations): number {
  return steps.length === 0 ? 0 : steps[steps.length - 1]!.version;
}

/** Brings the database up to the newest version; returns the versions it applied. */
export function migrate(db: Database.Database, steps: readonly Migration[] = migrations): number[] {
  steps.forEach((step, i) => {
    if (step.version !== i + 1) {
      throw new Error(`migration #${i} has version ${step.version}, expected ${i + 1}`);
    }
  });
  const applied: number[] = [];
  for (const step of steps) {
    const apply = db.transaction(() => {
      assertKnownVersion(db, steps);
      if (schemaVersion(db) >= step.version) return;
      step.up(db);
      // PRAGMA takes no bound parameters; the version is a checked integer.
      db.pragma(`user_version = ${step.version}`);
      applied.push(step.version);
    });
    apply.immediate();
  }
  return applied;
}
