// What in a store uses a handler kind: topic handlers of that kind and tasks whose TICKscript
// calls its property. Read-only and without creating anything, so it can look at the store of
// a running host or of none (`npm run remove-handler` checks before removing a kind).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { callsProperty } from '../tick/property-calls.js';
import { StoreFileError } from './errors.js';
import { STORE_FILE_NAME } from './store.js';

export interface KindUsage {
  /** The database file looked at. */
  file: string;
  /** Tasks whose script calls the kind's property, by id. */
  tasks: Array<{ id: string; status: string }>;
  /** Topic handlers of the kind. */
  handlers: Array<{ topic: string; id: string }>;
}

/**
 * The usage of a kind (`kind`: its API name; `property`: its TICKscript property, if it has
 * one) in the store under `dir`; undefined when there is no store there.
 */
export function findKindUsage(
  dir: string,
  kind: { kind: string; property: string | undefined },
): KindUsage | undefined {
  const file = path.join(dir, STORE_FILE_NAME);
  if (!fs.existsSync(file)) return undefined;
  // A read-only connection to a WAL database makes its -wal and -shm files when they are not
  // there: with no host on the store, read a copy instead, leaving the directory as it was.
  const copyDir = fs.existsSync(`${file}-wal`)
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'condenser-store-'));
  let db: Database.Database;
  try {
    const read = copyDir === undefined ? file : path.join(copyDir, STORE_FILE_NAME);
    if (copyDir !== undefined) fs.copyFileSync(file, read);
    db = new Database(read, { readonly: true, fileMustExist: true });
  } catch (err) {
    if (copyDir !== undefined) fs.rmSync(copyDir, { recursive: true, force: true });
    throw new StoreFileError(file, `cannot read it (${(err as { code?: string }).code ?? err})`);
  }
  try {
    // A 0-byte file (which the host makes into a store) has no tables yet.
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    const handlers = tables.has('topic_handlers')
      ? db
          .prepare<[string], { topic: string; id: string }>(
            'SELECT topic, id FROM topic_handlers WHERE kind = ? ORDER BY topic, id',
          )
          .all(kind.kind)
      : [];
    const property = kind.property;
    const tasks =
      tables.has('tasks') && property !== undefined
        ? db
            .prepare<[], { id: string; status: string; script: string }>(
              'SELECT id, status, script FROM tasks ORDER BY id',
            )
            .all()
            .filter((t) => callsProperty(t.script, property))
            .map(({ id, status }) => ({ id, status }))
        : [];
    return { file, tasks, handlers };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreFileError(file, `not a readable SQLite database (${code})`, err);
    }
    throw err;
  } finally {
    db.close();
    if (copyDir !== undefined) fs.rmSync(copyDir, { recursive: true, force: true });
  }
}
