// Define-time checks of the InfluxDB nodes, shift and join: what is accepted (with the props
// the runtime gets) and what is refused, with the TICKscript location.

import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/pipeline/dot.js';
import { evalError, evaluate, props, seconds } from './helpers.js';

const clusters = { influxdb: { names: ['local', 'remote'], defaultName: 'local' } };
const NO_SECTION =
  "needs an InfluxDB server: add an [[influxdb]] section (name, urls) to the host's configuration";

describe('batch query()', () => {
  it('keeps every property', () => {
    const p = evaluate(
      `batch
    |query('SELECT mean("usage") FROM "telegraf"."autogen"."cpu" WHERE "cpu" = \\'cpu-total\\'')
        .period(5m)
        .every(1m)
        .align()
        .alignGroup()
        .offset(30s)
        .groupBy(time(1m, 10s), 'host', 'region')
        .groupByMeasurement()
        .fill(0)
        .cluster('remote')`,
      clusters,
    );
    expect(p.type).toBe('batch');
    expect(p.nodes.map((n) => n.name)).toEqual(['batch0', 'query1']);
    expect(props(p, 'query1', 'query')).toEqual({
      query: `SELECT mean("usage") FROM "telegraf"."autogen"."cpu" WHERE "cpu" = 'cpu-total'`,
      period: seconds(300),
      every: seconds(60),
      align: true,
      alignGroup: true,
      offset: seconds(30),
      groupBy: ['host', 'region'],
      groupByStar: false,
      groupByTime: { length: seconds(60), offset: seconds(10) },
      groupByMeasurement: true,
      fill: 0n,
      cluster: 'remote',
    });
  });

  it.each([
    [
      "batch\n  |query('SELECT mean(x) FROMM cpu').every(1m).period(1m)",
      'line 2 char 4: failed to parse InfluxQL query: found FROMM, expected FROM at line 1, char 16',
    ],
    [
      "batch|query('SELECT x FROM a; SELECT y FROM b').every(1m).period(1m)",
      'line 1 char 7: query must be a single select statement, got 2 statements',
    ],
    [
      "batch|query('SHOW DATABASES').every(1m).period(1m)",
      'line 1 char 7: query is not a select statement "SHOW DATABASES"',
    ],
    [
      "batch|query('SELECT x FROM a').every(1m).period(1m).cluster('nope')",
      'line 1 char 7: unknown InfluxDB cluster "nope": the [[influxdb]] sections name "local", "remote"',
    ],
    [
      "batch|query('SELECT x FROM a').period(1m)",
      "line 1 char 7: must define one of 'every' or 'cron'",
    ],
    [
      "batch|query('SELECT x FROM a').every(1m)",
      "line 1 char 7: 'period' must be greater than zero: the time range each run queries",
    ],
    [
      "batch|query('SELECT x FROM a').every(1m).period(1m).fill('sideways')",
      'line 1 char 7: unexpected fill option sideways',
    ],
    [
      "batch|query('SELECT x FROM a').every(1m).period(1m).groupBy(time(1m), time(2m))",
      'line 1 char 7: groupBy cannot have more than one time dimension',
    ],
    [
      "batch|query('SELECT x FROM a').every(1m).period(1m).cron('* * * * *')",
      "line 1 char 7: .cron('* * * * *') is not supported by this host; schedule the query with .every()",
    ],
  ])('%s is refused', (script, message) => {
    expect(evalError(script, clusters)).toBe(message);
  });

  it('is refused without an [[influxdb]] section', () => {
    expect(evalError("batch|query('SELECT x FROM a').every(1m).period(1m)")).toBe(
      `line 1 char 7: a batch query() ${NO_SECTION}`,
    );
  });
});

describe('influxDBOut()', () => {
  it('keeps every property, with Kapacitor defaults', () => {
    const p = evaluate(
      `stream|from()|influxDBOut()
        .cluster('remote')
        .database('db')
        .retentionPolicy('rp')
        .measurement('m')
        .tag('a', '1')
        .tag('b', '2')
        .create()
        .precision('s')
        .buffer(10)
        .flushInterval(2s)
        .writeConsistency('all')`,
      clusters,
    );
    expect(props(p, 'influxdb_out2', 'influxDBOut')).toEqual({
      cluster: 'remote',
      database: 'db',
      retentionPolicy: 'rp',
      measurement: 'm',
      tags: { a: '1', b: '2' },
      create: true,
      precision: 's',
      buffer: 10,
      flushInterval: seconds(2),
      writeConsistency: 'all',
    });
    expect(
      props(evaluate('stream|from()|influxDBOut()', clusters), 'influxdb_out2', 'influxDBOut'),
    ).toMatchObject({
      buffer: 1000,
      flushInterval: seconds(10),
      precision: '',
      cluster: '',
    });
  });

  it.each([
    [
      "stream|from()\n  |influxDBOut().cluster('x')",
      'line 2 char 4: unknown InfluxDB cluster "x": the [[influxdb]] sections name "local", "remote"',
    ],
    [
      "stream|from()|influxDBOut().precision('y')",
      'line 1 char 15: invalid precision "y": use one of n, u, ms, s, m, h (empty = ns)',
    ],
    [
      'stream|from()|influxDBOut().buffer(0)',
      'line 1 char 15: buffer must be greater than zero, got 0',
    ],
    [
      'stream|from()|influxDBOut().create()',
      'line 1 char 15: .create() needs .database(): the database to create',
    ],
    [
      "stream|from()|influxDBOut().writeConsistency('most')",
      'line 1 char 15: invalid writeConsistency "most": use any, one, quorum or all',
    ],
    [
      'stream|from()|influxDBOut()|alert()',
      'line 1 char 29: no method or property "alert" on *pipeline.InfluxDBOutNode',
    ],
  ])('%s is refused', (script, message) => {
    expect(evalError(script, clusters)).toBe(message);
  });

  it('is refused without an [[influxdb]] section, and with an empty one', () => {
    expect(evalError('stream|from()|influxDBOut()')).toBe(
      `line 1 char 15: influxDBOut() ${NO_SECTION}`,
    );
    expect(
      evalError('stream|from()|influxDBOut()', { influxdb: { names: [], defaultName: undefined } }),
    ).toBe(`line 1 char 15: influxDBOut() ${NO_SECTION}`);
  });
});

describe('shift and join', () => {
  it('builds a join of every parent with its properties', () => {
    const p = evaluate(
      `var a = stream|from().measurement('a').groupBy('host')
var b = stream|from().measurement('b').groupBy('host')
var c = stream|from().measurement('c').groupBy('host')|shift(1m)
a|join(b, c).as('a', 'b', 'c').tolerance(1s).fill(0.0).streamName('abc').delimiter('_')`,
    );
    const join = p.nodes.find((n) => n.type === 'join')!;
    expect(join.parents.map((n) => n.name)).toEqual(['from1', 'from2', 'shift4']);
    expect(join.props).toEqual({
      as: ['a', 'b', 'c'],
      on: [],
      delimiter: '_',
      tolerance: seconds(1),
      fill: 0,
      streamName: 'abc',
    });
    expect(props(p, 'shift4', 'shift')).toEqual({ shift: seconds(60) });
  });

  it('joins .on() a subset of the dimensions', () => {
    const p = evaluate(
      `var a = stream|from().measurement('a').groupBy('host', 'cpu')
var b = stream|from().measurement('b').groupBy('host')
a|join(b).as('a', 'b').on('host')`,
    );
    expect(p.nodes.find((n) => n.type === 'join')!.props).toMatchObject({ on: ['host'] });
  });

  it.each([
    [
      'stream|from()|shift(-5m)',
      'line 1 char 15: invalid shift value -5m0s: must be a positive duration (shift moves points forward in time)',
    ],
    ['stream|from()|shift(0s)', 'line 1 char 15: invalid shift value: must be non zero duration'],
    [
      `var a = stream|from().measurement('a').groupBy('host')
var b = stream|from().measurement('b').groupBy('region')
a
  |join(b).as('a', 'b')`,
      'line 4 char 4: cannot join streams with no common dimensions: from1 is grouped by [host], from2 by [region]',
    ],
    [
      `var a = stream|from().measurement('a').groupBy('host', 'cpu')
var b = stream|from().measurement('b').groupBy('host')
a|join(b).as('a', 'b')`,
      "line 3 char 3: cannot join differently grouped streams: from1 is grouped by [cpu, host], from2 by [host]; join .on('host')",
    ],
    [
      `var a = stream|from().measurement('a').groupBy('host')
var b = stream|from().measurement('b')
a|join(b).as('a', 'b').on('host')`,
      'line 3 char 3: cannot join on [host]: from2 is grouped by []; group every joined node by the .on() dimensions',
    ],
    [
      `var a = stream|from().measurement('a')
a|join(stream|from()).as('a')`,
      "line 2 char 3: number of prefixes specified by 'as' property must be equal to the number of joined nodes",
    ],
    [
      `var a = stream|from().measurement('a')
a|join(stream|from()).as('a', 'a')`,
      'line 2 char 3: cannot use the same prefix name see .as() property method',
    ],
    [
      `var a = stream|from().measurement('a')
a|join(stream|from()).as('a.x', 'b')`,
      'line 2 char 3: cannot use name a.x as field prefix, it contains the delimiter "." ',
    ],
    [
      `var a = stream|from().measurement('a')
a|join(stream|from()).as('a', 'b').fill('zero')`,
      'line 2 char 3: unexpected fill option zero',
    ],
    [
      `var a = stream|from().measurement('a')|window().period(1m)
a|join(stream|from()|window().period(1m)).as('a', 'b')`,
      'line 2 char 3: joining batches is not supported by this host: join streams (an aggregation such as |mean() turns a batch into a stream)',
    ],
    [
      "stream|from()|join('x').as('a', 'b')",
      'line 1 char 15: error calling func "join" on obj *pipeline.FromNode: argument 1 must be pipeline.Node, got string',
    ],
  ])('%s is refused', (script, message) => {
    expect(evalError(script)).toBe(message);
  });
});

describe('dot of a batch task', () => {
  it('leaves the batch source out, as Kapacitor does', () => {
    const p = evaluate(
      "batch|query('SELECT x FROM y').every(1m).period(1m)|httpOut('q')",
      clusters,
    );
    expect(toDot(p, 'b')).toBe('digraph b {\nquery1 -> http_out2;\n}');
  });
});
