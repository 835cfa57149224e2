// From TICKscript text through evaluateScript to the running task.

import { describe, expect, it } from 'vitest';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import type { Message } from '../../src/task/point.js';
import { startTask } from '../../src/task/runtime.js';
import { useAlertHarness } from './alert/harness.js';
import { captureFactory, point, points, s, taskContext } from './helpers.js';

const start = (script: string, factories = {}) => {
  const pipeline = evaluateScript(`dbrp "db"."rp"\n${script}`, { taskId: 't' });
  return startTask(pipeline, taskContext(), factories);
};

describe('scripts', () => {
  it('from().where() | window | mean | httpOut', () => {
    const task = start(`
stream
  |from().measurement('cpu').where(lambda: "host" == 'a').groupBy('host')
  |window().period(10s).every(10s)
  |mean('value')
  |httpOut('out')`);
    for (let t = 0; t <= 10; t++) {
      task.write(point({ tags: { host: 'a' }, fields: { value: t }, time: s(t) }));
      task.write(point({ tags: { host: 'b' }, fields: { value: 100 }, time: s(t) }));
    }
    expect(task.httpOut('out')!.json()).toBe(
      '{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","mean"],"values":[["1970-01-01T00:00:10Z",4.5]]}]}',
    );
    expect(task.stats()).toMatchObject({
      from1: { collected: 22, emitted: 11 },
      window2: { emitted: 1 },
      mean3: { emitted: 1 },
    });
  });

  it('eval | stateCount per group', () => {
    const task = start(`
stream
  |from().measurement('cpu').groupBy('host')
  |eval(lambda: "value" * 2.0).as('dbl')
  |stateCount(lambda: "dbl" > 10.0)
  |httpOut('out')`);
    const write = (host: string, value: number, t: number) =>
      task.write(point({ tags: { host }, fields: { value }, time: s(t) }));
    write('a', 6, 1);
    write('b', 1, 1);
    write('a', 7, 2);
    expect(
      task
        .httpOut('out')!
        .result()
        .series!.map((r) => r.values),
    ).toEqual([[[expect.anything(), 14, 2n]], [[expect.anything(), 2, -1n]]]);
  });

  it('the benchmark shape reaches the alert node once per matching point', () => {
    const seen: Message[] = [];
    const task = start(
      `stream|from().measurement('cpu')|where(lambda: "host" == 'a')|alert().crit(lambda: "value" > 90)`,
      { alert: captureFactory(seen) },
    );
    for (let i = 0; i < 1000; i++) {
      task.write(
        point({ tags: { host: i % 2 === 0 ? 'a' : 'b' }, fields: { value: i }, time: s(i) }),
      );
      task.write(point({ name: 'mem', tags: { host: 'a' }, fields: { value: i }, time: s(i) }));
    }
    expect(points(seen)).toHaveLength(500);
    expect(task.stats().alert3).toMatchObject({ collected: 500 });
  });
});

describe('scripts with the real alert node', () => {
  const harness = useAlertHarness();

  it('publishes events to the task topic and forwards the alerting points', async () => {
    const h = harness();
    const pipeline = evaluateScript(
      `dbrp "db"."rp"
stream|from().measurement('cpu').groupBy('host')|where(lambda: "host" == 'a')
  |alert().crit(lambda: "value" > 90).log('${h.tempFile('alerts.log')}')
  |httpOut('alerts')`,
      { taskId: 't' },
    );
    const events = h.capture('main:test:alert3');
    const task = startTask(pipeline, taskContext([], { alert: h.alert, store: h.store }));
    task.write(point({ tags: { host: 'a' }, fields: { value: 95 }, time: s(1) }));
    task.write(point({ tags: { host: 'b' }, fields: { value: 95 }, time: s(1) }));
    task.write(point({ tags: { host: 'a' }, fields: { value: 10 }, time: s(2) }));
    expect(events.map((e) => [e.state.id, e.state.level])).toEqual([
      ['cpu:host=a', 3],
      ['cpu:host=a', 0],
    ]);
    // Only points that produced an event are forwarded: the last one, the recovery.
    expect(
      task
        .httpOut('alerts')!
        .result()
        .series!.map((r) => r.values),
    ).toEqual([[[expect.anything(), 10]]]);
    await task.stop();
  });
});
