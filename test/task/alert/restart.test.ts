// Restarts (alert-node.md §9): each group's level and episode times are persisted per
// (task, node, group), so a recovery after a task or process restart is still sent, with
// previousLevel from the (persisted) topic state.

import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../src/alert/event.js';
import { levelName } from '../../../src/alert/level.js';
import { MAX_INT64, SECOND } from '../../../src/common/duration.js';
import { anonymousTopicId } from '../../../src/task/alert/node.js';
import {
  alertProps,
  at,
  lambda,
  logHandler,
  pointMsg,
  useAlertHarness,
  type RunningNode,
} from './harness.js';

const harness = useAlertHarness();
const topic = anonymousTopicId('task', 'alert2');

const send = (node: RunningNode, value: number, t: number, host = 'a'): void =>
  node.receive(pointMsg({ tags: { host }, fields: { value }, t, dims: ['host'] }));

const summary = (events: AlertEvent[]) =>
  events.map((e) => [
    levelName(e.state.level),
    Number(e.state.duration / SECOND),
    levelName(e.previousLevel),
  ]);

describe('restart', () => {
  it('sends the recovery after the task is stopped and started again', async () => {
    const h = harness();
    const props = alertProps({
      crit: lambda('"value" > 90'),
      handlers: [logHandler(h.tempFile('a.log'))],
    });
    const events = h.capture(topic);
    const first = h.start(props);
    send(first, 50, 0);
    send(first, 95, 1);
    await first.stop();

    const second = h.start(props);
    send(second, 96, 3); // still CRITICAL: the episode goes on
    send(second, 50, 6);
    send(second, 50, 7); // steady OK: silent
    expect(summary(events)).toEqual([
      ['CRITICAL', 0, 'OK'],
      ['CRITICAL', 2, 'CRITICAL'],
      ['OK', 5, 'CRITICAL'],
    ]);
  });

  it('sends the recovery after a process restart (store reopened, topic states restored)', async () => {
    const h = harness();
    const props = alertProps({
      crit: lambda('"value" > 90'),
      handlers: [logHandler(h.tempFile('a.log'))],
    });
    send(h.start(props), 95, 1);
    send(h.start(props, { name: 'alert3' }), 95, 1, 'b');
    await h.restart();

    const events = h.capture(topic);
    const node = h.start(props);
    send(node, 50, 4);
    send(node, 50, 4, 'b'); // group b belonged to another node: nothing to recover
    expect(summary(events)).toEqual([['OK', 3, 'CRITICAL']]);
    expect(events[0]!.state.id).toBe('cpu:host=a');
  });

  it('keeps an OK that noRecoveries swallowed: nothing to recover after the restart', async () => {
    const h = harness();
    const props = alertProps({ topic: 't', crit: lambda('"value" > 90'), noRecoveries: true });
    const first = h.start(props);
    send(first, 95, 0);
    send(first, 50, 1);
    await first.stop();
    const events = h.capture('t');
    const second = h.start(props);
    send(second, 50, 2);
    send(second, 95, 3);
    // A new episode (duration 0); previousLevel skips the OK no topic ever collected.
    expect(summary(events)).toEqual([['CRITICAL', 0, 'CRITICAL']]);
  });

  it("restores Go's zero episode start (saturated duration) exactly", async () => {
    const h = harness();
    // synthetic_crit90_flapping_first_transition: the first CRITICAL is swallowed as flapping,
    // the next one is sent with firstTriggered still the zero time.
    const props = alertProps({
      topic: 't',
      crit: lambda('"value" > 90'),
      flapping: { low: 0.05, high: 0.07 },
    });
    const first = h.start(props);
    send(first, 50, 0);
    send(first, 95, 1);
    send(first, 95, 2);
    await first.stop();
    const events = h.capture('t');
    const second = h.start(props);
    send(second, 95, 3);
    expect(events.map((e) => e.state.duration)).toEqual([MAX_INT64]);
    expect(events[0]!.state.time).toBe(at(3));
  });
});
