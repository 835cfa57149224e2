// Inhibition (alert-node.md §10): while a group of alert A is not OK, events of alerts in
// A's inhibit category whose tags carry the group's values are dropped — across tasks.

import { describe, expect, it } from 'vitest';
import { SECOND } from '../../../src/common/duration.js';
import { alertProps, at, lambda, pointMsg, useAlertHarness } from './harness.js';

const harness = useAlertHarness();

describe('inhibition', () => {
  it('drops matching events of the category while the inhibiting group is not OK', () => {
    const h = harness();
    const inhibiting = h.start(
      alertProps({
        crit: lambda('"value" > 90'),
        inhibitors: [{ category: 'system', equalTags: ['host'] }],
      }),
      { taskId: 'deadman' },
    );
    const sysEvents = h.capture('sys');
    // Ungrouped: the inhibitor compares the event's tags, i.e. all tags of the point.
    const inhibited = h.start(
      alertProps({ topic: 'sys', category: 'system', crit: lambda('TRUE') }),
      { taskId: 'sys' },
    );
    const sys = (host: string, t: number): void =>
      inhibited.receive(pointMsg({ tags: { host, dc: 'eu' }, fields: { value: 1 }, t }));
    const down = (host: string, value: number, t: number): void =>
      inhibiting.receive(pointMsg({ tags: { host }, fields: { value }, t, dims: ['host'] }));

    sys('a', 0);
    down('a', 95, 1);
    sys('a', 2); // inhibited
    sys('b', 3);
    down('a', 10, 4); // recovery: inhibitor inactive again
    sys('a', 5);

    expect(
      sysEvents.map((e) => [e.data.tags.host, Number((e.state.time - at(0)) / SECOND)]),
    ).toEqual([
      ['a', 0],
      ['b', 3],
      ['a', 5],
    ]);
    // The inhibited alert's state machine and forwarding are unaffected.
    expect(inhibited.emitted).toHaveLength(4);
    expect(inhibited.stats.extra).toMatchObject({
      alerts_triggered: 4,
      crits_triggered: 4,
      alerts_inhibited: 1,
    });
    // The inhibitor's own category is '', so its events are not inhibited.
    expect(inhibiting.stats.extra.alerts_inhibited).toBe(0);
  });

  it('ignores alerts of other categories and removes inhibitors when the node stops', async () => {
    const h = harness();
    const inhibiting = h.start(
      alertProps({
        crit: lambda('TRUE'),
        inhibitors: [{ category: 'system', equalTags: ['host'] }],
      }),
      { taskId: 'a' },
    );
    inhibiting.receive(
      pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 0, dims: ['host'] }),
    );
    const other = h.capture('other');
    const sys = h.capture('sys');
    const otherNode = h.start(
      alertProps({ topic: 'other', category: 'network', crit: lambda('TRUE') }),
      { taskId: 'b' },
    );
    const sysNode = h.start(
      alertProps({ topic: 'sys', category: 'system', crit: lambda('TRUE') }),
      { taskId: 'c' },
    );
    otherNode.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 1 }));
    sysNode.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 1 }));
    expect([other.length, sys.length]).toEqual([1, 0]);
    await inhibiting.stop();
    sysNode.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 2 }));
    expect(sys).toHaveLength(1);
  });
});
