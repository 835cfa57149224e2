import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../src/common/duration.js';
import { BadPatternError, globMatcher } from '../../src/common/glob.js';
import { goEncode, goMap, goMarshal, quoteGoString } from '../../src/common/gojson.js';
import { GoTime, parseRFC3339 } from '../../src/common/gotime.js';
import { applyPatch, PatchError } from '../../src/common/json-patch.js';
import { describeJSONError } from '../../src/common/json-syntax.js';

describe('Go encoding/json', () => {
  it.each([
    ['<b>&"\\\n\t\r\u0001', '"\\u003cb\\u003e\\u0026\\"\\\\\\n\\t\\r\\u0001"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['héllo ✓', '"héllo ✓"'],
    ['\ud800x', '"\ufffdx"'],
  ])('quotes %j like Go', (input, output) => {
    expect(quoteGoString(input)).toBe(output);
  });

  it('quotes any string exactly as Go, written out rule by rule', () => {
    // The reference: encoding/json's encodeState.string, one UTF-16 unit at a time.
    const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
    const reference = (s: string, html: boolean): string => {
      let out = '"';
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x22) out += '\\"';
        else if (c === 0x5c) out += '\\\\';
        else if (c === 0x0a) out += '\\n';
        else if (c === 0x0d) out += '\\r';
        else if (c === 0x09) out += '\\t';
        else if (c < 0x20 || c === 0x2028 || c === 0x2029) out += hex(c);
        else if (html && (c === 0x3c || c === 0x3e || c === 0x26)) out += hex(c);
        else if (c >= 0xd800 && c <= 0xdbff && /[\udc00-\udfff]/.test(s[i + 1] ?? '')) {
          out += s[i]! + s[i + 1]!;
          i++;
        } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
        else out += s[i];
      }
      return `${out}"`;
    };
    const units = ['a', 'b', 'f', 'u', 'd', '8', '\\', '"', '<', '>', '&', '\b', '\f', '\n'];
    units.push('\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800');
    units.push('\udc00', '\udbff', '\udfff', '😀', 'é', '\ufffd', '/', '&#34;');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...units), { maxLength: 24 }),
        fc.boolean(),
        (parts, html) => {
          const s = parts.join('');
          expect(quoteGoString(s, html)).toBe(reference(s, html));
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, html) => {
        expect(quoteGoString(s, html)).toBe(reference(s, html));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [1, '1'],
    [10.5, '10.5'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [123456789, '123456789'],
    [-0, '-0'],
  ])('writes float64 %d as %s', (n, s) => {
    expect(goMarshal(n)).toBe(s);
  });

  it('writes int64, times, struct order and sorted maps', () => {
    expect(
      goEncode({
        b: 9223372036854775807n,
        a: new GoTime(2_000_000n),
        m: goMap({ z: 1, a: 2 }),
        skip: undefined,
      }),
    ).toBe('{"b":9223372036854775807,"a":"1970-01-01T00:00:00.002Z","m":{"a":2,"z":1}}\n');
    expect(() => goMarshal(Number.NaN)).toThrow('json: unsupported value: NaN');
  });
});

describe('Go time and durations', () => {
  it.each([
    [0n, '1970-01-01T00:00:00Z', '1970-01-01 00:00:00 +0000 UTC'],
    [31_536_010_000_000_000n, '1971-01-01T00:00:10Z', '1971-01-01 00:00:10 +0000 UTC'],
    [1_500_000n, '1970-01-01T00:00:00.0015Z', '1970-01-01 00:00:00.0015 +0000 UTC'],
    [-1n, '1969-12-31T23:59:59.999999999Z', '1969-12-31 23:59:59.999999999 +0000 UTC'],
    [GoTime.zero.ns, '0001-01-01T00:00:00Z', '0001-01-01 00:00:00 +0000 UTC'],
  ])('formats %d', (ns, rfc, goString) => {
    const t = new GoTime(ns);
    expect(t.toRFC3339Nano()).toBe(rfc);
    expect(t.toGoString()).toBe(goString);
    expect(parseRFC3339(rfc)!.ns).toBe(ns);
  });

  it('formats times of other seconds one after another (the last second is kept)', () => {
    const times = [1_500_000_000n, 1_700_000_000n, 61_000_000_000n, -1n, 1_500_000_000n, 0n];
    expect(times.map((ns) => new GoTime(ns).toRFC3339Nano())).toEqual([
      '1970-01-01T00:00:01.5Z',
      '1970-01-01T00:00:01.7Z',
      '1970-01-01T00:01:01Z',
      '1969-12-31T23:59:59.999999999Z',
      '1970-01-01T00:00:01.5Z',
      '1970-01-01T00:00:00Z',
    ]);
  });

  it.each([
    [0n, '0s'],
    [2n, '2ns'],
    [1_500n, '1.5µs'],
    [500_000_000n, '500ms'],
    [1_500_000_000n, '1.5s'],
    [123_000_000_000n, '2m3s'],
    [3_600_000_000_000n, '1h0m0s'],
    [-90_000_000_000n, '-1m30s'],
  ])('prints duration %d as %s', (ns, s) => {
    expect(formatGoDuration(ns)).toBe(s);
    expect(parseGoDuration(s)).toBe(ns);
  });

  it('rejects bad durations like Go', () => {
    expect(() => parseGoDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseGoDuration('x')).toThrow('time: invalid duration "x"');
    expect(() => parseGoDuration('5y')).toThrow('time: unknown unit "y" in duration "5y"');
    expect(parseGoDuration('1h30m')).toBe(5_400_000_000_000n);
  });
});

describe('glob patterns (Go path.Match)', () => {
  it.each([
    ['cpu-*', 'cpu-1', true],
    ['cpu-*', 'cpu', false],
    ['a?c', 'abc', true],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['main:*', 'main:task:alert2', true],
    ['x.y', 'xzy', false],
    ['*', 'a/b', false],
  ])('%s matches %s: %s', (pattern, s, expected) => {
    expect(globMatcher(pattern)(s)).toBe(expected);
  });

  it('rejects malformed patterns', () => {
    expect(() => globMatcher('[')).toThrow(BadPatternError);
    expect(() => globMatcher('a\\')).toThrow('syntax error in pattern: "a\\"');
  });
});

describe('JSON patch', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const doc = { kind: 'slack', options: { channel: '#a' } as Record<string, unknown> };
    const out = applyPatch(doc, [
      { op: 'replace', path: '/kind', value: 'log' },
      { op: 'remove', path: '/options/channel' },
      { op: 'add', path: '/options/path', value: '/tmp/x' },
      { op: 'copy', from: '/options/path', path: '/options/copy' },
      { op: 'move', from: '/options/copy', path: '/options/moved' },
      { op: 'test', path: '/kind', value: 'log' },
    ]);
    expect(out).toEqual({ kind: 'log', options: { path: '/tmp/x', moved: '/tmp/x' } });
    expect(doc.kind).toBe('slack');
    expect(() => applyPatch(doc, [{ op: 'test', path: '/kind', value: 'x' }])).toThrow(PatchError);
  });
});

describe('located JSON syntax errors', () => {
  it.each([
    ['{', 'unexpected end of input at line 1, column 2, expected a string'],
    ['{"a":1,}', 'unexpected character "}" at line 1, column 8, expected a string'],
    ['{\n  "id": x\n}', 'unexpected character "x" at line 2, column 9, expected a value'],
    ['[1 2]', 'unexpected character "2" at line 1, column 4, expected "," or "]"'],
    ['"\\u12x4"', 'unexpected character "x" at line 1, column 6, expected 4 hex digits after \\u'],
    ['{} x', 'unexpected character "x" at line 1, column 4, expected end of input'],
  ])('%j', (text, message) => {
    expect(describeJSONError(text)).toBe(message);
  });
});
