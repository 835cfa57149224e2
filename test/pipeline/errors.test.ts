import { describe, expect, it } from 'vitest';
import { TickEvalError } from '../../src/pipeline/eval-error.js';
import { evalError, evaluate } from './helpers.js';
import { unusedName } from '../helpers/installed.js';

/** A TICKscript property no installed handler has. */
const notAKind = unusedName('foo');

const NO_INFLUXDB =
  "needs an InfluxDB server: add an [[influxdb]] section (name, urls) to the host's configuration";
const MISMATCH = 'mismatched type to binary operator. got';

// [script, exact message]
// Kapacitor's wording; every message is located (Kapacitor leaves some without a position),
// and Go's reflect panic texts are replaced by what was expected.
const cases: Array<[string, string]> = [
  ['var x = 1\nvar x = 2', 'line 2 char 5: attempted to redefine x, vars are immutable'],
  ['var stream = 1', 'line 1 char 5: attempted to redefine stream, vars are immutable'],
  [
    'stream|from().measurement(y)',
    'line 1 char 27: name "y" is undefined. Names in scope: stream,time',
  ],
  [
    'var a = 1\nstream|from()|alert().crit(lambda: "x" > y)',
    'line 2 char 22: name "y" is undefined. Names in scope: a,stream,time',
  ],
  [
    'stream|from()|window().period(10)',
    'line 1 char 24: error calling func "period" on obj *pipeline.WindowNode: value must be time.Duration, got int64',
  ],
  [
    'stream|from()|window().period(10s, 5s)',
    'line 1 char 24: too many arguments to set property Period on *pipeline.WindowNode',
  ],
  [
    'stream|from().measurement()',
    'line 1 char 15: too many arguments to set property Measurement on *pipeline.FromNode',
  ],
  [
    'stream\n    |from()\n        .measurement("cpu")',
    'line 3 char 10: cannot assign *ast.ReferenceNode to type string, did you use double quotes instead of single quotes?',
  ],
  [
    'stream|from()|mean()',
    'line 1 char 15: error calling func "mean" on obj *pipeline.FromNode: too few arguments: takes 1 argument (string), got 0',
  ],
  [
    "stream|from()|httpOut('a', 'b')",
    'line 1 char 15: error calling func "httpOut" on obj *pipeline.FromNode: too many arguments: takes 1 argument (string), got 2',
  ],
  [
    "stream|from()|percentile('x', 90)",
    'line 1 char 15: error calling func "percentile" on obj *pipeline.FromNode: argument 2 must be float64, got int64',
  ],
  [
    "stream|from()|changeDetect('a', 5)",
    'line 1 char 15: error calling func "changeDetect" on obj *pipeline.FromNode: argument 2 must be string, got int64',
  ],
  [
    'stream|from()|window().period(10s)|window()',
    'line 1 char 36: error calling func "window" on obj *pipeline.WindowNode: cannot Window batch edge',
  ],
  [
    'stream.from()',
    "line 1 char 8: no property method \"from\" on *pipeline.StreamNode, but chaining method does exist. Use '|' operator instead: 'node|from(..)'.",
  ],
  [
    'stream|from()|window()|period(10s)',
    "line 1 char 24: no chaining method \"period\" on *pipeline.WindowNode, but property does exist. Use '.' operator instead: 'node.period(..)'.",
  ],
  [
    'stream|from()|alert()|crit(lambda: TRUE)',
    "line 1 char 23: no chaining method \"crit\" on *pipeline.AlertNode, but property does exist. Use '.' operator instead: 'node.crit(..)'.",
  ],
  ['stream|from().foo(1)', 'line 1 char 15: no method or property "foo" on *pipeline.FromNode'],
  ['stream|window()', 'line 1 char 8: no method or property "window" on *pipeline.StreamNode'],
  [
    `stream|from()|alert().post('x').${notAKind}()`,
    `line 1 char 33: no method or property "${notAKind}" on *pipeline.PostHandler`,
  ],
  ['stream|from()@movingAvg()', 'line 1 char 15: UDFs are not supported: @movingAvg()'],
  [
    `stream|from()|alert().${notAKind}()`,
    `line 1 char 23: no method or property "${notAKind}" on *pipeline.AlertNode`,
  ],
  [
    'stream|from()|alert().flapping(0, 1)',
    'line 1 char 23: error calling func "flapping" on obj *pipeline.AlertNode: argument 1 must be float64, got int64',
  ],
  [
    'stream|from()|alert().flapping(0.25, 1.5)',
    'line 1 char 15: alert flap thresholds are percentages and should be between 0 and 1',
  ],
  [
    "stream|from()|alert().crit('x')",
    'line 1 char 23: error calling func "crit" on obj *pipeline.AlertNode: value must be *ast.LambdaNode, got string',
  ],
  [
    "stream|from()|alert().post('http://x').header('Authenticate', 'x')",
    "line 1 char 40: cannot set 'authenticate' header",
  ],
  [
    'stream|from()|alert().log(5)',
    'line 1 char 23: error calling func "log" on obj *pipeline.AlertNode: argument 1 must be string, got int64',
  ],
  [
    'stream|from()|alert().exec()',
    'line 1 char 23: error calling func "exec" on obj *pipeline.AlertNode: too few arguments: takes at least 1 argument (string, string...), got 0',
  ],
  ['stream|from()|httpPost()', 'line 1 char 15: must provide url or endpoint'],
  ["stream|from()|httpPost('a', 'b')", 'line 1 char 15: httpPost expects 0 or 1 arguments, got 2'],
  [
    "stream|from()|httpPost('a').endpoint('e')",
    'line 1 char 15: only one endpoint and url may be specified',
  ],
  [
    "stream|from()|httpPost().endpoint('a').endpoint('b')",
    'line 1 char 15: httpPost expects 0 or 1 endpoints, got 2',
  ],
  [
    "stream|from()|httpPost('a').header('authenticate', 'x')",
    "line 1 char 15: cannot set 'authenticate' header",
  ],
  [
    'stream|from()|window()',
    'line 1 char 15: window node must have either a non zero period or non zero period count',
  ],
  [
    'stream|from()|window().period(10s).periodCount(10)',
    'line 1 char 15: cannot specify both period and periodCount',
  ],
  [
    'stream|from()|window().periodCount(10).align()',
    'line 1 char 15: can only align windows based off time, not count',
  ],
  [
    'stream|from()|window().periodCount(10)',
    'line 1 char 15: everyCount must be greater than zero',
  ],
  [
    "stream|from()|eval(lambda: 1, lambda: 2).as('a')",
    'line 1 char 15: must specify same number of expressions and .as() names: got 1 as names, and 2 expressions.',
  ],
  [
    "stream|from()|eval(lambda: 1).as('a').tags('b')",
    'line 1 char 15: invalid tag name "b", name is not present is .as() names',
  ],
  ["stream|from()|groupBy('a').exclude('b')", "line 1 char 15: exclude requires '*'"],
  [
    "stream|from()|groupBy(*, 'a')",
    "line 1 char 15: cannot group by both '*' and named dimensions.",
  ],
  ["stream|from()|groupBy('')", 'line 1 char 15: dimensions cannot not be the empty string'],
  ['stream|from().groupBy(1)', 'line 1 char 8: invalid dimension object of type int64'],
  ["stream|from()|log().level('LOUD')", 'line 1 char 15: invalid log level LOUD'],
  [
    "stream|from()|default().field('a', lambda: 1)",
    'line 1 char 15: unsupported type *ast.LambdaNode for field "a", field values must be float, int, string or bool',
  ],
  [
    'stream|from()|join()',
    'line 1 char 15: a call to join.as() is required to specify the output stream prefixes.',
  ],
  ['stream|from()|union()', 'line 1 char 15: union() is not supported by this host'],
  ['stream|from()|sample(2)', 'line 1 char 15: sample() is not supported by this host'],
  [
    "stream|from()|holtWinters('x', 1, 1, 1s)",
    'line 1 char 15: holtWinters() is not supported by this host',
  ],
  ['stream\n    |from()\n    |influxDBOut()', `line 3 char 6: influxDBOut() ${NO_INFLUXDB}`],
  [
    "batch|query('SELECT 1')",
    'line 1 char 7: failed to parse InfluxQL query: found EOF, expected FROM at line 1, char 9',
  ],
  [
    "batch|query('SELECT x FROM y').every(1m).period(1m)",
    `line 1 char 7: a batch query() ${NO_INFLUXDB}`,
  ],
  ['var t float\nstream|from()', 'line 1 char 5: missing value for var "t".'],
  ['var t foo\nstream|from()', 'line 1 char 7: invalid var type "foo"'],
  ["var x = -'a'", "line 1 char 9: invalid arugument to '-' a"],
  ['var x = !5', "line 1 char 9: invalid arugument to '!' 5"],
  [
    'var x = 1 + 1.0',
    `line 1 char 1: ${MISMATCH} int + float. see bool(), int(), float(), string(), duration()`,
  ],
  ["foo('x')", 'line 1 char 1: no global function "foo" defined'],
  [
    'stream|from()|where(lambda: 1 + 1.0 > 2)',
    `line 1 char 21: Failed to compile expression in where clause: Failed to handle left node: ${MISMATCH} int + float. see bool(), int(), float(), string(), duration()`,
  ],
  [
    "stream|from()|alert().crit(lambda: 'a' + 1)",
    `line 1 char 28: Failed to compile stateful expression for crit: ${MISMATCH} string + int. see bool(), int(), float(), string(), duration()`,
  ],
  [
    "stream|from()|eval(lambda: 1 + 'a').as('x')",
    `line 1 char 20: Failed to compile 0 expression: ${MISMATCH} int + string. see bool(), int(), float(), string(), duration()`,
  ],
  [
    'stream|from().where(lambda: abs(1) > 0)',
    'line 1 char 21: Failed to compile from expression: Failed to handle left node: Cannot call function "abs" with args (1: int), available signatures are [(float)].',
  ],
  [
    'stream|from()|deadman(100, 10s)',
    'line 1 char 15: error calling func "deadman" on obj *pipeline.FromNode: argument 1 must be float64, got int64',
  ],
  [
    'var x = stream|from()\nvar y = lambda: "v" > x',
    'line 2 char 1: unsupported literal type *pipeline.FromNode',
  ],
  [
    'stream|from().measurement',
    'line 1 char 14: object *pipeline.FromNode has no property measurement',
  ],
];

describe('evaluation errors (Kapacitor wording and positions)', () => {
  it.each(cases)('%s', (script, message) => {
    expect(evalError(script)).toBe(message);
  });

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('throws TickEvalError with the position', () => {
    try {
      evaluate('stream\n  |from()\n  |foo()');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TickEvalError);
      expect((err as TickEvalError).pos).toMatchObject({ line: 3, column: 4 });
      expect((err as TickEvalError).status).toBe(400);
    }
  });

  it("parse errors are the parser's", () => {
    expect(evalError('stream|from(')).toMatch(/^parser: unexpected EOF line 1 char 13/);
  });

  it('an explicit batch task type makes `stream` undefined', () => {
    expect(evalError('stream|from()', { taskType: 'batch' })).toBe(
      'line 1 char 1: name "stream" is undefined. Names in scope: batch,time',
    );
  });

  it('mixing stream and batch is rejected', () => {
    expect(evalError("stream|from()\nbatch|query('x')")).toBe(
      'invalid task type: a script uses either stream or batch, not both',
    );
  });
});
