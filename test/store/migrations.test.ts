import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_FILE_NAME, StoreVersionError } from '../../src/store/index.js';
import {
  latestVersion,
  migrate,
  type Migration,
  migrations,
  schemaVersion,
} from '../../src/store/migrations.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

/** Creates `<dir>/condenser.db` with the given user_version and returns its path. */
function databaseAtVersion(dir: string, version: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, STORE_FILE_NAME);
  const db = new Database(file);
  db.exec('CREATE TABLE unrelated (x INTEGER)');
  db.pragma(`user_version = ${version}`);
  db.close();
  return file;
}

function tableNames(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`,
    )
    .all()
    .map((row) => row.name);
}

describe('schema migrations', () => {
  it('migrates a database at version 0 to the latest version', () => {
    const dir = stores.dir();
    const file = databaseAtVersion(dir, 0);
    const store = stores.open(dir);
    store.topicHandlers.put({ topic: 't', id: 'h', kind: 'log', options: null, match: '' });

    const raw = stores.raw(file);
    expect(schemaVersion(raw)).toBe(latestVersion());
    expect(latestVersion()).toBe(migrations.length);
    expect(tableNames(raw)).toEqual([
      'alert_states',
      'config_overrides',
      'quarantine',
      'tasks',
      'topic_handlers',
      'topic_states',
      'unrelated',
    ]);
  });

  it('applies nothing when the database is current', () => {
    const dir = stores.dir();
    const store = stores.open(dir);
    store.close();
    const raw = stores.raw(path.join(dir, STORE_FILE_NAME));
    expect(migrate(raw)).toEqual([]);
    expect(schemaVersion(raw)).toBe(latestVersion());
  });

  it('refuses a database newer than the code, naming both versions, and leaves it alone', () => {
    const dir = stores.dir();
    const newer = latestVersion() + 1;
    const file = databaseAtVersion(dir, newer);
    const before = fs.readFileSync(file);

    expect(() => stores.open(dir)).toThrow(StoreVersionError);
    expect(() => stores.open(dir)).toThrow(
      `database ${file} has schema version ${newer}, but this Condenser supports versions up to ` +
        `${latestVersion()}; upgrade Condenser or point it at another data directory`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  describe('with custom steps', () => {
    const steps: Migration[] = [
      { version: 1, description: 'a', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
      { version: 2, description: 'b', up: (db) => db.exec('CREATE TABLE b (x INTEGER)') },
      {
        version: 3,
        description: 'c fails halfway',
        up(db) {
          db.exec('CREATE TABLE c (x INTEGER)');
          throw new Error('step 3 failed');
        },
      },
    ];

    function freshDatabase(): Database.Database {
      const dir = stores.dir();
      fs.mkdirSync(dir, { recursive: true });
      return stores.raw(path.join(dir, 'custom.db'));
    }

    it('applies only the steps after the current version, in order', () => {
      const db = freshDatabase();
      db.pragma('user_version = 1');
      expect(migrate(db, steps.slice(0, 2))).toEqual([2]);
      expect(tableNames(db)).toEqual(['b']);
      expect(schemaVersion(db)).toBe(2);
    });

    it('rolls back a failing step and keeps the steps before it', () => {
      const db = freshDatabase();
      expect(() => migrate(db, steps)).toThrow('step 3 failed');
      expect(tableNames(db)).toEqual(['a', 'b']);
      expect(schemaVersion(db)).toBe(2);
    });

    it('rejects steps that are not numbered 1, 2, 3, ...', () => {
      const db = freshDatabase();
      expect(() => migrate(db, [steps[1]!])).toThrow(/version 2, expected 1/);
      expect(schemaVersion(db)).toBe(0);
    });
  });
});
