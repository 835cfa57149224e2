// Batch input (alert-node.md §6): highest/lowest level, event time, `.all()`, empty batches,
// recoveries while flapping, the batch result row and the augmented forwarded batch.

import { describe, expect, it } from 'vitest';
import { GoTime } from '../../../src/common/gotime.js';
import { levelName } from '../../../src/alert/level.js';
import type { Batch, BatchPoint } from '../../../src/task/point.js';
import {
  alertProps,
  at,
  batch,
  lambda,
  pointMsg,
  useAlertHarness,
  type RunningNode,
} from './harness.js';

const harness = useAlertHarness();

const bp = (
  t: number,
  value: number,
  tags: Record<string, string> = { host: 'a' },
): BatchPoint => ({
  time: at(t),
  fields: { value },
  tags,
});

const send = (node: RunningNode, b: Batch): void => node.receive({ kind: 'batch', batch: b });

const levels = {
  info: lambda('"value" > 10'),
  warn: lambda('"value" > 50'),
  crit: lambda('"value" > 90'),
};

describe('batch alerts', () => {
  it("takes the highest level; time and fields are the first highest point's", () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', ...levels }));
    send(
      node,
      batch({
        tags: { host: 'a' },
        tmax: 10,
        points: [bp(1, 20), bp(2, 95), bp(3, 60), bp(4, 99)],
      }),
    );
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(levelName(e.state.level)).toBe('CRITICAL');
    expect(e.state.time).toBe(at(2));
    expect(e.data.fields).toEqual({ value: 95 });
    expect(e.data.tags).toEqual({ host: 'a' });
    expect(e.data.group).toBe('host=a');
    expect(e.state.id).toBe('cpu:host=a');
  });

  it('uses the batch time for an OK level and with .all(), where the lowest level counts', () => {
    const h = harness();
    const events = h.capture('t');
    const all = h.start(alertProps({ topic: 't', all: true, ...levels }));
    send(all, batch({ tags: { host: 'a' }, tmax: 10, points: [bp(1, 95), bp(2, 60), bp(3, 99)] }));
    send(all, batch({ tags: { host: 'a' }, tmax: 20, points: [bp(11, 95), bp(12, 5)] }));
    expect(events.map((e) => [levelName(e.state.level), e.state.time])).toEqual([
      ['WARNING', at(10)],
      ['OK', at(20)],
    ]);
    // The fields are still the highest point's.
    expect(events[0]!.data.fields).toEqual({ value: 95 });
  });

  it('ignores an empty batch entirely', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', ...levels, stateChangesOnly: true }));
    send(node, batch({ tags: { host: 'a' }, tmax: 10, points: [bp(1, 95)] }));
    send(node, batch({ tags: { host: 'a' }, tmax: 20, points: [] }));
    send(node, batch({ tags: { host: 'a' }, tmax: 30, points: [bp(21, 95)] }));
    // An empty batch counted as OK would have made the third batch a change.
    expect(events).toHaveLength(1);
    expect(node.emitted).toHaveLength(1);
  });

  it('sends a batch recovery while flapping, unlike a stream', () => {
    const flapping = { low: 0.1, high: 0.2 };
    const h = harness();
    const batchEvents = h.capture('b');
    const batchNode = h.start(alertProps({ topic: 'b', crit: levels.crit, flapping, history: 2 }), {
      name: 'alert2',
    });
    send(batchNode, batch({ tags: { host: 'a' }, tmax: 10, points: [bp(1, 95)] }));
    send(batchNode, batch({ tags: { host: 'a' }, tmax: 20, points: [bp(11, 5)] }));
    expect(batchEvents.map((e) => [levelName(e.state.level), e.state.time])).toEqual([
      ['OK', at(20)],
    ]);

    const streamEvents = h.capture('s');
    const streamNode = h.start(
      alertProps({ topic: 's', crit: levels.crit, flapping, history: 2 }),
      { name: 'alert3' },
    );
    streamNode.receive(
      pointMsg({ tags: { host: 'a' }, fields: { value: 95 }, t: 1, dims: ['host'] }),
    );
    streamNode.receive(
      pointMsg({ tags: { host: 'a' }, fields: { value: 5 }, t: 2, dims: ['host'] }),
    );
    expect(streamEvents).toEqual([]);
  });

  it('puts the whole batch in the result: group tags, time + sorted fields and extra tags', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', ...levels }));
    send(
      node,
      batch({
        tags: { host: 'a' },
        tmax: 10,
        points: [
          { time: at(1), fields: { value: 95, a: 1n }, tags: { host: 'a', cpu: 'cpu0' } },
          { time: at(2), fields: { value: 20 }, tags: { host: 'a', cpu: 'cpu1' } },
        ],
      }),
    );
    const row = events[0]!.data.result.series![0]!;
    expect(row.name).toBe('cpu');
    expect(row.tags).toEqual({ host: 'a' });
    expect(row.columns).toEqual(['time', 'a', 'cpu', 'value']);
    expect(row.values).toEqual([
      [new GoTime(at(1)), 1n, 'cpu0', 95],
      [new GoTime(at(2)), null, 'cpu1', 20],
    ]);
  });

  it('forwards the batch with level/id tags on the group and every point, fields on every point', () => {
    const h = harness();
    const node = h.start(
      alertProps({ crit: levels.crit, levelTag: 'level', idField: 'id', durationField: 'd' }),
    );
    const input = batch({ tags: { host: 'a' }, tmax: 10, points: [bp(1, 95), bp(2, 5)] });
    send(node, input);
    expect(node.emitted).toHaveLength(1);
    const out = node.emitted[0]!;
    if (out.kind !== 'batch') throw new Error('expected a batch');
    expect(out.batch.tags).toEqual({ host: 'a', level: 'CRITICAL' });
    expect(out.batch.points.map((p) => p.tags)).toEqual([
      { host: 'a', level: 'CRITICAL' },
      { host: 'a', level: 'CRITICAL' },
    ]);
    expect(out.batch.points.map((p) => p.fields)).toEqual([
      { value: 95, id: 'cpu:host=a', d: 0n },
      { value: 5, id: 'cpu:host=a', d: 0n },
    ]);
    expect(input.tags).toEqual({ host: 'a' });
    expect(input.points[0]!.fields).toEqual({ value: 95 });
  });
});
