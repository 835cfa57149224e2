// Where the suite's temporary files go: one directory per run, which every test file, host,
// scaffolder process and nested suite gets as TMPDIR (os.tmpdir()), removed when the run ends,
// so nothing a test leaves behind (a host's data directory, say) outlives the run.
//
// It lies on a RAM file system (tmpfs, /dev/shm) when there is one with room: a run makes and
// deletes thousands of files (stores, hosts' data directories, copies of the repository with a
// git repository each, InfluxDB's data). On this machine kind's disk (ext4 with `discard`)
// that was about a quarter of the suite's CPU time, as system time; a tmpfs makes it a
// fraction (README, "The test suite"). Nothing a test proves depends on the file system:
// crash tests kill processes, not the machine.

import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TMPFS_MAGIC = 0x01021994;
/** Room a run needs at its peak (copies of the repository, the nested suite's own), with margin. */
const minFreeBytes = 2 * 1024 ** 3;
/** `condenser-tests-<pid of the run>-XXXXXX`: the run that owns a directory can be told. */
const prefix = 'condenser-tests-';

/** /dev/shm when it is a tmpfs with room, else the system's temporary directory. */
export function testTempBase(candidate = '/dev/shm'): string {
  try {
    const fs = statfsSync(candidate);
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= minFreeBytes) return candidate;
  } catch {
    // no such directory: the system's temporary directory then
  }
  return tmpdir();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's, and running
  }
}

/**
 * The directories of runs that died before their teardown (killed, say): on a tmpfs they hold
 * memory until the machine restarts. A run still going (a nested suite's outer run) keeps its.
 */
export function removeDeadRuns(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix)
      ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1]
      : undefined;
    if (pid !== undefined && !alive(Number(pid))) {
      rmSync(path.join(base, name), { recursive: true, force: true });
    }
  }
}

export default function setup(): () => void {
  const base = testTempBase();
  removeDeadRuns(base);
  const dir = mkdtempSync(path.join(base, `${prefix}${process.pid}-`));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
