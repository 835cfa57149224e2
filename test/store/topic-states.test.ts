import { describe, expect, it } from 'vitest';
import { StoreValueError, type TopicStateRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

function state(topic: string, eventId: string, extra: Partial<TopicStateRecord> = {}) {
  return {
    topic,
    eventId,
    message: `${eventId} is CRITICAL`,
    details: '{"a":1}',
    time: 2_000_000n,
    duration: 2_000_000n,
    level: 3,
    ...extra,
  };
}

describe('topic state repository', () => {
  it('puts, gets and lists states sorted by topic then event id', () => {
    const { topicStates } = stores.open();
    topicStates.put(state('tcp', 'id-b'));
    topicStates.put(state('cpu', 'x', { level: 1, message: 'warn', details: '' }));
    topicStates.put(state('tcp', 'id-a', { level: 2 }));

    expect(topicStates.get('cpu', 'x')).toEqual(
      state('cpu', 'x', { level: 1, message: 'warn', details: '' }),
    );
    expect(topicStates.get('cpu', 'id-a')).toBeUndefined();
    expect(topicStates.list().map((s) => `${s.topic}/${s.eventId}`)).toEqual([
      'cpu/x',
      'tcp/id-a',
      'tcp/id-b',
    ]);
    expect(topicStates.list('tcp').map((s) => [s.eventId, s.level])).toEqual([
      ['id-a', 2],
      ['id-b', 3],
    ]);
  });

  it('put replaces the state of an event', () => {
    const { topicStates } = stores.open();
    topicStates.put(state('t', 'e'));
    topicStates.put(state('t', 'e', { level: 0, time: 5n, duration: 0n, message: 'ok' }));
    expect(topicStates.list()).toEqual([
      state('t', 'e', { level: 0, time: 5n, duration: 0n, message: 'ok' }),
    ]);
  });

  it('delete removes one event, deleteTopic all events of a topic', () => {
    const { topicStates } = stores.open();
    topicStates.put(state('t', 'a'));
    topicStates.put(state('t', 'b'));
    topicStates.put(state('t', 'c'));
    topicStates.put(state('u', 'a'));
    expect(topicStates.delete('t', 'a')).toBe(true);
    expect(topicStates.delete('t', 'a')).toBe(false);
    expect(topicStates.deleteTopic('t')).toBe(2);
    expect(topicStates.deleteTopic('t')).toBe(0);
    expect(topicStates.list().map((s) => `${s.topic}/${s.eventId}`)).toEqual(['u/a']);
  });

  it.each([
    ['int64 max', INT64_MAX, INT64_MAX],
    ['int64 min', INT64_MIN, INT64_MIN],
    ['negative time', -1_234_567_890_123_456_789n, 1n],
    ['beyond 2^53', 2n ** 53n + 1n, -(2n ** 53n) - 1n],
    ['zero', 0n, 0n],
  ])('round-trips %s exactly as bigint', (_name, time, duration) => {
    const dir = stores.dir();
    const first = stores.open(dir);
    first.topicStates.put(state('t', 'e', { time, duration }));
    const read = first.topicStates.get('t', 'e');
    expect(read?.time).toBe(time);
    expect(read?.duration).toBe(duration);
    expect(typeof read?.time).toBe('bigint');
    first.close();

    const reopened = stores.open(dir);
    expect(reopened.topicStates.list()[0]?.time).toBe(time);
    expect(reopened.topicStates.list()[0]?.duration).toBe(duration);
  });

  it('refuses values outside int64 and levels outside 0..3 without writing', () => {
    const { topicStates } = stores.open();
    expect(() => topicStates.put(state('t', 'e', { time: INT64_MAX + 1n }))).toThrow(
      StoreValueError,
    );
    expect(() => topicStates.put(state('t', 'e', { duration: INT64_MIN - 1n }))).toThrow(
      /topic_states \(topic="t", eventId="e"\).*duration/,
    );
    expect(() => topicStates.put(state('t', 'e', { level: 4 }))).toThrow(/level/);
    expect(() => topicStates.put(state('t', 'e', { level: 1.5 }))).toThrow(/level/);
    expect(topicStates.list()).toEqual([]);
  });
});
