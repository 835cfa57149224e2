import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { STORE_FILE_NAME, StoreCorruptionError } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

describe('openStore', () => {
  it('creates the directory recursively and the database file in it', () => {
    const dir = stores.dir();
    expect(fs.existsSync(dir)).toBe(false);
    const store = stores.open(dir);
    expect(store.path).toBe(path.join(dir, STORE_FILE_NAME));
    expect(fs.existsSync(store.path)).toBe(true);
  });

  it('uses WAL mode, synchronous=NORMAL and a busy timeout', () => {
    const dir = stores.dir();
    fs.mkdirSync(dir, { recursive: true });
    const db = openDatabase(path.join(dir, 'x.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('keeps every repository’s rows across close and reopen', () => {
    const dir = stores.dir();
    const first = stores.open(dir);
    first.topicHandlers.put({ topic: 't', id: 'h', kind: 'log', options: null, match: '' });
    first.topicStates.put({
      topic: 't',
      eventId: 'e',
      message: 'm',
      details: 'd',
      time: -1n,
      duration: 9223372036854775807n,
      level: 2,
    });
    first.configOverrides.put({
      section: 'smtp',
      element: '',
      create: false,
      options: { host: 'h' },
      delete: ['port'],
    });
    first.tasks.put({
      id: 'task',
      type: 'batch',
      dbrps: [{ db: 'db', rp: 'rp' }],
      script: 'batch',
      status: 'enabled',
      vars: {},
      templateId: '',
      created: 'c',
      modified: 'm',
      lastEnabled: 'l',
    });
    first.alertStates.put({
      taskId: 'task',
      node: 'alert2',
      group: '',
      level: 1,
      firstTriggered: 1n,
      lastTriggered: 2n,
    });
    first.close();

    const second = stores.open(dir);
    expect(second.topicHandlers.list()).toEqual([
      { topic: 't', id: 'h', kind: 'log', options: null, match: '' },
    ]);
    expect(second.topicStates.get('t', 'e')?.duration).toBe(9223372036854775807n);
    expect(second.topicStates.get('t', 'e')?.time).toBe(-1n);
    expect(second.configOverrides.get('smtp', '')?.delete).toEqual(['port']);
    expect(second.tasks.get('task')?.dbrps).toEqual([{ db: 'db', rp: 'rp' }]);
    expect(second.alertStates.list('task')).toHaveLength(1);
  });
});

describe('store.transaction', () => {
  const handler = (id: string) => ({ topic: 't', id, kind: 'log', options: null, match: '' });

  it('commits all writes of fn and returns its result', () => {
    const store = stores.open();
    const result = store.transaction(() => {
      store.topicHandlers.put(handler('a'));
      store.topicHandlers.put(handler('b'));
      return 42;
    });
    expect(result).toBe(42);
    expect(store.topicHandlers.list().map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('rolls back every write when fn throws', () => {
    const store = stores.open();
    store.topicHandlers.put(handler('keep'));
    expect(() =>
      store.transaction(() => {
        store.topicHandlers.put(handler('a'));
        store.topicHandlers.delete('t', 'keep');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.topicHandlers.list().map((h) => h.id)).toEqual(['keep']);
  });

  it('rolls back and throws when fn is async', async () => {
    const store = stores.open();
    let pending: Promise<void> | undefined;
    expect(() =>
      store.transaction(() => {
        store.topicHandlers.put(handler('a'));
        pending = Promise.resolve();
        return pending;
      }),
    ).toThrow(/must be synchronous/);
    await pending;
    expect(store.topicHandlers.list()).toEqual([]);
  });

  it('nests, including repository methods that use their own transaction', () => {
    const store = stores.open();
    store.topicHandlers.put(handler('old'));
    expect(() =>
      store.transaction(() => {
        store.topicHandlers.replace('t', 'old', handler('new'));
        store.transaction(() => store.topicHandlers.put(handler('inner')));
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(store.topicHandlers.list().map((h) => h.id)).toEqual(['old']);
  });
});

describe('corrupted rows', () => {
  it.each([
    ['topic_handlers', `UPDATE topic_handlers SET options = '{bad'`, 'invalid JSON'],
    ['topic_handlers', `UPDATE topic_handlers SET options = '[1,2]'`, 'unexpected JSON shape'],
  ])('%s: %s gives an error naming table, key and column', (_table, sql, reason) => {
    const store = stores.open();
    store.topicHandlers.put({ topic: 'cpu', id: 'h1', kind: 'log', options: {}, match: '' });
    stores.raw(store.path).exec(sql);
    const expected = `corrupt row in table topic_handlers (topic="cpu", id="h1"): column options: ${reason}`;
    expect(() => store.topicHandlers.get('cpu', 'h1')).toThrow(StoreCorruptionError);
    expect(() => store.topicHandlers.get('cpu', 'h1')).toThrow(expected);
    expect(() => store.topicHandlers.list()).toThrow(expected);
  });

  it('config overrides: a deleted list that is not an array of strings', () => {
    const store = stores.open();
    store.configOverrides.put({
      section: 's',
      element: 'e',
      create: true,
      options: {},
      delete: [],
    });
    stores.raw(store.path).exec(`UPDATE config_overrides SET deleted = '["a", 2]'`);
    expect(() => store.configOverrides.list()).toThrow(
      /config_overrides \(section="s", element="e"\): column deleted: unexpected JSON shape at 1/,
    );
  });

  it('tasks: dbrps of the wrong shape and vars that are not JSON', () => {
    const store = stores.open();
    store.tasks.put({
      id: 'x',
      type: 'stream',
      dbrps: [],
      script: '',
      status: 'disabled',
      vars: {},
      templateId: '',
      created: '',
      modified: '',
      lastEnabled: '',
    });
    const raw = stores.raw(store.path);
    raw.exec(`UPDATE tasks SET dbrps = '[{"db": 1}]'`);
    expect(() => store.tasks.get('x')).toThrow(
      /tasks \(id="x"\): column dbrps: unexpected JSON shape at 0.db/,
    );
    raw.exec(`UPDATE tasks SET dbrps = '[]', vars = ''`);
    expect(() => store.tasks.list()).toThrow(/tasks \(id="x"\): column vars: invalid JSON/);
  });

  it('values outside the CHECK constraints (written with checks disabled) are reported', () => {
    const store = stores.open();
    store.topicStates.put({
      topic: 't',
      eventId: 'e',
      message: '',
      details: '',
      time: 0n,
      duration: 0n,
      level: 1,
    });
    store.alertStates.put({
      taskId: 'x',
      node: 'n',
      group: '',
      level: 1,
      firstTriggered: 0n,
      lastTriggered: 0n,
    });
    store.tasks.put({
      id: 'x',
      type: 'stream',
      dbrps: [],
      script: '',
      status: 'disabled',
      vars: {},
      templateId: '',
      created: '',
      modified: '',
      lastEnabled: '',
    });
    const raw = stores.raw(store.path);
    raw.pragma('ignore_check_constraints = ON');
    raw.exec(`UPDATE topic_states SET level = 7; UPDATE alert_states SET level = -1`);
    raw.exec(`UPDATE tasks SET status = 'paused'`);
    expect(() => store.topicStates.list()).toThrow(
      'corrupt row in table topic_states (topic="t", eventId="e"): column level: level 7 is not 0..3',
    );
    expect(() => store.alertStates.list('x')).toThrow(
      /alert_states \(taskId="x", node="n", group=""\): column level: level -1/,
    );
    expect(() => store.tasks.get('x')).toThrow(
      'corrupt row in table tasks (id="x"): column status: unknown status "paused"',
    );
    raw.exec(`UPDATE tasks SET status = 'enabled', type = 'both'`);
    expect(() => store.tasks.get('x')).toThrow(/column type: unknown type "both"/);
  });
});
