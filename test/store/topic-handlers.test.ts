import { describe, expect, it } from 'vitest';
import type { TopicHandlerRecord } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

function handler(topic: string, id: string, extra: Partial<TopicHandlerRecord> = {}) {
  return { topic, id, kind: 'log', options: { path: `/tmp/${id}.log` }, match: '', ...extra };
}

describe('topic handler repository', () => {
  it('puts, gets and lists handlers sorted by topic then id in byte order', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('system', 'b'));
    topicHandlers.put(handler('cpu', 'z'));
    topicHandlers.put(
      handler('system', 'a', { kind: 'slack', options: null, match: 'level() > 1' }),
    );
    topicHandlers.put(handler('system', 'B'));

    expect(topicHandlers.get('system', 'a')).toEqual({
      topic: 'system',
      id: 'a',
      kind: 'slack',
      options: null,
      match: 'level() > 1',
    });
    expect(topicHandlers.get('system', 'missing')).toBeUndefined();
    expect(topicHandlers.get('cpu', 'a')).toBeUndefined();
    expect(topicHandlers.list().map((h) => `${h.topic}/${h.id}`)).toEqual([
      'cpu/z',
      'system/B',
      'system/a',
      'system/b',
    ]);
    expect(topicHandlers.list('system').map((h) => h.id)).toEqual(['B', 'a', 'b']);
    expect(topicHandlers.list('nope')).toEqual([]);
  });

  it('round-trips nested options', () => {
    const { topicHandlers } = stores.open();
    const options = { to: ['a@example.com'], nested: { n: 1.5, ok: true, none: null }, s: 'é🚀' };
    topicHandlers.put(handler('t', 'h', { options }));
    expect(topicHandlers.get('t', 'h')?.options).toEqual(options);
  });

  it('put replaces an existing handler', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'h'));
    topicHandlers.put(handler('t', 'h', { kind: 'tcp', options: { address: 'x:1' }, match: 'x' }));
    expect(topicHandlers.list()).toEqual([
      { topic: 't', id: 'h', kind: 'tcp', options: { address: 'x:1' }, match: 'x' },
    ]);
  });

  it('delete reports whether the handler existed', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'h'));
    expect(topicHandlers.delete('t', 'h')).toBe(true);
    expect(topicHandlers.delete('t', 'h')).toBe(false);
    expect(topicHandlers.get('t', 'h')).toBeUndefined();
  });

  it('replace renames a handler in one step', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'old'));
    topicHandlers.put(handler('t', 'other'));
    expect(topicHandlers.replace('t', 'old', handler('t', 'new', { kind: 'smtp' }))).toBe(true);
    expect(topicHandlers.list().map((h) => `${h.id}:${h.kind}`)).toEqual(['new:smtp', 'other:log']);
  });

  it('replace under the same key updates in place', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'h'));
    expect(topicHandlers.replace('t', 'h', handler('t', 'h', { match: 'changed()' }))).toBe(true);
    expect(topicHandlers.list()).toEqual([handler('t', 'h', { match: 'changed()' })]);
  });

  it('replace of a missing handler writes nothing and returns false', () => {
    const { topicHandlers } = stores.open();
    expect(topicHandlers.replace('t', 'missing', handler('t', 'new'))).toBe(false);
    expect(topicHandlers.list()).toEqual([]);
  });

  it('replace with an unstorable spec keeps the old handler', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'old'));
    expect(() =>
      topicHandlers.replace('t', 'old', handler('t', 'new', { options: { n: 1n } })),
    ).toThrow(/topic_handlers \(topic="t", id="new"\).*options.*not JSON-serializable/);
    expect(topicHandlers.list()).toEqual([handler('t', 'old')]);
  });

  it('replace rolls back the delete when the insert fails', () => {
    const { topicHandlers } = stores.open();
    topicHandlers.put(handler('t', 'old'));
    // A NULL kind violates NOT NULL only at insert time, after the old row was deleted.
    const broken = handler('t', 'new', { kind: null as unknown as string });
    expect(() => topicHandlers.replace('t', 'old', broken)).toThrow(/NOT NULL/);
    expect(topicHandlers.list()).toEqual([handler('t', 'old')]);
  });
});
