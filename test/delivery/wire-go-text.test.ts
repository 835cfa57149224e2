// The wire helpers catalogue specs call for servicenow, teams, zenoss and sensu, against
// what Go writes: byte cuts that split a character, fmt's %v, JSON values re-encoded as Go
// maps, basic auth, and reduced template data.

import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { goMarshal } from '../../src/common/gojson.js';
import {
  basicAuth,
  decodeJSONStrings,
  goJSON,
  goSprint,
  matches,
  stringValues,
  templateFields,
  truncateJSON,
  truncateUTF8,
} from '../../src/delivery/wire.js';

describe('truncateJSON (Go s[:max] marshalled directly)', () => {
  it('keeps short strings and cuts long ones at a byte count', () => {
    expect(truncateJSON('abc', 3)).toBe('abc');
    expect(truncateJSON('abcd', 3)).toBe('abc');
    expect(truncateJSON('abcd', 3, '...')).toBe('abc...');
    expect(truncateJSON('', 3, '...')).toBe('...');
  });

  it('writes each kept byte of a split character as \\ufffd, as Go encodes invalid UTF-8', () => {
    // 'é' is 2 bytes, '€' 3, '😀' 4.
    expect(goMarshal(truncateJSON('aé', 2))).toBe('"a\\ufffd"');
    expect(goMarshal(truncateJSON('a€', 3))).toBe('"a\\ufffd\\ufffd"');
    expect(goMarshal(truncateJSON('😀', 3, '...'))).toBe('"\\ufffd\\ufffd\\ufffd..."');
    expect(goMarshal(truncateJSON('<é', 2, '&'))).toBe('"\\u003c\\ufffd\\u0026"');
    // A cut on a character boundary splits nothing.
    expect(goMarshal(truncateJSON('a€b', 4))).toBe('"a€"');
  });
});

describe('truncateUTF8 (Go s[:max] read back as text)', () => {
  it('turns each kept byte of a split character into U+FFFD', () => {
    expect(truncateUTF8('abc', 5)).toBe('abc');
    expect(truncateUTF8('ab€', 4)).toBe('ab\ufffd\ufffd');
    expect(truncateUTF8('ab€', 3)).toBe('ab\ufffd');
    expect(truncateUTF8('ab€', 2)).toBe('ab');
    expect(truncateUTF8('😀x', 3)).toBe('\ufffd\ufffd\ufffd');
  });
});

describe("goSprint (fmt's %v) and stringValues", () => {
  it('prints JSON values as Go does', () => {
    expect(goSprint('s')).toBe('s');
    expect(goSprint(5)).toBe('5');
    expect(goSprint(-0.5)).toBe('-0.5');
    expect(goSprint(123456)).toBe('123456');
    expect(goSprint(1000000)).toBe('1e+06');
    expect(goSprint(1234567.5)).toBe('1.2345675e+06');
    expect(goSprint(0.0001)).toBe('0.0001');
    expect(goSprint(0.00001)).toBe('1e-05');
    expect(goSprint(1e21)).toBe('1e+21');
    expect(goSprint(12n)).toBe('12');
    expect(goSprint(true)).toBe('true');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint([1, 'a', [true]])).toBe('[1 a [true]]');
    expect(goSprint({ b: 1, a: { c: 'x' } })).toBe('map[a:map[c:x] b:1]');
  });

  it('gives a map of strings with keys sorted', () => {
    const m = stringValues({ z: 1, a: 'x', m: false });
    expect(Object.keys(m)).toEqual(['a', 'm', 'z']);
    expect(m).toEqual({ a: 'x', m: 'false', z: '1' });
  });
});

describe('goJSON and decodeJSONStrings', () => {
  it('re-encodes objects as Go maps at any depth', () => {
    expect(goMarshal(goJSON({ b: [{ d: 1, c: 2 }], a: null }))).toBe(
      '{"a":null,"b":[{"c":2,"d":1}]}',
    );
  });

  it('embeds strings that start with { or [ and parse as JSON; leaves the rest as they are', () => {
    const out = decodeJSONStrings({
      o: '{"y": 1, "x": 2.50}',
      l: '[1, "a"]',
      bad: '{nope',
      lead: ' [1]',
      n: 3,
      s: 'plain',
    });
    expect(goMarshal(goJSON(out))).toBe(
      '{"bad":"{nope","l":[1,"a"],"lead":" [1]","n":3,"o":{"x":2.5,"y":1},"s":"plain"}',
    );
  });

  it('keeps __proto__ as a plain key', () => {
    const out = decodeJSONStrings(JSON.parse('{"__proto__": "{\\"a\\": 1}"}') as Record<string, unknown>); // prettier-ignore
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(goMarshal(out)).toBe('{"__proto__":{"a":1}}');
  });
});

describe('basicAuth and matches', () => {
  it('encodes user:password in standard base64', () => {
    expect(basicAuth('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('tests a pattern', () => {
    expect(matches('kapacitor.cpu-1_a', '^[A-Za-z0-9_.-]+$')).toBe(true);
    expect(matches('kapacitor/cpu', '^[A-Za-z0-9_.-]+$')).toBe(false);
  });
});

describe('templateFields', () => {
  it('keeps only the fields named', () => {
    const event = makeEvent({
      state: { id: 'i', message: 'm', level: Level.WARNING },
      data: { name: 'cpu', recoverable: true, tags: { host: 'a' } },
    });
    const data = templateFields(event, ['ID', 'Level', 'Recoverable', 'Tags']);
    expect(Object.keys(data)).toEqual(['ID', 'Level', 'Recoverable', 'Tags']);
    expect(data).toMatchObject({ ID: 'i', Level: 'WARNING', Recoverable: true });
    expect((data.Tags as Map<string, string>).get('host')).toBe('a');
  });
});
