// The data directory lock: exclusive while held, free once released or once its holder is gone
// (a stale condenser.pid is reported as taken over), and the holder named when refused.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataDirLockedError,
  lockDataDir,
  PID_FILE_NAME,
  type DataDirLock,
} from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();
const held: DataDirLock[] = [];
afterEach(() => {
  for (const l of held.splice(0)) l.release();
});

function lock(dir: string): DataDirLock {
  const l = lockDataDir(dir);
  held.push(l);
  return l;
}

describe('lockDataDir', () => {
  it('creates the directory, records the holder, refuses a second lock naming it', () => {
    const dir = stores.dir();
    const first = lock(dir);
    expect(first.tookOverFrom).toBeUndefined();
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, PID_FILE_NAME), 'utf8')) as {
      pid: number;
      hostname: string;
    };
    expect(recorded).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    let refused: unknown;
    try {
      lockDataDir(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^data directory ${dir} is in use by another condenser host \\(pid ${process.pid} on `,
      ),
    );
  });

  it('is free again once released, and the pid file is gone', () => {
    const dir = stores.dir();
    lockDataDir(dir).release();
    expect(fs.existsSync(path.join(dir, PID_FILE_NAME))).toBe(false);
    expect(lock(dir).tookOverFrom).toBeUndefined();
  });

  it('a pid file left by a holder that is gone is taken over and reported', () => {
    const dir = stores.dir();
    fs.mkdirSync(dir, { recursive: true });
    const gone = { pid: 4_000_000, hostname: 'old-host', started: '2020-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dir, PID_FILE_NAME), JSON.stringify(gone));
    expect(lock(dir).tookOverFrom).toEqual(gone);
  });

  it('without a readable pid file the holder is "pid unknown"', () => {
    const dir = stores.dir();
    lock(dir);
    fs.writeFileSync(path.join(dir, PID_FILE_NAME), 'garbage');
    expect(() => lockDataDir(dir)).toThrow(
      `(pid unknown: ${PID_FILE_NAME} is missing or unreadable)`,
    );
  });
});
