// The intent journal that makes a commit crash-safe. Before the first file of a commit is
// touched, every change (path, content before, content after, mode) is written to
// `.condenser-scaffold/journal.json` (temp file, fsync, rename: the rename is the commit
// point). The files are then switched one by one and the journal is removed last. A run that
// dies anywhere in between (SIGKILL, power loss) leaves a journal, and the next scaffolder
// command finishes it from the journal's own copy of every file before doing anything else.
// A run that died before the commit point left only a journal temp file: nothing to undo.

import * as nodeFs from 'node:fs';
import path from 'node:path';

/** The scaffolder's own state folder at the repository root (lock + journal); gitignored. */
export const stateDirName = '.condenser-scaffold';

/** The file-system calls a commit makes; tests pass a wrapper to inject failures. */
export type CommitFileSystem = Pick<
  typeof nodeFs,
  | 'writeFileSync'
  | 'readFileSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'mkdirSync'
  | 'rmdirSync'
  | 'readdirSync'
  | 'statSync'
  | 'chmodSync'
  | 'existsSync'
  | 'openSync'
  | 'fsyncSync'
  | 'closeSync'
>;

export interface JournalEntry {
  /** Repo-relative, POSIX separators. */
  path: string;
  /** Content before the commit; null when the commit creates the file. */
  before: string | null;
  /** Content after the commit; null when the commit deletes the file. */
  after: string | null;
  /** Mode of the file being replaced, kept on the new content. */
  mode: number | null;
}

export interface JournalRecord {
  version: 1;
  /** What made the commit, for messages: `new-handler foo`. */
  command: string;
  pid: number;
  startedAt: string;
  entries: JournalEntry[];
  /** Folders the commit creates (outermost first): removed again if it is rolled back. */
  createdDirs: string[];
  /** Folders the commit empties: removed once empty. */
  emptiedDirs: string[];
}

/** What recovery found and did. */
export type Recovery =
  | { action: 'none' }
  | { action: 'discarded'; detail: string }
  | { action: 'finished'; command: string; pid: number; files: number }
  | { action: 'rolled back'; command: string; pid: number; files: number; reason: string };

/** A commit that failed and could not be undone; the journal is kept for the next run. */
export class RollbackError extends Error {
  constructor(
    readonly failure: unknown,
    readonly unrestored: string[],
  ) {
    super(
      `commit failed (${messageOf(failure)}) and these files could not be restored: ` +
        `${unrestored.join(', ')}; the next scaffolder command will try again`,
    );
    this.name = 'RollbackError';
  }
}

export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** A pause between the steps of a commit; tests slow commits down to interrupt them. */
export type StepHook = () => Promise<void>;

/**
 * The test hook: `CONDENSER_TEST_COMMIT_STEP_DELAY_MS=<ms>` waits that long before each step
 * of a commit, so a test can kill the process inside the commit window on purpose.
 */
export function stepHookFromEnv(env: NodeJS.ProcessEnv = process.env): StepHook | undefined {
  const ms = Number(env.CONDENSER_TEST_COMMIT_STEP_DELAY_MS ?? '');
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return () => new Promise((resolve) => setTimeout(resolve, ms));
}

export class Journal {
  readonly dir: string;
  readonly file: string;
  private readonly temp: string;

  constructor(
    readonly root: string,
    private readonly fs: CommitFileSystem = nodeFs,
  ) {
    this.dir = path.join(root, stateDirName);
    this.file = path.join(this.dir, 'journal.json');
    this.temp = path.join(this.dir, 'journal.json.tmp');
  }

  /** Write the journal durably; once this returns, the commit will be finished by someone. */
  record(record: JournalRecord): void {
    this.fs.mkdirSync(this.dir, { recursive: true });
    writeDurably(this.fs, this.temp, JSON.stringify(record));
    this.fs.renameSync(this.temp, this.file);
    syncDir(this.fs, this.dir);
  }

  /** Remove the journal (the commit is complete or undone), and the state folder if empty. */
  clear(): void {
    tryUnlink(this.fs, this.file);
    tryUnlink(this.fs, this.temp);
    syncDir(this.fs, this.dir);
    tryRemoveEmptyDir(this.fs, this.dir);
  }

  read(): JournalRecord | undefined {
    if (!this.fs.existsSync(this.file)) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(this.fs.readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new JournalError(
        `${path.relative(this.root, this.file)}: unreadable (${messageOf(err)}); ` +
          'check `git status`, then delete the file by hand',
      );
    }
    if (!isRecord(raw)) {
      throw new JournalError(
        `${path.relative(this.root, this.file)}: not a journal this scaffolder wrote; ` +
          'check `git status`, then delete the file by hand',
      );
    }
    return raw;
  }

  /**
   * Finish or undo whatever an earlier run left: a journal is finished (every file written as
   * it records); if that fails, the commit is rolled back from the journal's `before` copies.
   */
  async recover(): Promise<Recovery> {
    const record = this.read();
    if (!record) {
      if (!this.fs.existsSync(this.temp)) return { action: 'none' };
      tryUnlink(this.fs, this.temp);
      tryRemoveEmptyDir(this.fs, this.dir);
      return {
        action: 'discarded',
        detail: 'a commit was interrupted before it wrote any file; nothing to undo',
      };
    }
    const files = record.entries.length;
    try {
      await applyForward(this.fs, this.root, record);
    } catch (err) {
      const unrestored = applyBackward(this.fs, this.root, record);
      if (unrestored.length > 0) throw new RollbackError(err, unrestored);
      this.clear();
      return {
        action: 'rolled back',
        command: record.command,
        pid: record.pid,
        files,
        reason: messageOf(err),
      };
    }
    this.clear();
    return { action: 'finished', command: record.command, pid: record.pid, files };
  }
}

/** Write every entry's `after` (idempotent: a file already right is left alone). */
export async function applyForward(
  fs: CommitFileSystem,
  root: string,
  record: JournalRecord,
  beforeStep?: StepHook,
): Promise<void> {
  for (const dir of record.createdDirs) mkdirIfMissing(fs, path.join(root, dir));
  for (const entry of record.entries) {
    await beforeStep?.();
    putContent(fs, root, entry.path, entry.after, entry.mode);
  }
  for (const dir of [...record.emptiedDirs].sort((a, b) => b.length - a.length)) {
    removeEmptyTree(fs, path.join(root, dir));
  }
}

/** Put every entry's `before` back; returns the paths that could not be restored. */
export function applyBackward(fs: CommitFileSystem, root: string, record: JournalRecord): string[] {
  const unrestored: string[] = [];
  for (const entry of [...record.entries].reverse()) {
    try {
      if (entry.before !== null) {
        mkdirIfMissing(fs, path.dirname(path.join(root, entry.path)));
      }
      putContent(fs, root, entry.path, entry.before, entry.mode);
    } catch {
      unrestored.push(entry.path);
    }
  }
  for (const dir of [...record.createdDirs].reverse()) tryRemoveEmptyDir(fs, path.join(root, dir));
  return unrestored;
}

/**
 * Make `relPath` hold `content` (null: not exist), atomically per file: a temp file beside
 * it with a fixed name (so recovery finds leftovers), fsynced, renamed over the target.
 */
function putContent(
  fs: CommitFileSystem,
  root: string,
  relPath: string,
  content: string | null,
  mode: number | null,
): void {
  const target = path.join(root, relPath);
  const temp = tempSibling(target);
  if (content === null) {
    tryUnlink(fs, temp);
    if (fs.existsSync(target)) fs.unlinkSync(target);
    return;
  }
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === content) {
    tryUnlink(fs, temp);
    return;
  }
  writeDurably(fs, temp, content);
  if (mode !== null) fs.chmodSync(temp, mode & 0o7777);
  fs.renameSync(temp, target);
}

/** `.<name>.condenser-tmp` beside the target. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.condenser-tmp`);
}

function writeDurably(fs: CommitFileSystem, file: string, content: string): void {
  fs.writeFileSync(file, content);
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDir(fs: CommitFileSystem, dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function mkdirIfMissing(fs: CommitFileSystem, dir: string): void {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
}

function removeEmptyTree(fs: CommitFileSystem, dir: string): void {
  let entries: nodeFs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeEmptyTree(fs, path.join(dir, e.name));
  tryRemoveEmptyDir(fs, dir);
}

export function tryRemoveEmptyDir(fs: CommitFileSystem, dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (someone else's file) or already gone: leave it.
  }
}

function tryUnlink(fs: CommitFileSystem, file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function isRecord(v: unknown): v is JournalRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<JournalRecord>;
  const isEntry = (e: unknown): boolean => {
    if (typeof e !== 'object' || e === null) return false;
    const x = e as Partial<JournalEntry>;
    const text = (t: unknown) => t === null || typeof t === 'string';
    return (
      typeof x.path === 'string' &&
      !path.isAbsolute(x.path) &&
      !x.path.split('/').includes('..') &&
      text(x.before) &&
      text(x.after) &&
      (x.mode === null || typeof x.mode === 'number')
    );
  };
  const dirs = (d: unknown) =>
    Array.isArray(d) && d.every((s) => typeof s === 'string' && !s.split('/').includes('..'));
  return (
    r.version === 1 &&
    typeof r.command === 'string' &&
    typeof r.pid === 'number' &&
    Array.isArray(r.entries) &&
    r.entries.every(isEntry) &&
    dirs(r.createdDirs) &&
    dirs(r.emptiedDirs)
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
