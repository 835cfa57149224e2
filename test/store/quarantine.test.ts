// Opening a store moves every row its repository could not read into the quarantine table,
// once, keeping the row as stored; the readable rows stay. Also what opening found: a new
// store, a 0-byte file made into one, or an existing store.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE_NAME, type Store } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

function fill(store: Store): void {
  for (const id of ['bad', 'good']) {
    store.topicHandlers.put({ topic: 'cpu', id, kind: 'log', options: { path: '/x' }, match: '' });
    store.topicStates.put({
      topic: 'cpu',
      eventId: id,
      message: 'm',
      details: '',
      time: 1n,
      duration: 0n,
      level: 2,
    });
    store.tasks.put({
      id,
      type: 'stream',
      dbrps: [],
      script: 'stream',
      status: 'enabled',
      vars: {},
      templateId: '',
      created: '',
      modified: '',
      lastEnabled: '',
    });
    store.configOverrides.put({
      section: 'httppost',
      element: id,
      create: true,
      options: {},
      delete: [],
    });
    store.alertStates.put({
      taskId: 't',
      node: 'alert2',
      group: id,
      level: 1,
      firstTriggered: 1n,
      lastTriggered: 2n,
    });
  }
}

describe('quarantine at open', () => {
  it('moves one corrupt row per table aside, keeps the rest, and does it once', () => {
    const dir = stores.dir();
    const first = stores.open(dir);
    fill(first);
    first.close();
    const raw = stores.raw(path.join(dir, STORE_FILE_NAME));
    raw.pragma('ignore_check_constraints = ON');
    raw.exec(`
      UPDATE topic_handlers SET options = '{bad' WHERE id = 'bad';
      UPDATE topic_states SET level = 7 WHERE event_id = 'bad';
      UPDATE tasks SET dbrps = '[{"db": 1}]' WHERE id = 'bad';
      UPDATE config_overrides SET deleted = '["a", 2]' WHERE element = 'bad';
      UPDATE alert_states SET level = -1 WHERE group_key = 'bad';
    `);
    raw.close();

    const second = stores.open(dir);
    expect(second.quarantined.map(({ id: _id, ...q }) => q)).toEqual([
      { table: 'topic_handlers', key: { topic: 'cpu', id: 'bad' }, column: 'options', reason: 'invalid JSON' },
      { table: 'topic_states', key: { topic: 'cpu', event_id: 'bad' }, column: 'level', reason: 'level 7 is not 0..3' },
      { table: 'config_overrides', key: { section: 'httppost', element: 'bad' }, column: 'deleted', reason: 'unexpected JSON shape at 1: Invalid input: expected string, received number' },
      { table: 'tasks', key: { id: 'bad' }, column: 'dbrps', reason: 'unexpected JSON shape at 0.db: Invalid input: expected string, received number' },
      { table: 'alert_states', key: { task_id: 't', node: 'alert2', group_key: 'bad' }, column: 'level', reason: 'level -1 is not 0..3' },
    ]); // prettier-ignore
    expect(second.topicHandlers.list().map((h) => h.id)).toEqual(['good']);
    expect(second.topicStates.list().map((s) => s.eventId)).toEqual(['good']);
    expect(second.tasks.list().map((t) => t.id)).toEqual(['good']);
    expect(second.configOverrides.list().map((o) => o.element)).toEqual(['good']);
    expect(second.alertStates.list('t').map((a) => a.group)).toEqual(['good']);

    const kept = second.quarantine.list();
    expect(kept).toHaveLength(5);
    expect(kept[0]).toMatchObject({
      table: 'topic_handlers',
      row: { topic: 'cpu', id: 'bad', kind: 'log', options: '{bad', match: '' },
    });
    // int64 columns keep every digit, as strings
    expect(kept[1]!.row).toMatchObject({ level: '7', time: '1', duration: '0' });
    expect(Date.parse(kept[0]!.movedAt)).not.toBeNaN();
    second.close();

    const third = stores.open(dir);
    expect(third.quarantined).toEqual([]);
    expect(third.quarantine.list()).toHaveLength(5);
  });

  it('a readable store moves nothing', () => {
    const dir = stores.dir();
    fill(stores.open(dir));
    expect(stores.open(dir).quarantined).toEqual([]);
  });
});

describe('what opening found', () => {
  it('created, existing, and a 0-byte file', () => {
    const dir = stores.dir();
    const created = stores.open(dir);
    expect(created.origin).toBe('created');
    created.close();
    const existing = stores.open(dir);
    expect(existing.origin).toBe('existing');
    existing.close();

    const emptyDir = stores.dir();
    fs.mkdirSync(emptyDir, { recursive: true });
    fs.writeFileSync(path.join(emptyDir, STORE_FILE_NAME), '');
    const empty = stores.open(emptyDir);
    expect(empty.origin).toBe('empty-file');
    empty.topicHandlers.put({ topic: 't', id: 'h', kind: 'log', options: null, match: '' });
    expect(empty.topicHandlers.list()).toHaveLength(1);
  });
});
