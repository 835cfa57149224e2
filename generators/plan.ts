// A staged, in-memory change set over the repository (the idea of Nx devkit's Tree): generators
// read, write and delete through it, nothing touches the disk until `commit()`, and `diff()`
// shows exactly what a commit would do. That is what makes `--dry-run`, `--check` and
// all-or-nothing runs possible.

import * as nodeFs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface FileChange {
  /** Repo-relative, POSIX separators. */
  path: string;
  kind: ChangeKind;
  /** Content on disk; undefined for a created file. */
  before: string | undefined;
  /** Staged content; undefined for a deleted file. */
  after: string | undefined;
}

/** The file-system calls `commit()` makes; tests pass a wrapper to inject failures. */
export type CommitFileSystem = Pick<
  typeof nodeFs,
  | 'writeFileSync'
  | 'renameSync'
  | 'linkSync'
  | 'copyFileSync'
  | 'unlinkSync'
  | 'mkdirSync'
  | 'rmdirSync'
  | 'readdirSync'
  | 'statSync'
  | 'chmodSync'
>;

export interface PlanOptions {
  /** Repository root; every path given to the plan is relative to it. */
  root: string;
  fs?: CommitFileSystem;
}

/** A commit that failed and could not put every file back; the backups named are kept. */
export class RollbackError extends Error {
  constructor(
    readonly failure: unknown,
    readonly unrestored: string[],
  ) {
    super(
      `commit failed (${messageOf(failure)}) and these files could not be restored from their ` +
        `backups: ${unrestored.join(', ')}`,
    );
    this.name = 'RollbackError';
  }
}

/** What `commit()` did to one file, in order, so that a failure can be undone. */
type JournalEntry =
  | { op: 'created'; target: string }
  | { op: 'replaced'; target: string; backup: string }
  | { op: 'removed'; target: string; backup: string };

export class Plan {
  readonly root: string;
  private readonly fs: CommitFileSystem;
  /** Staged content by repo-relative path; `null` = staged for deletion. */
  private readonly staged = new Map<string, string | null>();
  /** Folders deleted as a whole: removed from disk after commit once empty. */
  private readonly deletedDirs = new Set<string>();

  constructor(options: PlanOptions) {
    this.root = path.resolve(options.root);
    this.fs = options.fs ?? nodeFs;
  }

  /** Absolute path of a repo-relative path. */
  absolute(relPath: string): string {
    return path.join(this.root, this.normalize(relPath));
  }

  /** Whether a file exists once the staged changes apply (folders: see `isDirectory`). */
  exists(relPath: string): boolean {
    return this.tryRead(relPath) !== undefined;
  }

  /** Whether a folder holds at least one file once the staged changes apply. */
  isDirectory(relPath: string): boolean {
    return this.filesUnder(relPath).length > 0;
  }

  read(relPath: string): string {
    const content = this.tryRead(relPath);
    if (content === undefined) throw new Error(`${this.normalize(relPath)}: no such file`);
    return content;
  }

  tryRead(relPath: string): string | undefined {
    const p = this.normalize(relPath);
    const staged = this.staged.get(p);
    if (staged !== undefined) return staged ?? undefined;
    return this.readDisk(p);
  }

  write(relPath: string, content: string): void {
    const p = this.normalize(relPath);
    // Writing what is on disk stages nothing, so an idempotent run has no changes.
    if (this.readDisk(p) === content) this.staged.delete(p);
    else this.staged.set(p, content);
  }

  /** Delete a file, or a folder with everything in it. */
  delete(relPath: string): void {
    const p = this.normalize(relPath);
    if (this.exists(p)) {
      this.stageDeletion(p);
      return;
    }
    const files = this.filesUnder(p);
    if (files.length === 0) throw new Error(`${p}: nothing to delete`);
    for (const file of files) this.stageDeletion(file);
    this.deletedDirs.add(p);
  }

  /** Names of the entries (files and folders) directly inside a folder, sorted. */
  list(relDir: string): string[] {
    const dir = this.normalize(relDir);
    const names = new Set<string>();
    for (const file of this.filesUnder(dir)) {
      const rest = dir === '' ? file : file.slice(dir.length + 1);
      names.add(rest.split('/')[0]!);
    }
    return [...names].sort();
  }

  /** Every repo-relative file path under a folder, after the staged changes, sorted. */
  filesUnder(relDir: string): string[] {
    const dir = this.normalize(relDir);
    const prefix = dir === '' ? '' : `${dir}/`;
    const files = new Set(this.diskFilesUnder(dir));
    for (const [p, content] of this.staged) {
      if (!p.startsWith(prefix)) continue;
      if (content === null) files.delete(p);
      else files.add(p);
    }
    return [...files].sort();
  }

  /** The staged changes that differ from the disk, sorted by path. */
  changes(): FileChange[] {
    const changes: FileChange[] = [];
    for (const [p, after] of [...this.staged].sort(([a], [b]) => compare(a, b))) {
      const before = this.readDisk(p);
      if (after === null) {
        if (before !== undefined)
          changes.push({ path: p, kind: 'deleted', before, after: undefined });
      } else if (before === undefined) {
        changes.push({ path: p, kind: 'created', before, after });
      } else if (before !== after) {
        changes.push({ path: p, kind: 'updated', before, after });
      }
    }
    return changes;
  }

  /** A unified diff of every change (git-style a/ b/ paths, /dev/null for created/deleted). */
  diff(): string {
    return this.changes()
      .map((c) =>
        createTwoFilesPatch(
          c.kind === 'created' ? '/dev/null' : `a/${c.path}`,
          c.kind === 'deleted' ? '/dev/null' : `b/${c.path}`,
          c.before ?? '',
          c.after ?? '',
          undefined,
          undefined,
          { headerOptions: FILE_HEADERS_ONLY },
        ),
      )
      .join('');
  }

  /**
   * Write every change to disk, all or nothing. New contents go to temp files next to their
   * targets and every file being replaced or deleted gets a backup first; then the temp files
   * are renamed over the targets and deletions happen last. If any step fails, what was
   * already switched is restored from the backups and the error is rethrown. The calls are
   * synchronous on purpose: a signal (Ctrl-C) cannot run a handler between two renames.
   */
  commit(): FileChange[] {
    const changes = this.changes();
    const writes = changes.filter((c) => c.kind !== 'deleted');
    const deletions = changes.filter((c) => c.kind === 'deleted');
    const temps = new Map<string, string>();
    const backups = new Map<string, string>();
    const createdDirs: string[] = [];
    const journal: JournalEntry[] = [];
    try {
      for (const change of writes) {
        const target = this.absolute(change.path);
        createdDirs.push(...this.makeParentDirs(target));
        const temp = siblingName(target, 'tmp');
        this.fs.writeFileSync(temp, change.after ?? '');
        temps.set(change.path, temp);
        if (change.kind === 'updated') this.fs.chmodSync(temp, this.fs.statSync(target).mode);
      }
      for (const change of changes) {
        if (change.kind === 'created') continue;
        const target = this.absolute(change.path);
        const backup = siblingName(target, 'bak');
        this.backUp(target, backup);
        backups.set(change.path, backup);
      }
      for (const change of writes) {
        const target = this.absolute(change.path);
        this.fs.renameSync(temps.get(change.path)!, target);
        temps.delete(change.path);
        const backup = backups.get(change.path);
        journal.push(
          backup === undefined ? { op: 'created', target } : { op: 'replaced', target, backup },
        );
      }
      for (const change of deletions) {
        const target = this.absolute(change.path);
        this.fs.unlinkSync(target);
        journal.push({ op: 'removed', target, backup: backups.get(change.path)! });
      }
    } catch (err) {
      const unrestored = this.rollBack(journal);
      for (const temp of temps.values()) this.tryUnlink(temp);
      if (unrestored.length > 0) throw new RollbackError(err, unrestored);
      for (const backup of backups.values()) this.tryUnlink(backup);
      for (const dir of createdDirs.reverse()) this.tryRemoveEmptyDir(dir);
      throw err;
    }
    // Committed: backups and emptied folders are leftovers, and failing to tidy them up must
    // not report the commit as failed.
    for (const backup of backups.values()) this.tryUnlink(backup);
    const emptied = [...this.deletedDirs].sort((a, b) => b.length - a.length);
    for (const dir of emptied) this.removeEmptyTree(this.absolute(dir));
    this.staged.clear();
    this.deletedDirs.clear();
    return changes;
  }

  private stageDeletion(p: string): void {
    if (this.readDisk(p) === undefined) this.staged.delete(p);
    else this.staged.set(p, null);
  }

  private normalize(relPath: string): string {
    const p = path.posix.normalize(relPath.split(path.sep).join('/')).replace(/\/+$/, '');
    if (path.isAbsolute(p) || p === '..' || p.startsWith('../')) {
      throw new Error(`${relPath}: plan paths must be relative to the repository root`);
    }
    return p === '.' ? '' : p;
  }

  private readDisk(p: string): string | undefined {
    try {
      return nodeFs.readFileSync(path.join(this.root, p), 'utf8');
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'EISDIR') || isCode(err, 'ENOTDIR')) {
        return undefined;
      }
      throw err;
    }
  }

  private diskFilesUnder(dir: string): string[] {
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(path.join(this.root, dir), { withFileTypes: true });
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return [];
      throw err;
    }
    return entries.flatMap((e) => {
      const p = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.isDirectory()) return this.diskFilesUnder(p);
      return e.isFile() ? [p] : [];
    });
  }

  /** Create missing parent folders; returns those created, outermost first. */
  private makeParentDirs(target: string): string[] {
    const missing: string[] = [];
    for (let dir = path.dirname(target); !nodeFs.existsSync(dir); dir = path.dirname(dir)) {
      missing.unshift(dir);
    }
    for (const dir of missing) this.fs.mkdirSync(dir);
    return missing;
  }

  /** A backup the target keeps existing beside: a hard link, or a copy where links fail. */
  private backUp(target: string, backup: string): void {
    try {
      this.fs.linkSync(target, backup);
    } catch {
      this.fs.copyFileSync(target, backup);
    }
  }

  /** Undo journal entries, newest first; returns the targets that could not be restored. */
  private rollBack(journal: JournalEntry[]): string[] {
    const unrestored: string[] = [];
    for (const entry of [...journal].reverse()) {
      try {
        if (entry.op === 'created') this.fs.unlinkSync(entry.target);
        else this.fs.renameSync(entry.backup, entry.target);
      } catch {
        unrestored.push(
          entry.op === 'created' ? entry.target : `${entry.target} (${entry.backup})`,
        );
      }
    }
    return unrestored;
  }

  private removeEmptyTree(dir: string): void {
    let entries: nodeFs.Dirent[];
    try {
      entries = this.fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory()) this.removeEmptyTree(path.join(dir, e.name));
    this.tryRemoveEmptyDir(dir);
  }

  private tryRemoveEmptyDir(dir: string): void {
    try {
      this.fs.rmdirSync(dir);
    } catch {
      // Not empty (someone else's file) or already gone: leave it.
    }
  }

  private tryUnlink(file: string): void {
    try {
      this.fs.unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
}

let siblingCounter = 0;

/** A hidden name next to `target`, unique within this process. */
function siblingName(target: string, suffix: 'tmp' | 'bak'): string {
  siblingCounter += 1;
  const name = `.${path.basename(target)}.condenser-${process.pid}-${siblingCounter}.${suffix}`;
  return path.join(path.dirname(target), name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
