// One host per data directory. The lock is a kernel file lock, taken through SQLite on
// `<dir>/condenser.lock` (Node has no flock): an EXCLUSIVE-mode connection holds it until it is
// closed or its process dies, so a lock whose holder is gone is simply free again. Beside it,
// `<dir>/condenser.pid` says who holds it, for the message a second host prints; it is only
// information, the kernel lock is the truth (a pid can be reused).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage } from '../common/errors.js';
import { DataDirLockedError } from './errors.js';

export const LOCK_FILE_NAME = 'condenser.lock';
export const PID_FILE_NAME = 'condenser.pid';

/** What condenser.pid records about the host holding the directory. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** RFC3339 */
  started: string;
}

export interface DataDirLock {
  readonly dir: string;
  /** The previous holder recorded in condenser.pid when it was gone (a stale lock taken over). */
  readonly tookOverFrom: LockHolder | undefined;
  /** Removes condenser.pid and releases the lock; idempotent. */
  release(): void;
}

/** Takes the data directory (creating it) or throws DataDirLockedError naming the holder. */
export function lockDataDir(dir: string): DataDirLock {
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const pidFile = path.join(abs, PID_FILE_NAME);
  const db = new Database(path.join(abs, LOCK_FILE_NAME), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write takes the exclusive lock, which EXCLUSIVE mode keeps until close.
    db.exec('CREATE TABLE IF NOT EXISTS held (at TEXT NOT NULL)');
    db.prepare('INSERT INTO held (at) VALUES (?)').run(new Date().toISOString());
    db.exec('DELETE FROM held');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirLockedError(abs, describeHolder(readHolder(pidFile)));
    }
    throw err;
  }
  const previous = readHolder(pidFile);
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    started: new Date().toISOString(),
  };
  writeAtomically(pidFile, JSON.stringify(me) + '\n');
  let held = true;
  return {
    dir: abs,
    tookOverFrom: previous,
    release() {
      if (!held) return;
      held = false;
      // pid file first: a successor only writes its own after the lock is free.
      fs.rmSync(pidFile, { force: true });
      db.close();
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid !== 'number') return undefined;
    return {
      pid: v.pid,
      hostname: typeof v.hostname === 'string' ? v.hostname : '',
      started: typeof v.started === 'string' ? v.started : '',
    };
  } catch {
    return undefined;
  }
}

export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return `pid unknown: ${PID_FILE_NAME} is missing or unreadable`;
  const where = holder.hostname ? ` on ${holder.hostname}` : '';
  const since = holder.started ? `, started ${holder.started}` : '';
  return `pid ${holder.pid}${where}${since}`;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`cannot write ${file}: ${errorMessage(err)}`, { cause: err });
  }
}
