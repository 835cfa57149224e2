import { describe, expect, it } from 'vitest';
import type { GoDuration } from '../../src/common/duration.js';
import { GoTime } from '../../src/common/gotime.js';
import { LambdaCompileError, LambdaEvalError } from '../../src/tick/lambda/index.js';
import { parseLambdaExpression } from '../../src/tick/parser.js';
import { compile, compileError, ev, evalError, scope } from './lambda-helpers.js';

const MISMATCH = '. see bool(), int(), float(), string(), duration()';

describe('types and arithmetic', () => {
  it('keeps ints as int64 bigints and wraps on overflow', () => {
    expect(ev('"i" + 1', { i: 41n })).toBe(42n);
    expect(ev('"i" + 1', { i: 9223372036854775807n })).toBe(-9223372036854775808n);
    expect(ev('"i" * 3', { i: 2n ** 62n })).toBe(-(2n ** 62n));
    expect(ev('9007199254740993 + 0')).toBe(9007199254740993n);
  });

  it('divides ints toward zero, takes Go remainders and fails on division by zero', () => {
    expect(ev('-7 / 2')).toBe(-3n);
    expect(ev('-7 % 3')).toBe(-1n);
    expect(ev('7 % -3')).toBe(1n);
    expect(evalError('"i" / 0', { i: 1n })).toBe('integer divide by zero');
    expect(ev('"f" / 0.0', { f: 1.5 })).toBe(Infinity);
  });

  it('does float arithmetic', () => {
    expect(ev('"v" * 2.0 + 0.5', { v: 1.25 })).toBe(3);
    expect(ev('-"v"', { v: 1.5 })).toBe(-1.5);
  });

  it('rejects mixed int/float arithmetic but allows mixed comparisons', () => {
    expect(evalError('"v" + 1', { v: 1.5 })).toBe(
      `mismatched type to binary operator. got float + int${MISMATCH}`,
    );
    expect(ev('"count" > 8', { count: 9.5 })).toBe(true);
    expect(ev('"count" > 8.0', { count: 9n })).toBe(true);
    expect(ev('"count" == 9.0', { count: 9n })).toBe(true);
    expect(ev('"count" != 9', { count: 9.5 })).toBe(true);
  });

  it('does duration arithmetic', () => {
    const d = (v: unknown): bigint => (v as GoDuration).ns;
    expect(d(ev('10s * 3'))).toBe(30_000_000_000n);
    expect(d(ev('3 * 10s'))).toBe(30_000_000_000n);
    expect(d(ev('10s * 1.5'))).toBe(15_000_000_000n);
    expect(d(ev('1m - 30s'))).toBe(30_000_000_000n);
    expect(d(ev('1m / 4'))).toBe(15_000_000_000n);
    expect(d(ev('1m / 0.5'))).toBe(120_000_000_000n);
    expect(ev('1h / 1m')).toBe(60n);
    expect(d(ev('-5s'))).toBe(-5_000_000_000n);
    expect(ev('1m > 59s')).toBe(true);
  });

  it('concatenates and compares strings byte-wise', () => {
    expect(ev("'a' + 'b'")).toBe('ab');
    expect(ev('"s" < \'b\'', { s: 'a' })).toBe(true);
    // U+FF61 sorts before U+1F600 in UTF-8 (but not in UTF-16)
    expect(ev('"s" < \'😀\'', { s: '｡' })).toBe(true);
  });

  it('matches regexes anywhere in the string', () => {
    expect(ev('"host" =~ /web-\\d+/', { host: 'srv-web-12' })).toBe(true);
    expect(ev('"host" =~ /^web-\\d+$/', { host: 'srv-web-12' })).toBe(false);
    expect(ev('"host" !~ /^db/', { host: 'web' })).toBe(true);
  });

  it('redispatches when a field changes type between points', () => {
    const l = compile('"v" > 8');
    expect(l.eval(scope({ v: 9n }))).toBe(true);
    expect(l.eval(scope({ v: 7.5 }))).toBe(false);
    expect(l.eval(scope({ v: 100n }))).toBe(true);
  });

  it('reports operator/type errors like Kapacitor', () => {
    expect(evalError('"b" + TRUE', { b: true })).toBe('invalid math operator + for type bool');
    expect(evalError('"b" > FALSE', { b: true })).toBe(
      'invalid comparison operator > for type bool',
    );
    expect(evalError('"i" OR TRUE', { i: 1n })).toBe('invalid logical operator OR for type int');
    expect(evalError('"s" + 1', { s: 'a' })).toBe(
      `mismatched type to binary operator. got string + int${MISMATCH}`,
    );
    expect(evalError('"b" AND 1', { b: true })).toBe(
      `mismatched type to binary operator. got bool AND int${MISMATCH}`,
    );
    expect(evalError('"i" =~ /x/', { i: 1n })).toBe('invalid comparison operator =~ for type int');
    expect(evalError('-"s"', { s: 'a' })).toBe('invalid unary operator - for type string');
    expect(evalError('!"i"', { i: 1n })).toBe('invalid unary operator ! for type int');
  });

  it('reports type errors between constants at compile time', () => {
    expect(compileError('1 + 1.0')).toBe(
      `mismatched type to binary operator. got int + float${MISMATCH}`,
    );
    expect(compileError('TRUE + TRUE')).toBe('invalid math operator + for type bool');
    expect(compileError('"v" > 1 AND 2 + 1.5 > 1')).toBe(
      `Failed to handle right node: Failed to handle left node: mismatched type to binary operator. got int + float${MISMATCH}`,
    );
    expect(() => compile('-TRUE')).toThrow(LambdaCompileError);
  });
});

describe('missing values', () => {
  it('makes any operator on a missing reference an error, not false', () => {
    expect(evalError('"x" > 5')).toBe('left reference value "x" is missing value');
    expect(evalError('5 < "x"')).toBe('right reference value "x" is missing value');
    expect(() => ev('"x" > 5')).toThrow(LambdaEvalError);
  });

  it('reads "time" from the scope', () => {
    const l = compile('unixNano("time")');
    expect(l.eval({ get: () => undefined, time: new GoTime(5n) })).toBe(5n);
    expect(evalError('unixNano("time")')).toBe(
      'Cannot call function "unixNano" argument "time" is missing, values in scope are []',
    );
  });
});

describe('short-circuit AND/OR', () => {
  it('does not evaluate the right side when the left decides', () => {
    expect(ev('isPresent("x") AND "x" > 5')).toBe(false);
    expect(ev('TRUE OR "x" > 5')).toBe(true);
    expect(ev('isPresent("x") AND "x" > 5', { x: 6n })).toBe(true);
    expect(evalError('FALSE OR "x" > 5')).toBe('left reference value "x" is missing value');
  });

  it('does not advance stateful functions on the skipped side', () => {
    const l = compile('"go" AND count() > 0');
    l.eval(scope({ go: false }));
    l.eval(scope({ go: false }));
    expect(compile('count()').eval(scope())).toBe(1n);
    expect(l.eval(scope({ go: true }))).toBe(true);
    const counter = compile('"go" AND count() == 1');
    counter.eval(scope({ go: false }));
    expect(counter.eval(scope({ go: true }))).toBe(true);
  });
});

describe('identifiers and instances', () => {
  it('substitutes identifier values and inlines lambda identifiers', () => {
    const l = compile('"v" > t AND c', {
      identifiers: {
        t: 90.0,
        c: parseLambdaExpression('isPresent("host")'),
      },
    });
    expect(l.evalBool(scope({ v: 95, host: 'a' }))).toBe(true);
    expect(l.evalBool(scope({ v: 95 }))).toBe(false);
    expect(compileError('"v" > t')).toBe('name "t" is undefined. Names in scope: ');
  });

  it('gives each instance its own stateful-function state', () => {
    const a = compile('count()');
    expect(a.eval(scope())).toBe(1n);
    expect(a.eval(scope())).toBe(2n);
    const b = a.newInstance();
    expect(b.eval(scope())).toBe(1n);
    expect(a.eval(scope())).toBe(3n);
  });

  it('shares state between calls of the same function in one instance', () => {
    expect(compile('count() + count()').eval(scope())).toBe(3n);
  });

  it('evalBool rejects non-bool results', () => {
    expect(() => compile('"v" + 1.0').evalBool(scope({ v: 1.0 }))).toThrow(
      'expression returned unexpected type float',
    );
  });
});
