// store.batchWrites: topic and alert state writes made inside are deferred, the last per row
// wins, and all commit in one transaction before batchWrites returns (what POST /write
// acknowledges after); a failed commit loses the batch's writes together and is reported.

import { describe, expect, it, vi } from 'vitest';
import type { AlertStateRecord, TopicStateRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

function topicState(eventId: string, time = 1n, level = 3): TopicStateRecord {
  return { topic: 't', eventId, message: 'm', details: 'd', time, duration: 0n, level };
}

function alertState(group: string, level: number): AlertStateRecord {
  return { taskId: 'task', node: 'alert2', group, level, firstTriggered: 1n, lastTriggered: 2n };
}

/** Rows as another connection sees them (committed data only). */
function committed(store: ReturnType<typeof stores.open>, sql: string): unknown[] {
  return stores.raw(store.path).prepare(sql).all();
}

describe('store.batchWrites', () => {
  it('commits nothing until fn returns, then everything, last write per row', () => {
    const store = stores.open();
    const seen: unknown[][] = [];
    const onError = vi.fn();
    const result = store.batchWrites(() => {
      store.topicStates.put(topicState('a', 1n));
      store.topicStates.put(topicState('a', 2n));
      store.topicStates.put(topicState('b'));
      store.topicStates.discard('t', 'b');
      store.alertStates.put(alertState('host=x', 3));
      store.alertStates.put(alertState('host=x', 0));
      seen.push(committed(store, 'SELECT event_id FROM topic_states'));
      seen.push(committed(store, 'SELECT group_key FROM alert_states'));
      return 'done';
    }, onError);
    expect(result).toBe('done');
    expect(seen).toEqual([[], []]);
    expect(committed(store, 'SELECT event_id, time FROM topic_states')).toEqual([
      { event_id: 'a', time: 2 },
    ]);
    expect(committed(store, 'SELECT group_key, level FROM alert_states')).toEqual([
      { group_key: 'host=x', level: 0 },
    ]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('lets reads inside the batch see its writes (they commit first)', () => {
    const store = stores.open();
    store.batchWrites(() => {
      store.topicStates.put(topicState('a', 7n));
      expect(store.topicStates.get('t', 'a')?.time).toBe(7n);
      expect(store.alertStates.list('task')).toEqual([]);
      store.alertStates.put(alertState('g', 2));
      expect(store.alertStates.list('task').map((s) => s.level)).toEqual([2]);
    }, vi.fn());
  });

  it('writes at once outside a batch, and joins an open batch when nested', () => {
    const store = stores.open();
    store.topicStates.put(topicState('now'));
    expect(committed(store, 'SELECT event_id FROM topic_states')).toEqual([{ event_id: 'now' }]);
    store.batchWrites(() => {
      store.batchWrites(() => store.topicStates.put(topicState('inner')), vi.fn());
      // the inner call returned, but the outer batch is still open
      expect(committed(store, "SELECT 1 FROM topic_states WHERE event_id = 'inner'")).toEqual([]);
    }, vi.fn());
    expect(committed(store, "SELECT 1 FROM topic_states WHERE event_id = 'inner'")).toHaveLength(1);
  });

  it('reports a failed commit with the rows lost, and keeps none of them', () => {
    const store = stores.open();
    stores
      .raw(store.path)
      .exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON topic_states WHEN NEW.event_id = 'boom' " +
          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
      );
    const onError = vi.fn();
    const result = store.batchWrites(() => {
      store.alertStates.put(alertState('g', 3));
      store.topicStates.put(topicState('fine'));
      store.topicStates.put(topicState('boom'));
      return 42;
    }, onError);
    expect(result).toBe(42);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toContain('refused by the test');
    expect(onError.mock.calls[0]![1]).toBe(3);
    expect(committed(store, 'SELECT 1 FROM topic_states')).toEqual([]);
    expect(committed(store, 'SELECT 1 FROM alert_states')).toEqual([]);
    // the next batch is not affected
    store.batchWrites(() => store.topicStates.put(topicState('later')), onError);
    expect(committed(store, 'SELECT event_id FROM topic_states')).toEqual([{ event_id: 'later' }]);
  });

  it('checks values when they are written, not when the batch commits', () => {
    const store = stores.open();
    const onError = vi.fn();
    expect(() =>
      store.batchWrites(() => store.topicStates.put(topicState('x', 2n ** 64n)), onError),
    ).toThrow(/time/);
    expect(onError).not.toHaveBeenCalled();
  });
});
