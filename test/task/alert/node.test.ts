// The alert node's stream semantics beyond the vectors (alert-node.md §4–§7, §9): reset
// lambdas, durations with stateChangesOnly, the max interval, noRecoveries, shared level
// lambdas, evaluation errors, stats, topics and forwarding.

import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../src/alert/event.js';
import { levelName } from '../../../src/alert/level.js';
import { anonymousTopicId } from '../../../src/task/alert/node.js';
import type { Point } from '../../../src/task/point.js';
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

const summary = (events: AlertEvent[]) =>
  events.map((e) => ({
    t: Number((e.state.time - at(0)) / 1_000_000_000n),
    level: levelName(e.state.level),
    duration: e.state.duration,
    previousLevel: levelName(e.previousLevel),
  }));

const s = (n: number): bigint => BigInt(n) * 1_000_000_000n;

/** Feed `values` as field "value" of host a, one per second from t=0. */
function feed(
  node: RunningNode,
  values: Array<number | undefined>,
  dims: string[] = ['host'],
): void {
  values.forEach((v, t) =>
    node.receive(
      pointMsg({
        tags: { host: 'a' },
        fields: v === undefined ? { other: 1 } : { value: v },
        t,
        dims,
      }),
    ),
  );
}

const forwardedPoints = (node: RunningNode): Point[] =>
  node.emitted.flatMap((m) => (m.kind === 'point' ? [m.point] : []));

describe('level computation', () => {
  it('steps down through reset lambdas (TestStream_Alert_WithReset_1)', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        info: lambda('"value" > 40'),
        warn: lambda('"value" > 60'),
        crit: lambda('"value" > 80'),
        infoReset: lambda('"value" < 30'),
        warnReset: lambda('"value" < 50'),
        critReset: lambda('"value" < 70'),
      }),
    );
    feed(node, [45, 40, 30, 29, 45, 61, 49, 29, 45, 61, 81, 69, 50, 41, 25]);
    expect(events.map((e) => levelName(e.state.level))).toEqual(
      'INFO INFO INFO OK INFO WARNING INFO OK INFO WARNING CRITICAL WARNING WARNING INFO OK'.split(
        ' ',
      ),
    );
  });

  it('lets an erroring reset lambda lower the level like a passing one', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', crit: lambda('"value" > 80'), critReset: lambda('"missing" < 10') }),
    );
    feed(node, [90, 50]);
    expect(events.map((e) => levelName(e.state.level))).toEqual(['CRITICAL', 'OK']);
    expect(
      h.logs.some((r) => r.msg === 'error evaluating reset expression for current level'),
    ).toBe(true);
  });

  it('keeps the level while the reset lambda is false', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', crit: lambda('"value" > 80'), critReset: lambda('"value" < 10') }),
    );
    feed(node, [90, 50, 5]);
    expect(events.map((e) => levelName(e.state.level))).toEqual(['CRITICAL', 'CRITICAL', 'OK']);
  });

  it('shares one instance of each level lambda across all groups', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', crit: lambda('count() == 3') }));
    node.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 0, dims: ['host'] }));
    node.receive(pointMsg({ tags: { host: 'b' }, fields: { value: 1 }, t: 1, dims: ['host'] }));
    node.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 2, dims: ['host'] }));
    // Per-group lambdas would have counted 2 for host a.
    expect(events.map((e) => e.state.id)).toEqual(['cpu:host=a']);
  });

  it("evaluates the current level's lambda again when looking downwards (Kapacitor's order)", () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', crit: lambda('count() % 2 == 1') }));
    // t0: count 1 → CRITICAL. t1 at CRITICAL: count 2 fails, then count 3 passes → CRITICAL.
    feed(node, [1, 1]);
    expect(events.map((e) => levelName(e.state.level))).toEqual(['CRITICAL', 'CRITICAL']);
  });

  it('logs a failing level lambda (no match) unless the node is quiet', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(alertProps({ topic: 't', crit: lambda('"value" > 90') }));
    feed(node, [95, undefined]);
    expect(events.map((e) => levelName(e.state.level))).toEqual(['CRITICAL', 'OK']);
    // At CRITICAL the crit lambda runs twice for the point (upwards, then downwards).
    const failures = h.logs.filter((r) => r.msg === 'error evaluating expression for level');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ level: 'error', node: 'alert2' });
    expect(String(failures[0]!.err)).toMatch(/value/);

    const quiet = harness();
    const qNode = quiet.start(alertProps({ crit: lambda('"value" > 90') }), { quiet: true });
    feed(qNode, [undefined]);
    expect(
      quiet.logs.filter((r) => r.msg === 'error evaluating expression for level'),
    ).toHaveLength(0);
  });
});

describe('stateChangesOnly', () => {
  it('reports durations across level changes and adds durationField (TestStream_AlertDuration)', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        warn: lambda('"value" > 7'),
        crit: lambda('"value" > 8'),
        stateChangesOnly: true,
        durationField: 'duration',
      }),
    );
    feed(node, [9, 9, 8, 8, 2, 8, 8, 8, 2]);
    expect(summary(events)).toEqual([
      { t: 0, level: 'CRITICAL', duration: 0n, previousLevel: 'OK' },
      { t: 2, level: 'WARNING', duration: s(2), previousLevel: 'CRITICAL' },
      { t: 4, level: 'OK', duration: s(4), previousLevel: 'WARNING' },
      { t: 5, level: 'WARNING', duration: 0n, previousLevel: 'OK' },
      { t: 8, level: 'OK', duration: s(3), previousLevel: 'WARNING' },
    ]);
    // Forwarded only for sent events; the duration field is int64 ns.
    expect(forwardedPoints(node).map((p) => p.fields.duration)).toEqual([0n, s(2), s(4), 0n, s(3)]);
  });

  it('re-sends a persisting level every maxInterval (TestStream_AlertStateChangesOnlyExpired)', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        crit: lambda('"value" < 97'),
        stateChangesOnly: true,
        stateChangesOnlyInterval: s(2),
      }),
    );
    feed(node, [98, 90, 90, 90, 90, 90, 90, 90, 90, 90, 98, 98, 98, 98]);
    expect(summary(events).map(({ t, level, duration }) => [t, level, duration])).toEqual([
      [1, 'CRITICAL', 0n],
      [3, 'CRITICAL', s(2)],
      [5, 'CRITICAL', s(4)],
      [7, 'CRITICAL', s(6)],
      [9, 'CRITICAL', s(8)],
      [10, 'OK', s(9)],
    ]);
  });
});

describe('noRecoveries', () => {
  it('sends no OK and forwards nothing for it, but the OK still ends the episode', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', crit: lambda('"value" > 90'), noRecoveries: true, levelTag: 'lvl' }),
    );
    feed(node, [95, 50, 50, 96]);
    expect(summary(events)).toEqual([
      { t: 0, level: 'CRITICAL', duration: 0n, previousLevel: 'OK' },
      { t: 3, level: 'CRITICAL', duration: 0n, previousLevel: 'CRITICAL' },
    ]);
    expect(events.every((e) => !e.data.recoverable)).toBe(true);
    expect(forwardedPoints(node).map((p) => [p.time, p.tags.lvl])).toEqual([
      [at(0), 'CRITICAL'],
      [at(3), 'CRITICAL'],
    ]);
    expect(node.stats.extra.oks_triggered).toBe(0);
  });
});

describe('events, stats and forwarding', () => {
  it('fills event data from the point and its group', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', category: 'system', crit: lambda('"value" > 90'), details: '' }),
      {
        taskId: 'cpu_alert',
      },
    );
    node.receive(
      pointMsg({
        tags: { host: 'a', dc: 'eu' },
        fields: { value: 95, n: 3n },
        t: 1,
        dims: ['host'],
      }),
    );
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.topic).toBe('t');
    expect(e.state).toEqual({
      id: 'cpu:host=a',
      message: 'cpu:host=a is CRITICAL',
      details: '',
      time: at(1),
      duration: 0n,
      level: 3,
    });
    expect(e.data).toMatchObject({
      name: 'cpu',
      taskName: 'cpu_alert',
      category: 'system',
      group: 'host=a',
      tags: { host: 'a', dc: 'eu' },
      fields: { value: 95, n: 3n },
      recoverable: true,
    });
    const row = e.data.result.series![0]!;
    expect(row.columns).toEqual(['time', 'n', 'value']);
    expect(row.tags).toEqual({ host: 'a', dc: 'eu' });
    expect(row.values).toHaveLength(1);
    expect(row.values![0]!.slice(1)).toEqual([3n, 95]);
  });

  it("counts Kapacitor's alert stats", () => {
    const h = harness();
    const node = h.start(
      alertProps({
        info: lambda('"value" > 10'),
        warn: lambda('"value" > 50'),
        crit: lambda('"value" > 90'),
      }),
    );
    feed(node, [95, 60, 20, 1, 1, 95]);
    expect(node.stats.extra).toEqual({
      alerts_triggered: 5,
      oks_triggered: 1,
      infos_triggered: 1,
      warns_triggered: 1,
      crits_triggered: 2,
      alerts_inhibited: 0,
    });
  });

  it('forwards augmented copies of sent points only, leaving the input untouched', () => {
    const h = harness();
    const node = h.start(
      alertProps({
        crit: lambda('"value" > 90'),
        levelTag: 'level',
        idTag: 'alertId',
        levelField: 'levelF',
        idField: 'idF',
        messageField: 'msg',
        durationField: 'dur',
      }),
    );
    const input = pointMsg({ tags: { host: 'a' }, fields: { value: 95 }, t: 0, dims: ['host'] });
    node.receive(input);
    feed(node, [50, 50]); // t0 OK after CRITICAL: recovery; t1 steady OK: silent
    const out = forwardedPoints(node);
    expect(out).toHaveLength(2);
    expect(out[0]!.tags).toEqual({ host: 'a', level: 'CRITICAL', alertId: 'cpu:host=a' });
    expect(out[0]!.fields).toEqual({
      value: 95,
      levelF: 'CRITICAL',
      idF: 'cpu:host=a',
      msg: 'cpu:host=a is CRITICAL',
      dur: 0n,
    });
    expect(out[1]!.fields.levelF).toBe('OK');
    expect(out[0]!.group).toBe('host=a');
    if (input.kind === 'point') {
      expect(input.point.tags).toEqual({ host: 'a' });
      expect(input.point.fields).toEqual({ value: 95 });
    }
  });
});

describe('topics', () => {
  it('publishes to the anonymous topic main:<task>:<node> only when handlers are declared', () => {
    const h = harness();
    const topic = anonymousTopicId('cpu_alert', 'alert2');
    expect(topic).toBe('main:cpu_alert:alert2');
    const node = h.start(
      alertProps({ crit: lambda('"value" > 90'), handlers: [logHandler(h.tempFile('a.log'))] }),
      {
        taskId: 'cpu_alert',
      },
    );
    expect(h.alert.topics.get(topic)).toBeDefined();
    // TICKscript handlers are attached but never listed through the API.
    expect(h.alert.listHandlers(topic)).toEqual([]);
    expect(
      [...h.alert.topics.get(topic)!.subscribers.values()].map((x) => [x.id, x.listed]),
    ).toEqual([['tick:log0', false]]);
    feed(node, [95]);
    expect(h.alert.topics.get(topic)!.collected).toBe(1);
  });

  it('without handlers or topic runs the state machine, forwards, and creates no topic', () => {
    const h = harness();
    const node = h.start(alertProps({ crit: lambda('"value" > 90') }), { taskId: 'x' });
    feed(node, [95, 50]);
    expect(h.alert.topics.list()).toEqual([]);
    expect(forwardedPoints(node)).toHaveLength(2);
  });

  it('publishes the same event to both topics, each tracking previousLevel on its own', () => {
    const h = harness();
    const anon = h.capture(anonymousTopicId('task', 'alert2'));
    const named = h.capture('ops');
    // Another alert in the named topic with the same id makes its previous level differ.
    h.alert.collect({ ...namedSeed(), topic: 'ops' });
    const node = h.start(
      alertProps({
        crit: lambda('"value" > 90'),
        topic: 'ops',
        handlers: [logHandler(h.tempFile('a.log'))],
      }),
    );
    feed(node, [95]);
    expect(anon.map((e) => [e.topic, levelName(e.previousLevel)])).toEqual([
      ['main:task:alert2', 'OK'],
    ]);
    expect(named.slice(1).map((e) => [e.topic, levelName(e.previousLevel)])).toEqual([
      ['ops', 'WARNING'],
    ]);
  });
});

function namedSeed(): AlertEvent {
  return {
    topic: 'ops',
    state: { id: 'cpu:host=a', message: '', details: '', time: 0n, duration: 0n, level: 2 },
    data: {
      name: 'cpu',
      taskName: 'other',
      category: '',
      group: '',
      tags: {},
      fields: {},
      recoverable: true,
      result: { series: null },
    },
    previousLevel: 0,
    noExternal: false,
  };
}
