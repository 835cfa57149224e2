// Row writes made while a batch is open (one POST /write, say) are kept per row, the last
// one per row wins, and all are applied in one SQLite transaction when the batch closes:
// an alert storm then costs one commit per request instead of two per event, and a group
// that fires and recovers within one request is written once. The caller acknowledges after
// the batch closes, so what it acknowledged is committed (and survives a SIGKILL).

import type Database from 'better-sqlite3';

export class WriteBatch {
  /** Row key → the statement that writes it; undefined while no batch is open. */
  private pending: Map<string, () => void> | undefined;

  constructor(private readonly db: Database.Database) {}

  /**
   * A write of one row (`key` names table and primary key): deferred while a batch is open,
   * at once otherwise (or inside a caller's transaction, which already groups its writes).
   */
  write(key: string, apply: () => void): void {
    if (this.pending === undefined || this.db.inTransaction) apply();
    else this.pending.set(key, apply);
  }

  /** Apply the deferred writes now; reads and unkeyed writes call it first. Throws. */
  flush(): void {
    const pending = this.pending;
    if (pending === undefined || pending.size === 0) return;
    this.pending = new Map();
    this.db.transaction(() => {
      for (const apply of pending.values()) apply();
    })();
  }

  /**
   * Run fn with a batch open (nested calls join the open batch). When fn returns or throws,
   * the deferred writes commit together; if that fails they are rolled back together and
   * `onError` is told (with how many rows were lost), since fn's own work cannot be undone.
   */
  run<T>(fn: () => T, onError: (err: unknown, rows: number) => void): T {
    if (this.pending !== undefined) return fn();
    this.pending = new Map();
    try {
      return fn();
    } finally {
      const rows = this.pending.size;
      try {
        this.flush();
      } catch (err) {
        onError(err, rows);
      } finally {
        this.pending = undefined;
      }
    }
  }
}
