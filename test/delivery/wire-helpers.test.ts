// The wire helpers catalogue specs call (src/delivery/wire.ts), against what Go's net/url,
// time and encoding/json give for the same input.

import { describe, expect, it } from 'vitest';
import { GoTime } from '../../src/common/gotime.js';
import { goMarshal } from '../../src/common/gojson.js';
import {
  contains,
  eachAs,
  fillEmpty,
  goDuration,
  goDurationNs,
  nanosecondsOf,
  joinURL,
  renderTemplateValues,
  rfc3339Seconds,
  setQuery,
  sortedMap,
  jsonStringValues,
  testEventData,
} from '../../src/delivery/wire.js';

describe('joinURL (Go: u.Path = path.Join(u.Path, ...); u.String())', () => {
  it.each([
    ['http://h:1', ['alert'], 'http://h:1/alert'],
    ['http://h:1/', ['alert'], 'http://h:1/alert'],
    [
      'http://h:1/v2/room/',
      ['Test Room', 'notification'],
      'http://h:1/v2/room/Test%20Room/notification',
    ],
    ['http://h:1/a%20b', ['c'], 'http://h:1/a%20b/c'],
    ['http://h:1/x', ["a!b*(c)'", 'd|e^%'], 'http://h:1/x/a%21b%2A%28c%29%27/d%7Ce%5E%25'],
    ['http://h:1/x', ['$&+,:;=@~'], 'http://h:1/x/$&+,:;=@~'],
    ['http://h:1/x', ['é'], 'http://h:1/x/%C3%A9'],
    ['http://h:1/x', ['../y/./z'], 'http://h:1/y/z'],
    ['http://u:p@h:1/x?q=1', ['y'], 'http://u:p@h:1/x/y?q=1'],
    ['http://h:1/x', ['aWQ=', 'notes'], 'http://h:1/x/aWQ=/notes'],
  ])('%s + %j', (base, parts, want) => {
    expect(joinURL(base, ...parts)).toBe(want);
  });
});

describe('setQuery (Go: u.RawQuery = q)', () => {
  it('replaces or removes the query and keeps the fragment', () => {
    expect(setQuery('http://h/a', 'x=1')).toBe('http://h/a?x=1');
    expect(setQuery('http://h/a?old=2', 'x=1')).toBe('http://h/a?x=1');
    expect(setQuery('http://h/a?old=2#f', 'x=1')).toBe('http://h/a?x=1#f');
    expect(setQuery('http://h/a?old=2', '')).toBe('http://h/a');
  });
});

describe('time and durations', () => {
  it('rfc3339Seconds drops the fraction (time.RFC3339)', () => {
    expect(rfc3339Seconds(new GoTime(31_536_010_987_654_321n))).toBe('1971-01-01T00:00:10Z');
    expect(rfc3339Seconds(new GoTime(0n))).toBe('1970-01-01T00:00:00Z');
  });

  it('goDurationNs parses Go durations and gives 0 for anything else', () => {
    expect(goDurationNs('24h0m0s')).toBe(86_400_000_000_000);
    expect(goDurationNs('1m30s')).toBe(90_000_000_000);
    expect(goDurationNs('soon')).toBe(0);
    expect(goDurationNs('')).toBe(0);
  });

  it('goDuration prints nanoseconds as Go does, and nanosecondsOf reads them back or refuses', () => {
    expect(goDuration(10_000_000_000)).toBe('10s');
    expect(goDuration(86_400_000_000_000)).toBe('24h0m0s');
    expect(goDuration(1_500_000)).toBe('1.5ms');
    expect(nanosecondsOf(goDuration(90_000_000_000))).toBe(90_000_000_000);
    expect(() => nanosecondsOf('soon')).toThrow('invalid duration "soon"');
  });
});

describe('maps and lists', () => {
  it('fillEmpty gives an empty member the value of another', () => {
    expect(
      fillEmpty(
        [
          { href: 'a', text: '' },
          { href: 'b', text: 't' },
        ],
        'text',
        'href',
      ),
    ).toEqual([
      { href: 'a', text: 'a' },
      { href: 'b', text: 't' },
    ]);
  });

  it('sortedMap sorts keys at every level, as Go encodes map[string]interface{}', () => {
    expect(goMarshal(sortedMap({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } }))).toBe(
      '{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}',
    );
    const proto = sortedMap(
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
    );
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('jsonStringValues writes every value that is not a string as its JSON', () => {
    expect(
      jsonStringValues({ s: 'x', f: 97.5, i: 10n, n: 10, b: true, o: { b: 1, a: [1] } }),
    ).toEqual({
      s: 'x',
      f: '97.5',
      i: '10',
      n: '10',
      b: 'true',
      o: '{"a":[1],"b":1}',
    });
  });

  it('eachAs makes Go maps of a list', () => {
    expect(goMarshal(eachAs(['A team'], 'name', { type: 'team' }))).toBe(
      '[{"name":"A team","type":"team"}]',
    );
    expect(goMarshal(eachAs(['u'], 'username', { type: 'user' }))).toBe(
      '[{"type":"user","username":"u"}]',
    );
    expect(eachAs([], 'name', {})).toEqual([]);
  });

  it('contains is strings.Contains', () => {
    expect(contains('tags,fields', 'fields')).toBe(true);
    expect(contains('tags', 'fields')).toBe(false);
  });

  it('renderTemplateValues renders top-level strings only', () => {
    const data = { Name: 'cpu' };
    expect(
      renderTemplateValues('attributes', { a: '{{ .Name }}', n: 5, o: { s: '{{ .Name }}' } }, data),
    ).toEqual({ a: 'cpu', n: 5, o: { s: '{{ .Name }}' } });
  });
});

describe('testEventData (a service test event_data option)', () => {
  it("reads Kapacitor's EventData with Go field names", () => {
    expect(
      testEventData({
        Name: 'n',
        TaskName: 't',
        Category: 'c',
        Group: 'g',
        Tags: { host: 'a' },
        Fields: { v: 1 },
        Recoverable: true,
        Result: { series: [{ name: 'cpu', columns: ['time', 'v'], values: [['t0', 1]] }] },
      }),
    ).toEqual({
      name: 'n',
      taskName: 't',
      category: 'c',
      group: 'g',
      tags: { host: 'a' },
      fields: { v: 1 },
      recoverable: true,
      result: { series: [{ name: 'cpu', columns: ['time', 'v'], values: [['t0', 1]] }] },
    });
    expect(testEventData({})).toMatchObject({ name: '', tags: {}, result: { series: null } });
  });

  it('names the member of a wrong type', () => {
    expect(() => testEventData({ Name: 5 })).toThrow('event_data.Name: must be a string');
    expect(() => testEventData({ Tags: { a: 1 } })).toThrow('event_data.Tags');
    expect(() => testEventData({ Recoverable: 'yes' })).toThrow('event_data.Recoverable');
    expect(() => testEventData({ Result: { series: 'x' } })).toThrow('event_data.Result.series');
  });
});
