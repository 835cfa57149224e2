import { describe, expect, it } from 'vitest';
import { compileLambda } from '../../src/tick/lambda/index.js';
import { taskDBRPs } from '../../src/pipeline/evaluate.js';
import { evalError, evaluate, names, node, props, seconds } from './helpers.js';

describe('sources and node names', () => {
  it('numbers nodes in creation order with Kapacitor descs', () => {
    const p = evaluate(`stream
      |from()
      |where(lambda: TRUE)
      |groupBy('host')
      |window().period(10s)
      |count('v')
      |eval(lambda: "count" * 2).as('c2')
      |default().field('x', 1.0)
      |delete().tag('t')
      |changeDetect('c2')
      |derivative('c2')
      |stateDuration(lambda: TRUE)
      |stateCount(lambda: TRUE)
      |httpOut('out')
      |httpPost('http://h')
      |log()
      |alert()`);
    expect(names(p)).toEqual([
      'stream0',
      'from1',
      'where2',
      'groupby3',
      'window4',
      'count5',
      'eval6',
      'default7',
      'delete8',
      'changeDetect9',
      'derivative10',
      'state_duration11',
      'state_count12',
      'http_out13',
      'http_post14',
      'log15',
      'alert16',
    ]);
    expect(p.type).toBe('stream');
    expect(p.nodes[0]!.parents).toEqual([]);
    expect(p.nodes[1]!.parents[0]).toBe(p.nodes[0]);
    expect(p.nodes[0]!.children[0]).toBe(p.nodes[1]);
  });

  it('forks a declared chain: the variable is the last node', () => {
    const p = evaluate(`var data = stream|from().measurement('cpu')
data|window().period(1m)|mean('v')
data|alert().crit(lambda: "v" > 1.0)`);
    expect(names(p)).toEqual(['stream0', 'from1', 'window2', 'mean3', 'alert4']);
    const from = node(p, 'from1', 'from');
    expect(from.children.map((c) => c.name)).toEqual(['window2', 'alert4']);
    expect(node(p, 'alert4', 'alert').parents).toEqual([from]);
  });

  it('edge types follow the nodes', () => {
    const p = evaluate(
      `stream|from()|window().period(1s)|top(3, 'v')|difference('v')|mean('v')|alert()`,
    );
    expect(p.nodes.map((n) => `${n.name}:${n.wants}>${n.provides}`)).toEqual([
      'stream0:stream>stream',
      'from1:stream>stream',
      'window2:stream>batch',
      'top3:batch>batch',
      'difference4:batch>batch',
      'mean5:batch>stream',
      'alert6:stream>stream',
    ]);
  });
});

describe('node properties and defaults', () => {
  it('from', () => {
    const p = evaluate(`stream|from()
      .database('db').retentionPolicy('rp').measurement('cpu')
      .where(lambda: "a" > 1).where(lambda: "b" < 2)
      .groupBy('host', 'dc').groupByMeasurement()
      .truncate(1s).round(1m).quiet()`);
    const f = props(p, 'from1', 'from');
    expect(f).toMatchObject({
      database: 'db',
      retentionPolicy: 'rp',
      measurement: 'cpu',
      groupBy: ['host', 'dc'],
      groupByStar: false,
      groupByMeasurement: true,
      truncate: seconds(1),
      round: seconds(60),
    });
    expect(f.where.map((w) => w.source)).toEqual(['"a" > 1', '"b" < 2']);
    expect(node(p, 'from1', 'from').quiet).toBe(true);
    expect(props(evaluate('stream|from().groupBy(*)'), 'from1', 'from')).toMatchObject({
      groupBy: [],
      groupByStar: true,
    });
  });

  it('from defaults', () => {
    expect(props(evaluate('stream|from()'), 'from1', 'from')).toEqual({
      database: '',
      retentionPolicy: '',
      measurement: '',
      where: [],
      groupBy: [],
      groupByStar: false,
      groupByMeasurement: false,
      truncate: 0n,
      round: 0n,
    });
  });

  it('a list argument is the argument list (literal or variable)', () => {
    const p = evaluate(`var tags = ['host', 'dc']
stream|from().groupBy(tags)|groupBy(['a', 'b'])|groupBy(*).exclude('x', 'y').byMeasurement()`);
    expect(props(p, 'from1', 'from').groupBy).toEqual(['host', 'dc']);
    expect(props(p, 'groupby2', 'groupBy')).toEqual({
      dimensions: ['a', 'b'],
      star: false,
      exclude: [],
      byMeasurement: false,
    });
    expect(props(p, 'groupby3', 'groupBy')).toEqual({
      dimensions: [],
      star: true,
      exclude: ['x', 'y'],
      byMeasurement: true,
    });
  });

  it('window', () => {
    const p = evaluate(`stream|from()|window().period(10m).every(5m).align().fillPeriod()
stream|from()|window().periodCount(10).everyCount(2)`);
    expect(props(p, 'window2', 'window')).toEqual({
      period: seconds(600),
      every: seconds(300),
      align: true,
      fillPeriod: true,
      periodCount: 0,
      everyCount: 0,
    });
    expect(props(p, 'window4', 'window')).toMatchObject({
      period: 0n,
      periodCount: 10,
      everyCount: 2,
    });
  });

  it('eval, default, delete, changeDetect', () => {
    const p = evaluate(`stream|from()
      |eval(lambda: "a" * 2.0, lambda: string("b")).as('x', 's').tags('s').keep('a', 'x')
      |eval(lambda: 1).as('one').keep()
      |default().field('f', 1.5).field('i', 2).field('s', 'x').field('b', TRUE).tag('t', 'v')
      |delete().field('f').tag('t')
      |changeDetect('x', 'one')`);
    const e = props(p, 'eval2', 'eval');
    expect(e.expressions.map((x) => x.source)).toEqual(['"a" * 2.0', 'string("b")']);
    expect(e).toMatchObject({ as: ['x', 's'], tags: ['s'], keep: true, keepList: ['a', 'x'] });
    expect(props(p, 'eval3', 'eval')).toMatchObject({ keep: true, keepList: [] });
    expect(props(p, 'default4', 'default')).toEqual({
      fields: { f: 1.5, i: 2n, s: 'x', b: true },
      tags: { t: 'v' },
    });
    expect(props(p, 'delete5', 'delete')).toEqual({ fields: ['f'], tags: ['t'] });
    expect(props(p, 'changeDetect6', 'changeDetect')).toEqual({ fields: ['x', 'one'] });
  });

  it('derivative, stateDuration, stateCount with defaults and overrides', () => {
    const p = evaluate(`var s = stream|from()
s|derivative('v')
s|derivative('v').as('rate').unit(1m).nonNegative()
s|stateDuration(lambda: "v" > 95).unit(1ms).as('d')
s|stateCount(lambda: "v" > 95)
s|stateDuration(lambda: TRUE)
s|stateCount(lambda: TRUE).as('n')`);
    expect(props(p, 'derivative2', 'derivative')).toEqual({
      field: 'v',
      as: 'v',
      unit: seconds(1),
      nonNegative: false,
    });
    expect(props(p, 'derivative3', 'derivative')).toEqual({
      field: 'v',
      as: 'rate',
      unit: seconds(60),
      nonNegative: true,
    });
    expect(props(p, 'state_duration4', 'stateDuration')).toMatchObject({
      as: 'd',
      unit: 1_000_000n,
    });
    expect(props(p, 'state_duration4', 'stateDuration').expression.source).toBe('"v" > 95');
    expect(props(p, 'state_count5', 'stateCount').as).toBe('state_count');
    expect(props(p, 'state_duration6', 'stateDuration')).toMatchObject({
      as: 'state_duration',
      unit: seconds(1),
    });
    expect(props(p, 'state_count7', 'stateCount').as).toBe('n');
  });

  it('InfluxQL functions', () => {
    const p = evaluate(`var w = stream|from()|window().period(1m)
w|count('a')
w|sum('a').as('total')
w|mean('a')
w|median('a')
w|mode('a')
w|spread('a')
w|stddev('a')
w|first('a').usePointTimes()
w|last('a')
w|min('a')
w|max('a')
w|percentile('a', 90.0)
w|distinct('a')
w|top(3, 'a', 'host', 'dc')
w|bottom(2, 'a')
w|difference('a')
w|cumulativeSum('a')
w|movingAverage('a', 5)
w|elapsed('a', 1s)`);
    const q = p.nodes.filter((n) => n.type === 'influxql').map((n) => n.props);
    expect(q.map((x) => 'method' in x && x.method)).toEqual([
      'count',
      'sum',
      'mean',
      'median',
      'mode',
      'spread',
      'stddev',
      'first',
      'last',
      'min',
      'max',
      'percentile',
      'distinct',
      'top',
      'bottom',
      'difference',
      'cumulativeSum',
      'movingAverage',
      'elapsed',
    ]);
    expect(props(p, 'count3', 'influxql')).toEqual({
      method: 'count',
      field: 'a',
      as: 'count',
      usePointTimes: false,
    });
    expect(props(p, 'sum4', 'influxql').as).toBe('total');
    expect(props(p, 'first10', 'influxql').usePointTimes).toBe(true);
    expect(props(p, 'percentile14', 'influxql').n).toBe(90);
    expect(props(p, 'top16', 'influxql')).toMatchObject({
      field: 'a',
      n: 3,
      fieldsAndTags: ['host', 'dc'],
    });
    expect(props(p, 'movingAverage20', 'influxql').n).toBe(5);
    expect(props(p, 'elapsed21', 'influxql').unit).toBe(seconds(1));
  });

  it('outputs', () => {
    const p = evaluate(`var s = stream|from()
s|httpOut('top')
s|httpPost('http://x').header('k', 'v').captureResponse().codeField('code').timeout(5s)
s|httpPost().endpoint('ep')
s|log().level('warn').prefix('P')
s|log()`);
    expect(props(p, 'http_out2', 'httpOut')).toEqual({ endpoint: 'top' });
    expect(props(p, 'http_post3', 'httpPost')).toEqual({
      url: 'http://x',
      endpoint: '',
      headers: { k: 'v' },
      captureResponse: true,
      codeField: 'code',
      timeout: seconds(5),
    });
    expect(props(p, 'http_post4', 'httpPost')).toMatchObject({ url: '', endpoint: 'ep' });
    expect(props(p, 'log5', 'log')).toEqual({ level: 'WARN', prefix: 'P' });
    expect(props(p, 'log6', 'log')).toEqual({ level: 'INFO', prefix: '' });
  });

  it('property names match with either case of the first letter', () => {
    const p = evaluate(
      "stream|from().Measurement('cpu')|window().Period(1s)|alert().Crit(lambda: TRUE)",
    );
    expect(props(p, 'from1', 'from').measurement).toBe('cpu');
    expect(props(p, 'window2', 'window').period).toBe(seconds(1));
    expect(props(p, 'alert3', 'alert').crit?.source).toBe('TRUE');
  });
});

describe('stats and deadman', () => {
  it('stats is a new source; a childless node gets a noop child', () => {
    const p = evaluate("stream|from()|stats(10s).align()|httpOut('s')");
    expect(names(p)).toEqual(['stream0', 'from1', 'stats2', 'noop3', 'http_out4']);
    expect(props(p, 'stats2', 'stats')).toEqual({
      interval: seconds(10),
      align: true,
      sourceId: 1,
    });
    expect(node(p, 'stats2', 'stats').parents).toEqual([]);
    expect(node(p, 'stats2', 'stats').wants).toBe('none');
    expect(node(p, 'noop3', 'noop').parents.map((n) => n.name)).toEqual(['from1']);
  });

  it('deadman expands to stats → derivative → alert', () => {
    const p = evaluate(`var data = stream|from().measurement('cpu')
data|deadman(100.0, 1m, lambda: hour("time") >= 8)
data|window().period(1m)`);
    expect(names(p)).toEqual([
      'stream0',
      'from1',
      'stats2',
      'noop3',
      'derivative4',
      'alert5',
      'window6',
    ]);
    expect(props(p, 'stats2', 'stats')).toEqual({
      interval: seconds(60),
      align: true,
      sourceId: 1,
    });
    expect(props(p, 'derivative4', 'derivative')).toEqual({
      field: 'emitted',
      as: 'emitted',
      unit: seconds(60),
      nonNegative: true,
    });
    const alert = props(p, 'alert5', 'alert');
    expect(alert.id).toBe("{{ .Group }}:from1 for task '{{ .TaskName }}'");
    expect(alert.message).toBe(
      '{{ .ID }} is {{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}: {{ index .Fields "emitted" | printf "%0.3f" }} points/1m0s.',
    );
    expect(alert.crit?.source).toBe('"emitted" <= 100.0 AND hour("time") >= 8');
    const crit = compileLambda(alert.crit!.expr);
    // AND short-circuits, so no point time is needed when the threshold is not reached.
    expect(crit.evalBool({ get: (n) => (n === 'emitted' ? 150 : undefined) })).toBe(false);
  });

  it('deadman returns the alert node, which takes handlers', () => {
    const p = evaluate("stream|from()|alert()\nstream|deadman(0.0, 10s).id('x').log('/tmp/d')");
    expect(names(p)).toEqual(['stream0', 'from1', 'alert2', 'stats3', 'derivative4', 'alert5']);
    const alert = props(p, 'alert5', 'alert');
    expect(alert.id).toBe('x');
    expect(alert.message.endsWith('points/10s.')).toBe(true);
    expect(alert.handlers.map((h) => h.folder)).toEqual(['log']);
  });

  it('configured deadman templates and a global deadman', () => {
    const p = evaluate('stream|from()', {
      deadman: {
        id: 'dead NODE_NAME',
        message: 'every INTERVAL',
        global: { threshold: 5, interval: seconds(3600) },
      },
    });
    expect(names(p)).toEqual(['stream0', 'from1', 'stats2', 'derivative3', 'alert4']);
    expect(props(p, 'alert4', 'alert')).toMatchObject({
      id: 'dead stream0',
      message: 'every 1h0m0s',
    });
    expect(props(p, 'alert4', 'alert').crit?.source).toBe('"emitted" <= 5.0');
  });
});

describe('variables', () => {
  it('declarations: arithmetic on constants, lambdas inlined, values substituted', () => {
    const p = evaluate(`var t = 2 * 10s
var level = 90.0
var name = 'cp' + 'u'
var neg = -5
var c = lambda: "v" > level
stream|from().measurement(name)|window().period(t)|alert().crit(lambda: c AND "w" > neg).warn(c)`);
    expect(props(p, 'from1', 'from').measurement).toBe('cpu');
    expect(props(p, 'window2', 'window').period).toBe(seconds(20));
    const alert = props(p, 'alert3', 'alert');
    expect(alert.crit?.source).toBe('("v" > 90.0) AND "w" > -5');
    expect(alert.warn?.source).toBe('"v" > 90.0');
    expect(compileLambda(alert.crit!.expr).evalBool({ get: (n) => (n === 'v' ? 95 : -1n) })).toBe(
      true,
    );
  });

  it('task vars override declarations of the same type', () => {
    const script = `var level = 90.0
var every = 10s
var m = 'cpu'
var on = TRUE
var re = /a/
var tags = ['a']
var f = lambda: "x" > 1
stream|from().measurement(m).groupBy(tags).where(f)|window().period(every)|alert().crit(lambda: "v" > level AND on AND "h" =~ re)`;
    const p = evaluate(script, {
      vars: {
        level: { type: 'float', value: 50.5 },
        every: { type: 'duration', value: '1m' },
        m: { type: 'string', value: 'mem' },
        on: { type: 'bool', value: false },
        re: { type: 'regex', value: '^web' },
        tags: {
          type: 'list',
          value: [
            { type: 'string', value: 'x' },
            { type: 'string', value: 'y' },
          ],
        },
        f: { type: 'lambda', value: '"y" < 2' },
      },
    });
    expect(props(p, 'from1', 'from')).toMatchObject({ measurement: 'mem', groupBy: ['x', 'y'] });
    expect(props(p, 'from1', 'from').where[0]!.source).toBe('"y" < 2');
    expect(props(p, 'window2', 'window').period).toBe(seconds(60));
    expect(props(p, 'alert3', 'alert').crit?.source).toBe('"v" > 50.5 AND FALSE AND "h" =~ /^web/');
    expect(evalError(script, { vars: { level: { type: 'int', value: 5 } } })).toBe(
      'line 1 char 5: invalid type supplied for level, got int exp float',
    );
  });

  it('type declarations take their value from task vars', () => {
    const script = `var level float
var every duration
var n int
stream|from()|window().period(every)|alert().crit(lambda: "v" > level).history(n)`;
    const p = evaluate(script, {
      vars: {
        level: { type: 'float', value: 3.5 },
        every: { type: 'duration', value: 2_000_000_000 },
        n: { type: 'int', value: 7 },
      },
    });
    expect(props(p, 'window2', 'window').period).toBe(seconds(2));
    expect(props(p, 'alert3', 'alert')).toMatchObject({ history: 7 });
    expect(props(p, 'alert3', 'alert').crit?.source).toBe('"v" > 3.5');
    expect(evalError(script, { vars: { every: { type: 'duration', value: '1s' } } })).toBe(
      'line 1 char 5: missing value for var "level".',
    );
    expect(evalError(script, { vars: { level: { type: 'string', value: 'x' } } })).toBe(
      'line 1 char 5: invalid type supplied for level, got string exp float',
    );
    expect(evalError(script, { vars: { level: { type: 'float', value: 'x' } } })).toBe(
      'line 1 char 5: invalid value for var "level" of type float: "x"',
    );
  });

  it('a bare identifier statement and unused expressions are allowed', () => {
    expect(names(evaluate('5\nundefinedName\nstream|from()'))).toEqual(['stream0', 'from1']);
  });
});

describe('dbrp statements and task type', () => {
  it('collects dbrp statements in order', () => {
    const p = evaluate('dbrp "telegraf"."autogen"\ndbrp "db"."rp"\nstream|from()');
    expect(p.dbrps).toEqual([
      { db: 'telegraf', rp: 'autogen' },
      { db: 'db', rp: 'rp' },
    ]);
    expect(taskDBRPs([], p)).toEqual(p.dbrps);
    expect(() => taskDBRPs([{ db: 'a', rp: 'b' }], p)).toThrow(
      'cannot specify dbrp in both implicitly and explicitly',
    );
    const none = evaluate('stream|from()');
    expect(() => taskDBRPs([], none)).toThrow('must specify dbrp');
    expect(taskDBRPs([{ db: 'a', rp: 'b' }], none)).toEqual([{ db: 'a', rp: 'b' }]);
  });

  it('`batch` is undefined in a stream task', () => {
    expect(evalError("batch|query('x')", { taskType: 'stream' })).toBe(
      'line 1 char 1: name "batch" is undefined. Names in scope: stream,time',
    );
  });
});
