// Test helpers: a fresh data directory per test, removed afterwards with any open store.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';

export interface TempStores {
  /** A new empty directory (not created: openStore must create it). */
  dir(): string;
  /** Opens a store in dir (default: a new directory); closed after the test. */
  open(dir?: string): Store;
  /** A raw connection to a store's file, for tampering and inspection; closed after the test. */
  raw(file: string): Database.Database;
}

export function useTempStores(): TempStores {
  const dirs: string[] = [];
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) {
      try {
        close();
      } catch {
        // already closed by the test
      }
    }
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const dir = (): string => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'condenser-store-'));
    dirs.push(parent);
    return path.join(parent, 'nested', 'data');
  };
  return {
    dir,
    open(at = dir()) {
      const store = openStore(at);
      closers.push(() => store.close());
      return store;
    },
    raw(file) {
      const db = new Database(file);
      closers.push(() => db.close());
      return db;
    },
  };
}
