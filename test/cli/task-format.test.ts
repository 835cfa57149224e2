// The pieces of the task verbs that need no host: -dbrp parsing and Kapacitor's value formats.

import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDBRP } from '../../src/cli/dbrp-flag.js';
import { formatRFC3339AsRFC822 } from '../../src/cli/table.js';
import { formatDBRPs, formatGoFloat, formatVarValue, goQuote } from '../../src/cli/task-format.js';

describe('parseDBRP', () => {
  it.each([
    ['telegraf.autogen', 'telegraf', 'autogen'],
    ['telegraf.one.week', 'telegraf', 'one.week'],
    ['"telegraf"."autogen"', 'telegraf', 'autogen'],
    ['"my.db".autogen', 'my.db', 'autogen'],
    ['db."r.p"', 'db', 'r.p'],
    ['"a\\"b"."c"', 'a"b', 'c'],
  ])('%s', (value, db, rp) => {
    expect(parseDBRP(value)).toEqual({ db, rp });
  });

  it.each([
    ['', 'dbrp cannot be empty'],
    ['telegraf', "does not contain a '.'"],
    ['telegraf.', 'dbrp must specify retention policy'],
    ['"telegraf"', 'dbrp must specify retention policy'],
    ['"telegraf"x.rp', 'dbrp must specify retention policy'],
    ['"telegraf.autogen', 'unterminated quote'],
    ['db."rp"x', 'unexpected text after the retention policy'],
    ['.autogen', 'dbrp must specify a database'],
  ])('%j is refused', (value, message) => {
    expect(() => parseDBRP(value)).toThrow(InvalidArgumentError);
    expect(() => parseDBRP(value)).toThrow(message);
  });
});

describe('Go formats', () => {
  it('DBRP lists as %s of []client.DBRP', () => {
    expect(formatDBRPs([])).toBe('[]');
    expect(
      formatDBRPs([
        { db: 'a', rp: 'b' },
        { db: 'x"y', rp: 'tab\there' },
      ]),
    ).toBe('["a"."b" "x\\"y"."tab\\there"]');
    expect(goQuote('é\u0001\\')).toBe('"é\\x01\\\\"');
  });

  it('floats as %v', () => {
    expect(formatGoFloat(95.5)).toBe('95.5');
    expect(formatGoFloat(2)).toBe('2');
    expect(formatGoFloat(123456)).toBe('123456');
    expect(formatGoFloat(1e6)).toBe('1e+06');
    expect(formatGoFloat(1234567)).toBe('1.234567e+06');
    expect(formatGoFloat(0.0001)).toBe('0.0001');
    expect(formatGoFloat(0.00001)).toBe('1e-05');
    expect(formatGoFloat(-0)).toBe('-0');
  });

  it('var values as show prints them', () => {
    expect(formatVarValue({ type: 'int', value: 42 })).toBe('42');
    expect(formatVarValue({ type: 'bool', value: true })).toBe('true');
    expect(formatVarValue({ type: 'float', value: 1e6 })).toBe('1e+06');
    expect(formatVarValue({ type: 'duration', value: '90s' })).toBe('1m30s');
    expect(formatVarValue({ type: 'duration', value: 5_000_000_000 })).toBe('5s');
    expect(formatVarValue({ type: 'lambda', value: '"value" > 5' })).toBe('"value" > 5');
    expect(formatVarValue({ type: 'star' })).toBe('*');
    expect(
      formatVarValue({
        type: 'list',
        value: [{ type: 'string', value: 'host' }, { type: 'star' }],
      }),
    ).toBe('[host, *]');
  });

  it('RFC3339 times as RFC822 in their own zone', () => {
    expect(formatRFC3339AsRFC822('2024-05-01T10:07:09.123456789Z')).toBe('01 May 24 10:07 UTC');
    expect(formatRFC3339AsRFC822('0001-01-01T00:00:00Z')).toBe('01 Jan 01 00:00 UTC');
    expect(formatRFC3339AsRFC822('2024-12-31T23:59:00+02:00')).toBe('31 Dec 24 23:59 +0200');
    expect(formatRFC3339AsRFC822('yesterday')).toBe('yesterday');
  });
});
