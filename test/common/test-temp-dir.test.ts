// The suite's own temporary directory (test/global-setup.ts): where it goes, and that the
// directories of dead runs are removed while a running one's stay.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDeadRuns, testTempBase } from '../global-setup.js';

describe('the test run directory', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'condenser-temp-base-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('is the system temporary directory where the candidate is no tmpfs', () => {
    expect(testTempBase(path.join(base, 'missing'))).toBe(tmpdir());
    // /proc: a file system that is there and is no tmpfs (the repository may be on one).
    expect(testTempBase('/proc')).toBe(tmpdir());
  });

  it("removes dead runs' directories and keeps a live run's and others'", () => {
    // a pid that was in use and is not anymore: a process that has exited
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const names = [`condenser-tests-${dead}-aaaaaa`, `condenser-tests-${process.pid}-bbbbbb`];
    names.push('condenser-tests-x-cccccc', 'other-dddddd');
    for (const name of names) mkdirSync(path.join(base, name, 'inside'), { recursive: true });
    removeDeadRuns(base);
    expect(names.map((n) => existsSync(path.join(base, n)))).toEqual([false, true, true, true]);
  });
});
