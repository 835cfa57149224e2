// The InfluxQL SELECT parser of batch queries: what InfluxQL accepts, located errors, and the
// query a run sends (time range added, GROUP BY and fill replaced).

import { describe, expect, it } from 'vitest';
import { buildQuery, parseSelect } from '../../src/influxdb/influxql.js';

const range = { start: '2023-11-14T22:00:00Z', stop: '2023-11-14T22:05:00Z' };

describe('parseSelect', () => {
  it.each([
    'SELECT mean("usage_idle") AS mean FROM "telegraf"."autogen"."cpu"',
    'select max(value), min(value) * 2 from db..cpu where time > now() - 1h and host =~ /^web\\d+$/',
    'SELECT * FROM cpu, mem WHERE "cpu" = \'cpu-total\' OR NOT_A_KEYWORD != -1.5e3',
    'SELECT percentile(v, 95), top(v, host, 3) FROM /^cpu.*/ GROUP BY time(1m), * fill(previous) ORDER BY time DESC LIMIT 10 SLIMIT 2',
    'SELECT "a" FROM (SELECT b AS a FROM c WHERE d::tag = \'x\') WHERE a > 1',
    "SELECT count(v) FROM m WHERE t = 'it\\'s' tz('Europe/Paris')",
    'SELECT v::float FROM m -- a comment',
  ])('accepts %s', (q) => {
    expect(() => parseSelect(q)).not.toThrow();
  });

  it.each([
    ['SELECT mean(x) FROMM cpu', 'found FROMM, expected FROM at line 1, char 16'],
    ['SELECT FROM cpu', 'found FROM, expected identifier, string, number, bool at line 1, char 8'],
    ['SELECT x FROM', 'found EOF, expected identifier at line 1, char 14'],
    ['SELECT x FROM cpu WHERE (a = 1', 'found EOF, expected ) at line 1, char 31'],
    [
      'SELECT x FROM cpu\nWHERE a = ',
      'found EOF, expected identifier, string, number, bool at line 2, char 11',
    ],
    ["SELECT x FROM cpu WHERE a = 'open", 'unterminated string at line 1, char 29'],
    ['SELECT x FROM cpu LIMIT x', 'found x, expected integer at line 1, char 25'],
    ['SELECT x FROM cpu extra', 'found extra, expected EOF at line 1, char 19'],
    [
      'SELECT x::time FROM cpu',
      'found time, expected float, integer, unsigned, string, boolean, field, tag at line 1, char 11',
    ],
    ['', 'query must be a single select statement, got 0 statements'],
    [
      'SELECT x FROM a; SELECT y FROM b',
      'query must be a single select statement, got 2 statements',
    ],
    ['DROP DATABASE telegraf', 'query is not a select statement "DROP DATABASE telegraf"'],
  ])('refuses %j: %s', (q, message) => {
    expect(() => parseSelect(q)).toThrow(message);
  });
});

describe('buildQuery', () => {
  it('ANDs the time range with the condition, replaces GROUP BY and keeps the rest', () => {
    const stmt = parseSelect(
      'SELECT mean(v) FROM m WHERE a = 1 OR b = 2 GROUP BY host fill(null) LIMIT 5',
    );
    expect(buildQuery(stmt, range, { tags: ['dc'], star: false }, undefined)).toBe(
      `SELECT mean(v) FROM m WHERE (a = 1 OR b = 2) AND time >= '2023-11-14T22:00:00Z' AND time < '2023-11-14T22:05:00Z' GROUP BY "dc" fill(null) LIMIT 5`,
    );
    expect(
      buildQuery(
        stmt,
        range,
        { tags: [], star: true, time: { length: 60_000_000_000n, offset: 0n } },
        0,
      ),
    ).toBe(
      `SELECT mean(v) FROM m WHERE (a = 1 OR b = 2) AND time >= '2023-11-14T22:00:00Z' AND time < '2023-11-14T22:05:00Z' GROUP BY time(1m, 0s), * fill(0) LIMIT 5`,
    );
    expect(
      buildQuery(parseSelect('SELECT v FROM m'), range, { tags: [], star: false }, 'none'),
    ).toBe(
      `SELECT v FROM m WHERE time >= '2023-11-14T22:00:00Z' AND time < '2023-11-14T22:05:00Z' fill(none)`,
    );
  });
});
