// A folder of cache entries named by their key, for the scaffolder's caches (format-cache.ts,
// analysis-cache.ts). Entries are written through a temporary name and renamed, and carry the
// hash of their content, so a reader sees a whole entry or none and a damaged entry is a miss,
// never a wrong answer. Past `maxEntries`, the oldest half goes (checked once per process, on
// the first write). A cache that cannot be written only makes the scaffolder slower.

import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export class CacheStore {
  private pruned = false;

  constructor(
    readonly dir: string,
    private readonly maxEntries = 4000,
  ) {}

  /** The text kept under `key` (a hex digest), if any and intact. */
  get(key: string): string | undefined {
    let entry: string;
    try {
      entry = readFileSync(path.join(this.dir, key), 'utf8');
    } catch {
      return undefined;
    }
    const text = entry.slice(65);
    return entry[64] === '\n' && entry.slice(0, 64) === sha256(text) ? text : undefined;
  }

  put(key: string, text: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      if (!this.pruned) this.prune();
      const file = path.join(this.dir, key);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${sha256(text)}\n${text}`);
      renameSync(temp, file);
    } catch {
      // read-only or full: go on without the cache
    }
  }

  private prune(): void {
    this.pruned = true;
    const names = readdirSync(this.dir);
    if (names.length <= this.maxEntries) return;
    const aged = names.flatMap((name) => {
      try {
        return [{ name, mtime: statSync(path.join(this.dir, name)).mtimeMs }];
      } catch {
        return [];
      }
    });
    aged.sort((a, b) => a.mtime - b.mtime);
    for (const { name } of aged.slice(0, aged.length - Math.floor(this.maxEntries / 2))) {
      try {
        unlinkSync(path.join(this.dir, name));
      } catch {
        // removed by another process
      }
    }
  }
}
