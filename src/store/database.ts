// Opens the SQLite file with the settings the store relies on, refusing a file written by a
// newer schema before touching it, then applies pending migrations.

import Database from 'better-sqlite3';
import { assertKnownVersion, migrate, type Migration, migrations } from './migrations.js';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(
  file: string,
  steps: readonly Migration[] = migrations,
): Database.Database {
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Check the version before any pragma that writes to the file (journal_mode does).
    assertKnownVersion(db, steps);
    const mode: unknown = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`cannot enable WAL mode on ${file} (got ${String(mode)})`);
    // In WAL mode, synchronous=NORMAL fsyncs only at checkpoints, not at every commit. A
    // commit is still written to the WAL file (in the OS page cache) before the statement
    // returns, so it survives the process dying, even by SIGKILL; only an OS crash or power
    // loss can drop the last commits, and never corrupts the file. FULL would fsync every
    // commit, costing a disk flush per API write and per persisted alert state change.
    db.pragma('synchronous = NORMAL');
    migrate(db, steps);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
