// One scaffolder command at a time per repository: two runs that both read the touch points
// and both commit would lose the first run's wiring. The lock is a file created exclusively
// in `.condenser-scaffold/`; it names its holder, so a waiting run can say who it waits for,
// and a lock whose process is gone (killed) is taken over.

import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { stateDirName } from './journal.js';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
}

export class LockBusyError extends Error {
  constructor(
    readonly holder: LockHolder,
    waitedMs: number,
  ) {
    super(
      `another scaffolder command is running in this repository (${holder.command}, pid ` +
        `${holder.pid}, started ${holder.startedAt}); waited ${Math.round(waitedMs / 1000)} s ` +
        'for it: try again when it has finished',
    );
    this.name = 'LockBusyError';
  }
}

export interface ScaffoldLock {
  /** Set when a stale lock (its process gone) was taken over. */
  readonly takenOverFrom: LockHolder | undefined;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for a running holder before refusing. */
  waitMs?: number;
  /** Told once when the lock is busy and the run starts to wait. */
  onWait?: (holder: LockHolder) => void;
}

export function lockPath(root: string): string {
  return path.join(root, stateDirName, 'lock');
}

export async function acquireLock(
  root: string,
  command: string,
  options: LockOptions = {},
): Promise<ScaffoldLock> {
  const file = lockPath(root);
  const waitMs = options.waitMs ?? 5_000;
  const started = Date.now();
  let told = false;
  let takenOverFrom: LockHolder | undefined;
  mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    const me: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
    if (tryCreate(file, me)) {
      return {
        takenOverFrom,
        release: () => {
          const holder = readHolder(file);
          if (holder?.pid === process.pid) tryUnlink(file);
          try {
            rmdirSync(path.dirname(file));
          } catch {
            // Not empty (a journal left for recovery) or gone.
          }
        },
      };
    }
    const holder = readHolder(file);
    if (!holder && justCreated(file)) {
      // Its creator has not written its name yet.
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    if (!holder || !isAlive(holder.pid)) {
      // The holder died (or wrote nothing before dying): take the lock over. Removing and
      // re-creating exclusively means only one of two runs doing this at once wins.
      takenOverFrom = holder ?? { pid: 0, command: 'unknown', startedAt: 'unknown' };
      tryUnlink(file);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new LockBusyError(holder, waited);
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tryCreate(file: string, me: LockHolder): boolean {
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // A holder releasing its lock removes the (then empty) state folder: make it again.
      if (code !== 'ENOENT' || attempt >= 3) throw err;
      mkdirSync(path.dirname(file), { recursive: true });
    }
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return undefined;
    return {
      pid: v.pid,
      command: typeof v.command === 'string' ? v.command : 'unknown',
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : 'unknown',
    };
  } catch {
    return undefined;
  }
}

function justCreated(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 1_000;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
