// Line protocol as Kapacitor (InfluxDB v1.9.6 models) parses it: spec/line-protocol.md.

import { describe, expect, it } from 'vitest';
import {
  LineProtocolError,
  MAX_KEY_LENGTH,
  parseLineProtocol,
  type ParsedPoint,
} from '../../src/ingest/line-protocol.js';
import { pointFromParsed } from '../../src/ingest/to-point.js';
import { noDimensions } from '../../src/task/point.js';

/** 2023-11-14T22:13:20.123456789Z */
const NOW = 1_700_000_000_123_456_789n;

function parse(body: string, precision = 'n', now = NOW): ParsedPoint[] {
  return parseLineProtocol(body, { precision, now });
}

function one(line: string, precision = 'n'): ParsedPoint {
  const points = parse(line, precision);
  expect(points).toHaveLength(1);
  return points[0]!;
}

function parseError(body: string, precision = 'n'): LineProtocolError {
  try {
    parse(body, precision);
  } catch (err) {
    if (err instanceof LineProtocolError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(body)} to fail`);
}

describe('error catalogue (spec §6): exact reasons', () => {
  const rows: Array<[line: string, reason: string]> = [
    [',cpu a=1', 'missing measurement'],
    ['cpu', 'missing fields'],
    ['cpu,host=a', 'missing fields'],
    ['cpu ', 'invalid field format'],
    ['cpu,=a v=1', 'missing tag key'],
    ['cpu, v=1', 'missing tag key'],
    ['cpu,host v=1', 'missing tag value'],
    ['cpu,host= v=1', 'missing tag value'],
    ['cpu,host', 'missing tag value'],
    ['cpu,host=a=b v=1', 'invalid tag format'],
    ['cpu,a=1,a=2 v=1', 'duplicate tags'],
    ['cpu,b=1,a=1,b=2 v=1', 'duplicate tags'],
    ['cpu =1', 'missing field key'],
    ['cpu a=1,=2', 'missing field key'],
    ['cpu a=', 'missing field value'],
    ['cpu a=,b=1', 'missing field value'],
    ['cpu a= 1', 'missing field value'],
    ['cpu a=1,b', 'invalid field format'],
    ['cpu a b=1', 'invalid field format'],
    ['cpu a=1.2.3', 'invalid number'],
    ['cpu a=1ii', 'invalid number'],
    ['cpu a=1.5i', 'invalid number'],
    ['cpu a=1e3i', 'invalid number'],
    ['cpu a=1i5', 'invalid number'],
    ['cpu a=10u', 'invalid number'],
    ['cpu a=NaN', 'invalid number'],
    ['cpu a=nan', 'invalid number'],
    ['cpu a=-', 'invalid number'],
    ['cpu a=-,b=1', 'invalid number'],
    ['cpu a=.', 'invalid number'],
    ['cpu a=1x', 'invalid number'],
    ['cpu a=yes', 'invalid boolean'],
    ['cpu a=tru', 'invalid boolean'],
    ['cpu a=truE', 'invalid boolean'],
    ['cpu a=Inf', 'invalid boolean'],
    ['cpu a="x', 'unbalanced quotes'],
    ['cpu a="x\\"', 'unbalanced quotes'],
    ['cpu a=1e400', 'invalid float'],
    ['cpu a=-1e400', 'invalid float'],
    ['cpu a=1e', 'invalid float'],
    [`cpu a=${'9'.repeat(400)}`, 'invalid float'],
    [
      'cpu a=9223372036854775808i',
      'unable to parse integer 9223372036854775808: strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ],
    [
      'cpu a=-9223372036854775809i',
      'unable to parse integer -9223372036854775809: strconv.ParseInt: parsing "-9223372036854775809": value out of range',
    ],
    ['cpu a=1 12x', 'bad timestamp'],
    ['cpu a=1 1.5', 'bad timestamp'],
    ['cpu a=1 --5', 'bad timestamp'],
    ['cpu a=1 12\r', 'bad timestamp'],
    ['cpu a=1\r', 'invalid number'],
    ['cpu a=1 12 extra', 'point is invalid'],
    ['cpu a=1 12\t', 'bad timestamp'],
    ['cpu a=1 12  x', 'point is invalid'],
    // escapes are "preceded by a backslash" tests: the space after `\\` still counts as escaped
    ['cpu\\\\ v=1', 'missing fields'],
    ['cpu a=1 -', 'strconv.ParseInt: parsing "-": invalid syntax'],
    [
      'cpu a=1 9223372036854775808',
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ],
    [
      'cpu a=1 9223372036854775807',
      'time outside range -9223372036854775806 - 9223372036854775806',
    ],
    [
      'cpu a=1 -9223372036854775807',
      'time outside range -9223372036854775806 - 9223372036854775806',
    ],
  ];

  it.each(rows)('%j → %s', (line, reason) => {
    const err = parseError(line);
    expect(err.message).toBe(`unable to parse '${line}': ${reason} (line 1)`);
    expect(err.failures).toEqual([{ line: 1, text: line, reason }]);
  });

  it('reports the line as received with leading blanks stripped', () => {
    const err = parseError(' \t\0cpu a=');
    expect(err.message).toBe(`unable to parse 'cpu a=': missing field value (line 1)`);
  });

  it('is an Error subclass named LineProtocolError', () => {
    const err = parseError('cpu');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('LineProtocolError');
  });
});

describe('max key length (measurement + tags, + 4 + field key, in bytes)', () => {
  it('rejects a series key longer than 65535 bytes', () => {
    const line = `${'m'.repeat(MAX_KEY_LENGTH + 1)} a=1`;
    expect(parseError(line).failures[0]!.reason).toBe('max key length exceeded: 65536 > 65535');
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 21846 × 'é' (2 bytes) = 43692 bytes: fine alone, too long with a 21840-byte field key
    const measurement = 'é'.repeat(21846);
    expect(one(`${measurement} a=1`).measurement).toBe(measurement);
    const fieldKey = 'k'.repeat(21840);
    expect(parseError(`${measurement} ${fieldKey}=1`).failures[0]!.reason).toBe(
      `max key length exceeded: ${43692 + 4 + 21840} > 65535`,
    );
  });

  it('accepts a key of exactly the limit', () => {
    const line = `${'m'.repeat(MAX_KEY_LENGTH - 5)} a=1`; // 65530 + 4 + 1
    expect(one(line).fields).toEqual({ a: 1 });
  });
});

describe('escapes per part', () => {
  const rows: Array<[name: string, line: string, expected: Partial<ParsedPoint>]> = [
    ['measurement \\, and \\ ', 'my\\ cpu\\,x a=1', { measurement: 'my cpu,x' }],
    // Name() uses escape.Unescape, which also removes \= and \" (the spec lists only \, and \ )
    ['measurement \\= and \\"', 'a\\=b\\"c v=1', { measurement: 'a=b"c' }],
    ['measurement other backslash stays', 'c\\pu\\\\x v=1', { measurement: 'c\\pu\\\\x' }],
    ['measurement with = and quotes unescaped', 'c=p"u v=1', { measurement: 'c=p"u' }],
    [
      'tag key and value \\, \\  \\=',
      'cpu,k\\ 1\\,\\==v\\ 1\\,\\= v=1',
      { tags: { 'k 1,=': 'v 1,=' } },
    ],
    ['tag \\" and other backslashes stay', 'cpu,k\\"=v\\x v=1', { tags: { 'k\\"': 'v\\x' } }],
    ['tag value starting with =', 'cpu,k==v v=1', { tags: { k: '=v' } }],
    [
      'field key \\, \\= \\  \\"',
      'cpu a\\,b=1,c\\=d=2,e\\ f=3,g\\"h=4',
      { fields: { 'a,b': 1, 'c=d': 2, 'e f': 3, 'g"h': 4 } },
    ],
    ['field key other backslash stays', 'cpu a\\b=1', { fields: { 'a\\b': 1 } }],
    ['string \\" and \\\\', 'cpu s="a \\"q\\" \\\\ b"', { fields: { s: 'a "q" \\ b' } }],
    ['string other backslash stays', 'cpu s="a\\nb\\tc"', { fields: { s: 'a\\nb\\tc' } }],
    ['string with , = and spaces', 'cpu s="a, b=c d",n=1', { fields: { s: 'a, b=c d', n: 1 } }],
  ];

  it.each(rows)('%s', (_name, line, expected) => {
    expect(one(line)).toMatchObject(expected);
  });
});

describe('field value types', () => {
  const rows: Array<[value: string, expected: number | bigint | string | boolean]> = [
    ['1', 1],
    ['-1.5', -1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['-.25', -0.25],
    ['007', 7],
    ['1e6', 1e6],
    ['-2.5E-3', -0.0025],
    ['1e+2', 100],
    ['1e-400', 0],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['0.1', 0.1],
    ['123456789012345', 123456789012345],
    ['1234567890.12345678', 1234567890.1234567],
    ['9007199254740993', 9007199254740992],
    ['42i', 42n],
    ['-7i', -7n],
    ['0i', 0n],
    ['9223372036854775807i', 9223372036854775807n],
    ['-9223372036854775808i', -9223372036854775808n],
    ['00000000000000000000001i', 1n],
    ['"hello, world"', 'hello, world'],
    ['""', ''],
    ['"multi\nline"', 'multi\nline'],
    ['t', true],
    ['T', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['f', false],
    ['F', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ];

  it.each(rows)('%j', (value, expected) => {
    const v = one(`cpu v=${value}`).fields.v;
    expect(typeof v).toBe(typeof expected);
    expect(v).toBe(expected);
  });

  it('keeps the sign of -0 for floats', () => {
    expect(Object.is(one('cpu v=-0.0').fields.v, -0)).toBe(true);
  });

  it('lets a later duplicate field win, whatever its type', () => {
    expect(one('cpu a=1,b=2,a="x",a=3i').fields).toEqual({ a: 3n, b: 2 });
  });

  it('sorts tags by key', () => {
    const p = one('cpu,zone=z,host=h,az=a,b=b v=1');
    expect(Object.keys(p.tags)).toEqual(['az', 'b', 'host', 'zone']);
    expect(p.tags).toEqual({ az: 'a', b: 'b', host: 'h', zone: 'z' });
  });

  it('keeps keys such as __proto__ as ordinary keys', () => {
    const p = one('cpu,__proto__=x __proto__=1');
    expect(Object.keys(p.tags)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(p.tags, '__proto__')?.value).toBe('x');
    expect(Object.getOwnPropertyDescriptor(p.fields, '__proto__')?.value).toBe(1);
  });

  it('tolerates several blanks between sections', () => {
    expect(one('cpu,h=a   v=1  \t 5 ')).toEqual({
      measurement: 'cpu',
      tags: { h: 'a' },
      fields: { v: 1 },
      time: 5n,
    });
  });
});

describe('timestamps and precision', () => {
  const rows: Array<[precision: string, timestamp: string, ns: bigint]> = [
    ['n', '1700000000123456789', 1_700_000_000_123_456_789n],
    ['u', '1700000000123456', 1_700_000_000_123_456_000n],
    ['ms', '1700000000123', 1_700_000_000_123_000_000n],
    ['s', '1700000000', 1_700_000_000_000_000_000n],
    ['m', '28333333', 28_333_333n * 60_000_000_000n],
    ['h', '472222', 472_222n * 3_600_000_000_000n],
    ['ns', '123', 123n],
    ['us', '123', 123n],
    ['rfc3339', '123', 123n],
    ['', '123', 123n],
    ['s', '-1', -1_000_000_000n],
    ['s', '0', 0n],
    ['n', '-9223372036854775806', -9_223_372_036_854_775_806n],
    ['n', '9223372036854775806', 9_223_372_036_854_775_806n],
    ['s', '9223372036', 9_223_372_036_000_000_000n],
  ];

  it.each(rows)('precision %j, timestamp %s', (precision, timestamp, ns) => {
    expect(one(`cpu v=1 ${timestamp}`, precision).time).toBe(ns);
  });

  const outOfRange: Array<[precision: string, timestamp: string]> = [
    ['s', '9223372037'],
    ['s', '-9223372037'],
    ['ms', '9223372036855'],
    ['u', '-9223372036854776'],
    ['h', '2562048'],
    ['m', '153722868'],
    ['n', '-9223372036854775808'],
  ];

  it.each(outOfRange)('precision %j, timestamp %s is out of range', (precision, timestamp) => {
    expect(parseError(`cpu v=1 ${timestamp}`, precision).failures[0]!.reason).toBe(
      'time outside range -9223372036854775806 - 9223372036854775806',
    );
  });

  const truncated: Array<[precision: string, ns: bigint]> = [
    ['n', 1_700_000_000_123_456_789n],
    ['u', 1_700_000_000_123_456_000n],
    ['ms', 1_700_000_000_123_000_000n],
    ['s', 1_700_000_000_000_000_000n],
    ['m', 1_699_999_980_000_000_000n],
    ['h', 1_699_999_200_000_000_000n],
    ['x', 1_700_000_000_123_456_789n],
  ];

  it.each(truncated)('points without a timestamp get now truncated to %j', (precision, ns) => {
    const points = parse('cpu v=1\nmem v=2 7\ndisk v=3', precision);
    expect(points.map((p) => p.time)).toEqual([ns, points[1]!.time, ns]);
    expect(points[0]!.time).toBe(points[2]!.time);
  });
});

describe('lines, blanks and comments', () => {
  it('skips blank lines, whitespace-only lines and # comments', () => {
    const body = '\n# a comment\n   \n\t# indented comment\ncpu v=1\n\n\0\0\n  mem v=2\n';
    expect(parse(body).map((p) => p.measurement)).toEqual(['cpu', 'mem']);
  });

  it('parses an empty body to no points', () => {
    expect(parse('')).toEqual([]);
    expect(parse('\n\n# only comments\n')).toEqual([]);
  });

  it('keeps a newline inside a quoted string in the same line', () => {
    const points = parse('cpu s="a\nb",v=1 5\nmem v=2 6');
    expect(points).toEqual([
      { measurement: 'cpu', tags: {}, fields: { s: 'a\nb', v: 1 }, time: 5n },
      { measurement: 'mem', tags: {}, fields: { v: 2 }, time: 6n },
    ]);
  });

  it('lets an unclosed quote swallow the rest of the body', () => {
    const err = parseError('cpu s="a\nmem v=2');
    expect(err.failures).toEqual([
      { line: 1, text: 'cpu s="a\nmem v=2', reason: 'unbalanced quotes' },
    ]);
  });

  it('treats CRLF as part of the last token', () => {
    expect(parseError('cpu v=1 5\r\n').failures[0]!.reason).toBe('bad timestamp');
  });

  it('keeps points in body order', () => {
    const body = Array.from({ length: 50 }, (_, i) => `m${i} v=${i}i ${i}`).join('\n');
    expect(parse(body).map((p) => p.time)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
  });
});

describe('failures', () => {
  it('reports every bad line, in order, with its line number', () => {
    const body = ['cpu v=1', 'cpu a=', '', '# c', 'cpu', 'cpu v=2', 'cpu a=1,b'].join('\n');
    const err = parseError(body);
    expect(err.failures).toEqual([
      { line: 2, text: 'cpu a=', reason: 'missing field value' },
      { line: 5, text: 'cpu', reason: 'missing fields' },
      { line: 7, text: 'cpu a=1,b', reason: 'invalid field format' },
    ]);
    expect(err.message).toBe(
      [
        "unable to parse 'cpu a=': missing field value (line 2)",
        "unable to parse 'cpu': missing fields (line 5)",
        "unable to parse 'cpu a=1,b': invalid field format (line 7)",
      ].join('\n'),
    );
  });

  it('numbers lines by newlines in the body, strings spanning lines included', () => {
    const err = parseError('cpu s="x\ny\nz" 1\ncpu a=\n\ncpu b=');
    expect(err.failures.map((f) => f.line)).toEqual([4, 6]);
  });

  it('is all-or-nothing: no points when one line fails', () => {
    expect(() => parse('cpu v=1\ncpu v=')).toThrow(LineProtocolError);
  });
});

describe('pointFromParsed', () => {
  it('adds db and rp and the nil group', () => {
    const parsed = one('cpu,h=a v=1 5');
    expect(pointFromParsed(parsed, 'telegraf', 'autogen')).toEqual({
      name: 'cpu',
      db: 'telegraf',
      rp: 'autogen',
      tags: { h: 'a' },
      fields: { v: 1 },
      time: 5n,
      group: '',
      dimensions: noDimensions,
    });
  });
});
