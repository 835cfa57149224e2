// A staged, in-memory change set over the repository (the idea of Nx devkit's Tree): generators
// read, write and delete through it, nothing touches the disk until `commit()`, and `diff()`
// shows exactly what a commit would do. That is what makes `--dry-run`, `--check` and
// all-or-nothing runs possible.

import * as nodeFs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import {
  applyBackward,
  applyForward,
  Journal,
  RollbackError,
  type CommitFileSystem,
  type JournalRecord,
  type StepHook,
} from './journal.js';

export { RollbackError, type CommitFileSystem } from './journal.js';

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

export interface PlanOptions {
  /** Repository root; every path given to the plan is relative to it. */
  root: string;
  fs?: CommitFileSystem;
}

export interface CommitOptions {
  /** What makes the commit, recorded in the journal for messages: `new-handler foo`. */
  command?: string;
  /** Awaited before each file is switched (the test hook that slows commits down). */
  beforeStep?: StepHook;
}

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
   * Write every change to disk, all or nothing, crash-safe. The intent journal (every path
   * with its content before and after) is written durably first; then each file is switched
   * atomically (temp file + rename) and the journal is removed last. If a step fails, the
   * files already switched are put back from the journal and the error is rethrown; if the
   * process dies instead, the next scaffolder command finishes the commit from the journal
   * (`Journal.recover`).
   */
  async commit(options: CommitOptions = {}): Promise<FileChange[]> {
    const changes = this.changes();
    if (changes.length === 0) return changes;
    const record: JournalRecord = {
      version: 1,
      command: options.command ?? 'commit',
      pid: process.pid,
      startedAt: new Date().toISOString(),
      entries: changes.map((c) => ({
        path: c.path,
        before: c.before ?? null,
        after: c.after ?? null,
        mode: c.kind === 'updated' ? this.fs.statSync(this.absolute(c.path)).mode : null,
      })),
      createdDirs: this.missingDirs(changes),
      emptiedDirs: [...this.deletedDirs],
    };
    const journal = new Journal(this.root, this.fs);
    try {
      journal.record(record);
    } catch (err) {
      journal.clear();
      throw err;
    }
    try {
      await applyForward(this.fs, this.root, record, options.beforeStep);
    } catch (err) {
      const unrestored = applyBackward(this.fs, this.root, record);
      if (unrestored.length > 0) throw new RollbackError(err, unrestored);
      journal.clear();
      throw err;
    }
    journal.clear();
    this.staged.clear();
    this.deletedDirs.clear();
    return changes;
  }

  /** Folders that created files need and that do not exist yet, outermost first. */
  private missingDirs(changes: FileChange[]): string[] {
    const missing = new Set<string>();
    for (const change of changes) {
      if (change.kind !== 'created') continue;
      const chain: string[] = [];
      for (let dir = path.posix.dirname(change.path); dir !== '.'; dir = path.posix.dirname(dir)) {
        if (nodeFs.existsSync(path.join(this.root, dir))) break;
        chain.unshift(dir);
      }
      for (const dir of chain) missing.add(dir);
    }
    return [...missing].sort((a, b) => a.length - b.length || compare(a, b));
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
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}
