import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

function task(id: string, extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id,
    type: 'stream',
    dbrps: [{ db: 'mydb', rp: 'myrp' }],
    script: "stream\n    |from()\n        .measurement('cpu')\n",
    status: 'disabled',
    vars: { crit: { type: 'float', value: 2.5, description: '' } },
    templateId: '',
    created: '2024-01-02T03:04:05.123456789Z',
    modified: '2024-01-02T03:04:05.123456789Z',
    lastEnabled: '0001-01-01T00:00:00Z',
    ...extra,
  };
}

describe('task repository', () => {
  it('puts, gets and lists tasks sorted by id', () => {
    const { tasks } = stores.open();
    tasks.put(task('b'));
    tasks.put(
      task('a', {
        type: 'batch',
        status: 'enabled',
        dbrps: [
          { db: 'x', rp: '' },
          { db: 'y', rp: 'autogen' },
        ],
        vars: {},
        templateId: 'tmpl',
      }),
    );
    expect(tasks.get('b')).toEqual(task('b'));
    expect(tasks.get('a')?.dbrps).toEqual([
      { db: 'x', rp: '' },
      { db: 'y', rp: 'autogen' },
    ]);
    expect(tasks.get('c')).toBeUndefined();
    expect(tasks.list().map((t) => `${t.id}:${t.type}:${t.status}:${t.templateId}`)).toEqual([
      'a:batch:enabled:tmpl',
      'b:stream:disabled:',
    ]);
  });

  it('put replaces a task', () => {
    const { tasks } = stores.open();
    tasks.put(task('t'));
    const updated = task('t', { status: 'enabled', script: 'batch', modified: 'later', dbrps: [] });
    tasks.put(updated);
    expect(tasks.list()).toEqual([updated]);
  });

  it('delete reports whether the task existed', () => {
    const { tasks } = stores.open();
    tasks.put(task('t'));
    expect(tasks.delete('t')).toBe(true);
    expect(tasks.delete('t')).toBe(false);
    expect(tasks.list()).toEqual([]);
  });

  it('stores only db and rp of each dbrp', () => {
    const { tasks } = stores.open();
    const dbrp = { db: 'd', rp: 'r', extra: 1 };
    tasks.put(task('t', { dbrps: [dbrp] }));
    expect(tasks.get('t')?.dbrps).toEqual([{ db: 'd', rp: 'r' }]);
  });

  it('rejects an unknown type or status at the schema level', () => {
    const { tasks } = stores.open();
    const bad = task('t', { status: 'paused' as TaskRecord['status'] });
    expect(() => tasks.put(bad)).toThrow(/CHECK constraint/);
    expect(tasks.list()).toEqual([]);
  });
});
