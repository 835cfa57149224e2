// Every alert vector of test/fixtures/conformance/tick, reproduced at the node level: the
// points the nodes before |alert() would produce are fed to a real alert node whose handler
// (a `.log()` standing in for the vectors' `.post()`) writes the event JSON to a file; the
// file's lines must be exactly the expected events, in order.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertProps } from '../../../src/pipeline/model.js';
import type { Point } from '../../../src/task/point.js';
import {
  alertProps,
  eventually,
  lambda,
  logHandler,
  logLines,
  point,
  T0,
  useAlertHarness,
} from './harness.js';

interface ExpectedEvent {
  id: string;
  level: string;
  message: string;
  time: string;
  duration: number | string;
  previousLevel: string;
  recoverable: boolean;
  details?: string;
  data: {
    series: Array<{
      name: string;
      tags?: Record<string, string>;
      columns: string[];
      values: unknown[][];
    }>;
  };
}

interface Vector {
  name: string;
  task: { id: string };
  handler: string;
  input: { writes: Array<{ lines: string[] }> };
  expected: {
    eventCount: number;
    events: ExpectedEvent[];
    httpOut?: {
      series: Array<{ tags: Record<string, string>; columns: string[]; values: unknown[][] }>;
    };
  };
}

interface ParsedLine {
  name: string;
  tags: Record<string, string>;
  fields: Record<string, number | bigint>;
  /** seconds after T0 */
  t: number;
}

/** The subset of line protocol the vectors use: no escapes, numeric fields, second precision. */
function parseLine(line: string): ParsedLine {
  const [series, fieldText, ts] = line.split(' ');
  const [name, ...tagPairs] = series!.split(',');
  const tags = Object.fromEntries(tagPairs.map((p) => p.split('=') as [string, string]));
  const fields = Object.fromEntries(
    fieldText!.split(',').map((p) => {
      const [k, v] = p.split('=') as [string, string];
      return [k, v.endsWith('i') ? BigInt(v.slice(0, -1)) : Number(v)];
    }),
  );
  return { name: name!, tags, fields, t: Number(BigInt(ts!) - T0 / 1_000_000_000n) };
}

/** What `stream|from().measurement(m).where(w).groupBy(g)` lets through, as points. */
function fromNode(
  measurement: string,
  groupBy: string[],
  where: (tags: Record<string, string>) => boolean = () => true,
) {
  return (lines: ParsedLine[]): Point[] =>
    lines
      .filter((l) => l.name === measurement && where(l.tags))
      .map((l) => point({ name: l.name, tags: l.tags, fields: l.fields, t: l.t, dims: groupBy }));
}

const onlyServerA = (tags: Record<string, string>): boolean => tags.host === 'serverA';
const kapacitorId = 'kapacitor/{{ .Name }}/{{ index .Tags "host" }}';

/** Per vector: the alert node's properties (as its TICKscript sets them) and its input. */
const setups: Record<
  string,
  { props: Partial<AlertProps>; upstream: (lines: ParsedLine[]) => Point[] }
> = {
  'stream_alert_flapping.json': {
    props: {
      info: lambda('"value" < 95'),
      warn: lambda('"value" < 94'),
      crit: lambda('"value" < 93'),
      flapping: { low: 0.25, high: 0.5 },
      history: 21,
    },
    upstream: fromNode('cpu', [], onlyServerA),
  },
  'stream_alert_no_recoveries.json': {
    props: {
      id: kapacitorId,
      details: '',
      info: lambda('"value" >= 6.0'),
      warn: lambda('"value" >= 7.0'),
      crit: lambda('"value" >= 8.0'),
      noRecoveries: true,
    },
    upstream: fromNode('cpu', ['host']),
  },
  'stream_alert_state_changes_only.json': {
    props: { crit: lambda('"value" < 93'), stateChangesOnly: true },
    upstream: fromNode('cpu', []),
  },
  'stream_alert_window_count.json': {
    props: {
      id: kapacitorId,
      details: 'details',
      idField: 'id',
      idTag: 'id',
      levelField: 'level',
      messageField: 'msg',
      levelTag: 'level',
      info: lambda('"count" > 6.0'),
      warn: lambda('"count" > 7.0'),
      crit: lambda('"count" > 8.0'),
    },
    // Derived by hand (window and count run in other nodes): serverA's cpu points at
    // 0s..9s fill the first window(10s).every(10s), which closes when the 10s point
    // arrives; count('value') turns it into one point at tmax = 10s with only the group's
    // tags and an int64 count of 10. The 11s point opens the next window, never closed.
    upstream: () => [
      point({
        name: 'cpu',
        tags: { host: 'serverA' },
        fields: { count: 10n },
        t: 10,
        dims: ['host'],
      }),
    ],
  },
  'stream_alert_with_reset_0.json': {
    props: {
      id: kapacitorId,
      details: 'details',
      idField: 'id',
      idTag: 'id',
      levelField: 'level',
      levelTag: 'level',
      info: lambda('"value" > 40.0'),
      infoReset: lambda('"value" < 10.0'),
      warn: lambda('"value" > 60.0'),
      warnReset: lambda('"value" < 20.0'),
      crit: lambda('"value" > 80.0'),
      critReset: lambda('"value" < 30.0'),
    },
    upstream: fromNode('cpu', ['host'], onlyServerA),
  },
  'synthetic_crit90_default.json': {
    props: { crit: lambda('"value" > 90'), details: '' },
    upstream: fromNode('cpu', ['host']),
  },
  'synthetic_crit90_flapping.json': {
    props: {
      crit: lambda('"value" > 90'),
      flapping: { low: 0.25, high: 0.5 },
      history: 6,
      details: '',
    },
    upstream: fromNode('cpu', ['host']),
  },
  'synthetic_crit90_flapping_first_transition.json': {
    props: { crit: lambda('"value" > 90'), flapping: { low: 0.05, high: 0.07 }, details: '' },
    upstream: fromNode('cpu', ['host']),
  },
  'synthetic_crit90_missing_field.json': {
    props: { crit: lambda('"value" > 90'), details: '' },
    upstream: fromNode('cpu', ['host']),
  },
  'synthetic_crit90_state_changes_only.json': {
    props: { crit: lambda('"value" > 90'), stateChangesOnly: true, details: '' },
    upstream: fromNode('cpu', ['host']),
  },
  'synthetic_crit90_two_groups.json': {
    props: { crit: lambda('"value" > 90'), stateChangesOnly: true, details: '' },
    upstream: fromNode('cpu', ['host']),
  },
};

const dir = path.resolve(import.meta.dirname, '../../fixtures/conformance/tick');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Parse a handler's JSON line keeping int64 durations exact (as decimal strings). */
function parseEventLine(line: string): Record<string, unknown> {
  return JSON.parse(line.replace(/"duration":(-?\d+)/, '"duration":"$1"')) as Record<
    string,
    unknown
  >;
}

describe('alert vectors at the node level', () => {
  const harness = useAlertHarness();

  it('has a setup for every vector file', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(Object.keys(setups).sort()).toEqual(files);
  });

  it.each(files)('%s', async (file) => {
    const vector = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Vector;
    const setup = setups[file]!;
    // The anonymous topic named by the vector tells the node's name (alert2, alert4).
    const m = /"(main:([^:"]+):(alert\d+))"/.exec(vector.handler);
    expect(m, 'vector names its anonymous topic').not.toBeNull();
    const [, topic, taskId, nodeName] = m!;
    expect(taskId).toBe(vector.task.id);

    const h = harness();
    const out = h.tempFile('events.log');
    const collected = h.capture(topic!);
    const node = h.start(alertProps({ ...setup.props, handlers: [logHandler(out)] }), {
      taskId,
      name: nodeName,
    });
    const lines = vector.input.writes.flatMap((w) => w.lines.map(parseLine));
    for (const p of setup.upstream(lines)) node.receive({ kind: 'point', point: p });

    const expected = vector.expected;
    expect(collected).toHaveLength(expected.eventCount);
    await eventually(() => expect(logLines(out)).toHaveLength(expected.eventCount));
    const written = logLines(out).map(parseEventLine);
    expected.events.forEach((e, i) => {
      const got = written[i]!;
      const want: Record<string, unknown> = {
        id: e.id,
        message: e.message,
        time: e.time,
        duration: String(e.duration),
        level: e.level,
        data: e.data,
        previousLevel: e.previousLevel,
        recoverable: e.recoverable,
      };
      if (e.details !== undefined) want.details = e.details;
      else want.details = got.details;
      expect(got, `event ${i}`).toEqual(want);
    });

    if (expected.httpOut) {
      // httpOut shows the forwarded points: the alert's level/id tags and fields added.
      const forwarded = node.emitted.map((msg) => (msg.kind === 'point' ? msg.point : undefined));
      const want = expected.httpOut.series;
      expect(forwarded).toHaveLength(want.length);
      want.forEach((s, i) => {
        const p = forwarded[i]!;
        expect(p.tags).toEqual(s.tags);
        const fields = s.columns.slice(1);
        expect(Object.keys(p.fields).sort()).toEqual([...fields].sort());
        const values = fields.map((f) => {
          const v = p.fields[f];
          return typeof v === 'bigint' ? Number(v) : v;
        });
        expect(values).toEqual(s.values[0]!.slice(1));
      });
    }
  });
});
