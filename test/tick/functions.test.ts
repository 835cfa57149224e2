import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoDuration } from '../../src/common/duration.js';
import { GoTime } from '../../src/common/gotime.js';
import { builtinFunctions } from '../../src/tick/lambda/index.js';
import { compile, ev, evalError, scope } from './lambda-helpers.js';

const ns = (v: unknown): bigint => (v as GoDuration).ns;

describe('conversion functions', () => {
  it('bool()', () => {
    expect(ev("bool('T')")).toBe(true);
    expect(ev("bool('False')")).toBe(false);
    expect(ev('bool(1)')).toBe(true);
    expect(ev('bool(0.0)')).toBe(false);
    expect(ev('bool(TRUE)')).toBe(true);
    expect(evalError("bool('yes')")).toBe(
      'error calling "bool": strconv.ParseBool: parsing "yes": invalid syntax',
    );
    expect(evalError('bool(2)')).toBe('error calling "bool": cannot convert 2 to boolean');
  });

  it('int()', () => {
    expect(ev('int(-2.9)')).toBe(-2n);
    expect(ev("int('42')")).toBe(42n);
    expect(ev('int(TRUE)')).toBe(1n);
    expect(ev('int("i")', { i: 7n })).toBe(7n);
    expect(evalError("int('4.2')")).toBe(
      'error calling "int": strconv.ParseInt: parsing "4.2": invalid syntax',
    );
    expect(evalError('int(1s)')).toBe(
      'Cannot call function "int" with args (1s: duration), available signatures are [(bool), (string), (int), (float)].',
    );
  });

  it('float()', () => {
    expect(ev('float("i") / 3.0', { i: 3n })).toBe(1);
    expect(ev("float('1e3')")).toBe(1000);
    expect(ev('float(FALSE)')).toBe(0);
    expect(evalError("float('x')")).toBe(
      'error calling "float": strconv.ParseFloat: parsing "x": invalid syntax',
    );
  });

  it('string()', () => {
    expect(ev('string(5)')).toBe('5');
    expect(ev('string(0.1)')).toBe('0.1');
    expect(ev('string("f")', { f: 1e21 })).toBe('1000000000000000000000');
    expect(ev('string(TRUE)')).toBe('true');
    expect(ev('string(2w)')).toBe('2w');
    expect(ev('string(36h)')).toBe('36h');
    expect(ev('string(90s)')).toBe('90s');
    expect(ev('string(1500ms)')).toBe('1500ms');
    expect(ev('string(0s)')).toBe('0s');
    expect(ev("'a' + string(5)")).toBe('a5');
  });

  it('duration()', () => {
    expect(ns(ev('duration(5m)'))).toBe(300_000_000_000n);
    expect(ns(ev('duration(5, 1s)'))).toBe(5_000_000_000n);
    expect(ns(ev('duration(1.5, 1s)'))).toBe(1_500_000_000n);
    expect(ns(ev("duration('1h30m', 1s)"))).toBe(5_400_000_000_000n);
    expect(evalError("duration('x', 1s)")).toBe(
      'error calling "duration": invalid duration string "x"',
    );
    expect(evalError("duration('5m')")).toContain(
      'Cannot call function "duration" with args (\'5m\': string)',
    );
  });
});

describe('math functions', () => {
  const cases: [string, number][] = [
    ['abs(-2.5)', 2.5],
    ['acos(1.0)', 0],
    ['acosh(1.0)', 0],
    ['asin(0.0)', 0],
    ['asinh(0.0)', 0],
    ['atan(0.0)', 0],
    ['atanh(0.0)', 0],
    ['cbrt(27.0)', 3],
    ['ceil(1.2)', 2],
    ['cos(0.0)', 1],
    ['cosh(0.0)', 1],
    ['erf(0.5)', 0.5204998778130465],
    ['erf(3.0)', 0.9999779095030014],
    ['erfc(0.5)', 0.4795001221869535],
    ['erfc(3.0)', 2.209049699858544e-5],
    ['exp(1.0)', Math.E],
    ['exp2(10.0)', 1024],
    ['expm1(0.0)', 0],
    ['floor(1.8)', 1],
    ['gamma(5.0)', 24],
    ['gamma(0.5)', 1.772453850905516],
    ['j0(1.0)', 0.7651976865579666],
    ['j1(1.0)', 0.4400505857449335],
    ['jn(2, 1.0)', 0.11490348493190049],
    ['log(1.0)', 0],
    ['log10(1000.0)', 3],
    ['log1p(0.0)', 0],
    ['log2(8.0)', 3],
    ['logb(10.0)', 3],
    ['sin(0.0)', 0],
    ['sinh(0.0)', 0],
    ['sqrt(16.0)', 4],
    ['tan(0.0)', 0],
    ['tanh(0.0)', 0],
    ['trunc(-1.7)', -1],
    ['y0(1.0)', 0.08825696421567697],
    ['y1(1.0)', -0.7812128213002887],
    ['yn(2, 1.0)', -1.6506826068162546],
    ['atan2(1.0, 1.0)', Math.PI / 4],
    ['hypot(3.0, 4.0)', 5],
    ['max(1.0, 2.0)', 2],
    ['min(1.0, 2.0)', 1],
    ['mod(-7.0, 3.0)', -1],
    ['pow(2.0, 10.0)', 1024],
    ['pow10(3)', 1000],
  ];

  it.each(cases)('%s', (expr, expected) => {
    const v = ev(expr) as number;
    expect(typeof v).toBe('number');
    expect(v).toBeCloseTo(expected, 9);
    if (Math.abs(expected) < 1e-3 && expected !== 0) {
      expect(Math.abs(v - expected) / expected).toBeLessThan(1e-9);
    }
  });

  it('covers every math built-in', () => {
    const names = new Set(cases.map(([e]) => e.slice(0, e.indexOf('('))));
    const math = Object.keys(builtinFunctions).filter(
      (n) =>
        !/^(str|regex|bool|int|float|string|duration|is|if|human|unix|minute|hour|weekday|day|month|year|now|count|sigma|spread|rand)/.test(
          n,
        ),
    );
    expect(math.filter((n) => !names.has(n))).toEqual([]);
  });

  it('follows Go special cases', () => {
    expect(ev('pow(1.0, "n")', { n: Number.NaN })).toBe(1);
    expect(ev('max("n", 1.0)', { n: Number.NaN })).toBeNaN();
    expect(ev('log(-1.0)')).toBeNaN();
    expect(ev('gamma(-1.0)')).toBeNaN();
  });

  it('rejects ints (no implicit promotion)', () => {
    expect(evalError('abs("value")', { value: 1n })).toBe(
      'Cannot call function "abs" with args ("value": int), available signatures are [(float)].',
    );
  });
});

describe('string functions (byte offsets)', () => {
  const cases: [string, unknown][] = [
    ["strContains('abc', 'b')", true],
    ["strContainsAny('abc', 'xyc')", true],
    ["strCount('cheese', 'e')", 3n],
    ["strCount('héllo', '')", 6n],
    ["strHasPrefix('web-1', 'web')", true],
    ["strHasSuffix('web-1', '-1')", true],
    ["strIndex('héllo', 'l')", 3n],
    ["strIndex('abc', 'x')", -1n],
    ["strIndexAny('héllo', 'ol')", 3n],
    ["strLastIndex('héllo', 'l')", 4n],
    ["strLastIndexAny('héllo', 'hé')", 1n],
    ["strLength('héllo')", 6n],
    ["strReplace('aaaa', 'a', 'b', 2)", 'bbaa'],
    ["strReplace('aaaa', 'a', 'b', -1)", 'bbbb'],
    ["strSubstring('abcdef', 1, 3)", 'bc'],
    ["strToLower('ABC')", 'abc'],
    ["strToUpper('abc')", 'ABC'],
    ["strTrim('xxaxx', 'x')", 'a'],
    ["strTrimLeft('xxaxx', 'x')", 'axx'],
    ["strTrimRight('xxaxx', 'x')", 'xxa'],
    ["strTrimPrefix('web-1', 'web-')", '1'],
    ["strTrimSuffix('web-1', '-1')", 'web'],
    ["strTrimSpace('  a b \\t')", 'a b \\t'],
    ["strTrimSpace('\\n a ')", '\\n a'],
    ["regexReplace(/(\\w+)-(\\d+)/, 'web-1 db-2', '${2}_$1')", '1_web 2_db'],
  ];

  it.each(cases)('%s', (expr, expected) => {
    expect(ev(expr)).toEqual(expected);
  });

  it('strSubstring cannot include the last byte (upstream quirk) and checks bounds', () => {
    expect(evalError("strSubstring('abc', 0, 3)")).toBe(
      'error calling "strSubstring": stop index too large for string in strSubstring: 3',
    );
    expect(evalError("strSubstring('abc', -1, 1)")).toBe(
      'error calling "strSubstring": found negative index for strSubstring: -1',
    );
    expect(evalError("strSubstring('abc', 2, 1)")).toContain('slice bounds out of range');
  });

  it('trims real whitespace', () => {
    expect(ev('strTrimSpace("s")', { s: '\t a \n' })).toBe('a');
  });
});

describe('presence, conditionals and formatting', () => {
  it('isPresent() accepts missing values', () => {
    expect(ev('isPresent("x")')).toBe(false);
    expect(ev('isPresent("x")', { x: 'a' })).toBe(true);
  });

  it('if() requires both branches to have the same type and evaluates both', () => {
    expect(ev("if(\"v\" > 0.0, 'pos', 'neg')", { v: 1.5 })).toBe('pos');
    expect(ev("if(\"v\" > 0.0, 'pos', 'neg')", { v: -1.5 })).toBe('neg');
    expect(evalError('if(TRUE, "i", 1.0)', { i: 1n })).toContain(
      'Cannot call function "if" with args (TRUE: bool,"i": int,1.0: float)',
    );
    expect(evalError('if(isPresent("x"), "x", 0.0)')).toBe(
      'Cannot call function "if" argument "x" is missing, values in scope are []',
    );
  });

  it('humanBytes()', () => {
    expect(ev('humanBytes(1500)')).toBe('1.5 kB');
    expect(ev('humanBytes(82854982)')).toBe('83 MB');
    expect(ev('humanBytes(9)')).toBe('9 B');
    expect(ev('humanBytes(1500.9)')).toBe('1.5 kB');
  });
});

describe('time functions (server local time)', () => {
  const savedTZ = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    process.env.TZ = savedTZ;
  });

  // 2024-03-10T06:30:00Z is 01:30 EST on Sunday 2024-03-10 in New York.
  const t = new GoTime(1_710_052_200_000_000_000n);

  it.each([
    ['unixNano("time")', 1_710_052_200_000_000_000n],
    ['minute("time")', 30n],
    ['hour("time")', 1n],
    ['weekday("time")', 0n],
    ['day("time")', 10n],
    ['month("time")', 3n],
    ['year("time")', 2024n],
  ])('%s', (expr, expected) => {
    expect(ev(expr, {}, t)).toBe(expected);
  });

  it('now() is the wall clock', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const v = ev('unixNano(now())') as bigint;
    expect(v >= before - 1_000_000_000n && v <= before + 5_000_000_000n).toBe(true);
  });
});

describe('stateful functions', () => {
  it('count()', () => {
    const l = compile('count()');
    expect([l.eval(scope()), l.eval(scope()), l.eval(scope())]).toEqual([1n, 2n, 3n]);
  });

  it('sigma() uses a running mean and sample standard deviation', () => {
    const l = compile('sigma("v")');
    const out = [1, 2, 3, 10].map((v) => l.eval(scope({ v })) as number);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.7071067811865476, 12);
    expect(out[2]).toBeCloseTo(1, 12);
    // mean 4, sample variance 50/3: |10 - 4| / sqrt(50/3)
    expect(out[3]).toBeCloseTo(6 / Math.sqrt(50 / 3), 12);
  });

  it('spread()', () => {
    const l = compile('spread("v")');
    expect([5, 2, 9, 4].map((v) => l.eval(scope({ v })))).toEqual([0, 3, 7, 7]);
  });

  it('rand()', () => {
    const v = ev('rand()') as bigint;
    expect(v >= 0n).toBe(true);
    for (let i = 0; i < 50; i++) {
      const r = ev('rand(3)') as bigint;
      expect(r >= 0n && r < 3n).toBe(true);
    }
    expect(evalError('rand(0)')).toBe('error calling "rand": invalid argument to Int63n');
  });

  it('keeps state per instance (one per group)', () => {
    const groupA = compile('spread("v")');
    const groupB = groupA.newInstance();
    groupA.eval(scope({ v: 1 }));
    expect(groupA.eval(scope({ v: 10 }))).toBe(9);
    expect(groupB.eval(scope({ v: 10 }))).toBe(0);
  });
});

describe('function errors', () => {
  it('reports unknown functions at compile time', () => {
    expect(() => compile('nope(1)')).toThrow('undefined function: "nope"');
  });

  it('prefixes argument evaluation errors', () => {
    expect(evalError('abs("v" + 1)', { v: 1.5 })).toBe(
      'Failed to handle 1 argument: mismatched type to binary operator. got float + int. see bool(), int(), float(), string(), duration()',
    );
  });
});
