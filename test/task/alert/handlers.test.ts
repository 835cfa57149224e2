// Handlers declared on |alert() in TICKscript: option decoding at define time, creation at
// start, attachment to the anonymous topic (never listed) and detachment on stop.

import { describe, expect, it } from 'vitest';
import type { AlertHandlerDecl } from '../../../src/pipeline/model.js';
import {
  AlertHandlerError,
  anonymousTopicId,
  prepareAlertHandlers,
  validateAlertNode,
} from '../../../src/task/alert/node.js';
import {
  alertProps,
  eventually,
  lambda,
  logHandler,
  logLines,
  pointMsg,
  useAlertHarness,
} from './harness.js';

const harness = useAlertHarness();

const postHandler = (url: string): AlertHandlerDecl => ({
  folder: 'httppost',
  options: { url },
  pos: { offset: 0, line: 7, column: 3 },
});

describe('prepareAlertHandlers', () => {
  it('decodes each declared handler with its kind and gives it a private id', () => {
    const prepared = prepareAlertHandlers(
      alertProps({
        handlers: [logHandler('/tmp/a.log', { mode: 0o644 }), postHandler('http://x')],
      }),
    );
    expect(prepared.map((p) => [p.id, p.kind.kind, p.label])).toEqual([
      ['tick:log0', 'log', '.log() at line 3:5'],
      ['tick:post1', 'post', '.post() at line 7:3'],
    ]);
    expect(prepared[0]!.options).toMatchObject({ path: '/tmp/a.log', mode: 0o644 });
  });

  it('rejects an unknown option naming the handler, its position and the option', () => {
    const props = alertProps({ handlers: [logHandler('/tmp/a.log', { bogus: 1 })] });
    expect(() => prepareAlertHandlers(props)).toThrow(AlertHandlerError);
    expect(() => prepareAlertHandlers(props)).toThrow(
      /^alert handler \.log\(\) at line 3:5: invalid options for kind "log": option "bogus": unknown option/,
    );
    expect(() => validateAlertNode(props)).toThrow(/option "bogus"/);
  });

  it('rejects an option of the wrong type', () => {
    const props = alertProps({ handlers: [logHandler('/tmp/a.log', { mode: 'rw' })] });
    expect(() => prepareAlertHandlers(props)).toThrow(/\.log\(\) at line 3:5: .*option "mode"/);
  });

  it('fails task start with the same message', () => {
    const h = harness();
    expect(() =>
      h.start(alertProps({ handlers: [logHandler('/tmp/a.log', { bogus: 1 })] })),
    ).toThrow(/alert handler \.log\(\) at line 3:5: .*option "bogus"/);
  });
});

describe('handler creation and attachment', () => {
  it('fails start when a kind refuses its options, attaching nothing', () => {
    const h = harness();
    expect(() => h.start(alertProps({ handlers: [logHandler('relative.log')] }))).toThrow(
      /alert handler \.log\(\) at line 3:5: .*absolute path/,
    );
    expect(h.alert.topics.get(anonymousTopicId('task', 'alert2'))).toBeUndefined();
  });

  it("fails start when a kind's service is not available", () => {
    const h = harness();
    const file = h.tempFile('a.log');
    expect(() =>
      h.start(alertProps({ handlers: [logHandler(file), postHandler('http://x')] })),
    ).toThrow(/alert handler \.post\(\) at line 7:3: service "httppost" is not available/);
    expect(h.alert.topics.get(anonymousTopicId('task', 'alert2'))).toBeUndefined();
  });

  it('delivers through every declared handler, in order', async () => {
    const h = harness();
    const [a, b] = [h.tempFile('a.log'), h.tempFile('b.log')];
    const node = h.start(
      alertProps({ crit: lambda('"value" > 90'), handlers: [logHandler(a), logHandler(b)] }),
    );
    node.receive(pointMsg({ fields: { value: 95 }, t: 0 }));
    node.receive(pointMsg({ fields: { value: 5 }, t: 1 }));
    await eventually(() => {
      expect(logLines(a)).toHaveLength(2);
      expect(logLines(b)).toHaveLength(2);
    });
    expect(logLines(a).map((l) => (JSON.parse(l) as { level: string }).level)).toEqual([
      'CRITICAL',
      'OK',
    ]);
  });

  it('detaches its handlers on stop and keeps API handlers of the same topic', async () => {
    const h = harness();
    const topic = anonymousTopicId('task', 'alert2');
    const file = h.tempFile('a.log');
    const node = h.start(
      alertProps({ crit: lambda('"value" > 90'), handlers: [logHandler(file)] }),
    );
    h.alert.createHandler({
      topic,
      id: 'api',
      kind: 'log',
      options: { path: h.tempFile('api.log') },
      match: '',
    });
    expect([...h.alert.topics.get(topic)!.subscribers.keys()].sort()).toEqual(['api', 'tick:log0']);
    node.receive(pointMsg({ fields: { value: 95 }, t: 0 }));
    await node.stop();
    expect(logLines(file)).toHaveLength(1);
    expect([...h.alert.topics.get(topic)!.subscribers.keys()]).toEqual(['api']);
    expect(h.alert.listHandlers(topic).map((s) => s.id)).toEqual(['api']);
  });
});
