import { describe, expect, it } from 'vitest';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import { formatScript } from '../../src/pipeline/format.js';
import type { Pipeline } from '../../src/pipeline/model.js';

const messy = `// alert on cpu
dbrp "telegraf"."autogen"
var period=10s
// the threshold
var crit = 90.
var t float
stream|from().measurement('cpu').where(lambda:"cpu"=='cpu-total' AND "host"=~/^web-\\d+$/).groupBy(['host','dc'])
  |window().period(period).every(period)
  |mean('usage_user')
  // alert
  |alert().id('''{{ .Name }}''').crit(lambda: ("mean" > crit) OR !("x" < -1)).message('it\\'s 010')
  .post('http://x').header('a', 'b')`;

const expected = `// alert on cpu
dbrp "telegraf"."autogen"

var period = 10s

// the threshold
var crit = 90.0

var t float

stream
    |from()
        .measurement('cpu')
        .where(lambda: "cpu" == 'cpu-total' AND "host" =~ /^web-\\d+$/)
        .groupBy(['host', 'dc'])
    |window()
        .period(period)
        .every(period)
    |mean('usage_user')
    // alert
    |alert()
        .id('''{{ .Name }}''')
        .crit(lambda: ("mean" > crit) OR !("x" < -1))
        .message('it\\'s 010')
        .post('http://x')
        .header('a', 'b')
`;

/** The pipeline without positions, for comparing scripts that only differ in layout. */
function shape(p: Pipeline): unknown {
  return JSON.parse(
    JSON.stringify(
      p.nodes.map((n) => ({ name: n.name, parents: n.parents.map((x) => x.name), props: n.props })),
      (k, v: unknown) =>
        k === 'pos' || k === 'expr' ? undefined : typeof v === 'bigint' ? String(v) : v,
    ),
  );
}

describe('formatScript', () => {
  it("formats as Kapacitor's tick/ast Format does", () => {
    expect(formatScript(messy)).toBe(expected);
  });

  it('is idempotent', () => {
    expect(formatScript(expected)).toBe(expected);
    expect(formatScript(formatScript(messy))).toBe(formatScript(messy));
  });

  it('the formatted script evaluates to the same pipeline', () => {
    const vars = { t: { type: 'float' as const, value: 1.5 } };
    const a = evaluateScript(messy, { taskId: 'x', vars });
    const b = evaluateScript(formatScript(messy), { taskId: 'x', vars });
    expect(shape(b)).toEqual(shape(a));
    expect(shape(b)).not.toEqual(shape(evaluateScript('stream|from()', { taskId: 'x' })));
  });

  it('multi-line calls, binary expressions and literals', () => {
    const script = `stream|eval(lambda: "a" +
"b",
lambda: 1.50 * 010, lambda: TRUE AND "x" != '''q'''
).as('x', 'y', 'z')`;
    expect(formatScript(script)).toBe(`stream
    |eval(
        lambda: "a" +
        "b",
        lambda: 1.5 * 010,
        lambda: TRUE AND "x" != '''q'''
    )
        .as('x', 'y', 'z')
`);
  });

  it('keeps comments between chain calls and on arguments', () => {
    const script = `stream
// first
|from()
    // measurement
    .measurement('m')
|alert()
// trailing`;
    expect(formatScript(script)).toBe(`stream
    // first
    |from()
        // measurement
        .measurement('m')
    |alert()

// trailing

`);
  });
});
