import { describe, expect, it } from 'vitest';
import { defaultAlertProps } from '../../src/pipeline/nodes/alert.js';
import { evalError, evaluate, names, props, seconds } from './helpers.js';
import { installedProperties, unusedName } from '../helpers/installed.js';

describe('alert node properties', () => {
  it('defaults', () => {
    const a = props(evaluate('stream|from()|alert()'), 'alert2', 'alert');
    expect(a).toEqual(defaultAlertProps());
    expect(a).toMatchObject({
      id: '{{ .Name }}:{{ .Group }}',
      message: '{{ .ID }} is {{ .Level }}',
      details: '{{ json . }}',
      history: 21,
      handlers: [],
    });
    expect(a.crit).toBeUndefined();
    expect(a.flapping).toBeUndefined();
  });

  it('every property', () => {
    const a = props(
      evaluate(`stream|from()|alert()
        .id('i').message('m').details('d')
        .info(lambda: "v" > 1).warn(lambda: "v" > 2).crit(lambda: "v" > 3)
        .infoReset(lambda: "v" < 1).warnReset(lambda: "v" < 2).critReset(lambda: "v" < 3)
        .all().noRecoveries().stateChangesOnly(5m).flapping(0.25, 0.5).history(1)
        .levelTag('lt').levelField('lf').messageField('mf').durationField('df').idTag('it').idField('if')
        .topic('t').category('c').inhibit('other', 'host', 'dc').inhibit('x').quiet()`),
      'alert2',
      'alert',
    );
    expect(a).toMatchObject({
      id: 'i',
      message: 'm',
      details: 'd',
      all: true,
      noRecoveries: true,
      stateChangesOnly: true,
      stateChangesOnlyInterval: seconds(300),
      flapping: { low: 0.25, high: 0.5 },
      history: 2,
      levelTag: 'lt',
      levelField: 'lf',
      messageField: 'mf',
      durationField: 'df',
      idTag: 'it',
      idField: 'if',
      topic: 't',
      category: 'c',
      inhibitors: [
        { category: 'other', equalTags: ['host', 'dc'] },
        { category: 'x', equalTags: [] },
      ],
    });
    expect(
      [a.info, a.warn, a.crit, a.infoReset, a.warnReset, a.critReset].map((l) => l?.source),
    ).toEqual(['"v" > 1', '"v" > 2', '"v" > 3', '"v" < 1', '"v" < 2', '"v" < 3']);
  });

  it('stateChangesOnly without an interval', () => {
    const a = props(evaluate('stream|from()|alert().stateChangesOnly()'), 'alert2', 'alert');
    expect(a).toMatchObject({ stateChangesOnly: true, stateChangesOnlyInterval: 0n });
  });
});

describe('alert handler properties', () => {
  it('handler methods, then fallback to the alert node, then a new handler', () => {
    const p = evaluate(`stream|from()|alert()
      .post('http://a').header('k', 'v').Header('k2', 'v2').timeout(5s).captureResponse().endpoint('e')
      .crit(lambda: "v" > 1)
      .log('/tmp/alerts.log').mode(0644)
      .tcp('host:9000')
      .exec('/bin/notify', '-a', 'b')
      .post()`);
    const a = props(p, 'alert2', 'alert');
    expect(a.crit?.source).toBe('"v" > 1');
    expect(a.handlers.map((h) => [h.folder, h.options])).toEqual([
      [
        'httppost',
        {
          url: 'http://a',
          headers: { k: 'v', k2: 'v2' },
          timeout: 5e9,
          'capture-response': true,
          endpoint: 'e',
        },
      ],
      ['log', { path: '/tmp/alerts.log', mode: 420 }],
      ['tcp', { address: 'host:9000' }],
      ['exec', { prog: '/bin/notify', args: ['-a', 'b'] }],
      ['httppost', {}],
    ]);
    expect(a.handlers[0]!.pos).toMatchObject({ line: 2, column: 8 });
    expect(a.handlers[1]!.pos).toMatchObject({ line: 4, column: 8 });
  });

  it('alert properties set through a handler keep the handler as receiver', () => {
    const a = props(
      evaluate("stream|from()|alert().post('u').id('x').timeout(1s)"),
      'alert2',
      'alert',
    );
    expect(a.id).toBe('x');
    expect(a.handlers[0]!.options).toEqual({ url: 'u', timeout: 1e9 });
  });

  it('|x() after a handler chains from the alert node', () => {
    const p = evaluate("stream|from()|alert().log('/tmp/x')|httpOut('a')");
    expect(names(p)).toEqual(['stream0', 'from1', 'alert2', 'http_out3']);
    expect(p.nodes[3]!.parents.map((n) => n.name)).toEqual(['alert2']);
  });

  it('a handler stored in a variable is still its alert for chaining', () => {
    const p = evaluate("var a = stream|from()|alert().tcp('h:1')\na|log()");
    expect(names(p)).toEqual(['stream0', 'from1', 'alert2', 'log3']);
  });

  it('handler method argument errors carry the position', () => {
    expect(evalError("stream|from()|alert().log('/x').mode('rw')")).toBe(
      'line 1 char 33: error calling func "mode" on obj *pipeline.LogHandler: argument 1 must be int64, got string',
    );
    expect(evalError("stream|from()|alert().post('u', 'v')")).toBe(
      'line 1 char 23: error calling func "post" on obj *pipeline.AlertNode: too many arguments: takes 0 to 1 arguments (string), got 2',
    );
  });

  it('every Kapacitor handler property that is not installed fails by name', () => {
    // Kapacitor's TICKscript handler properties (spec/handlers.md §1); the first letter may be
    // written in either case. Those installed here are not errors; the rest name themselves
    // and list what is installed. A name Kapacitor does not know is Kapacitor's plain error.
    const kapacitor = ['alerta', 'bigPanda', 'discord', 'email', 'exec', 'hipChat', 'kafka', 'log', 'mqtt', 'opsGenie', 'opsGenie2', 'pagerDuty', 'pagerDuty2', 'post', 'pushover', 'sensu', 'serviceNow', 'slack', 'snmpTrap', 'talk', 'tcp', 'teams', 'telegram', 'victorOps', 'zenoss']; // prettier-ignore
    const missing = kapacitor.filter((p) => !installedProperties.includes(p));
    for (const name of [
      ...missing,
      ...missing.map((p) => p.charAt(0).toUpperCase() + p.slice(1)),
    ]) {
      const lower = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
      expect(evalError(`stream|from()|alert().${name}()`)).toBe(
        `line 1 char 23: alert handler "${lower}" is not installed in this host (installed: ${installedProperties.join(', ')})`,
      );
    }
    const invented = unusedName('noSuchHandler');
    expect(evalError(`stream|from()|alert().${invented}()`)).toBe(
      `line 1 char 23: no method or property "${invented}" on *pipeline.AlertNode`,
    );
  });
});
