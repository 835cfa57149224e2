import { describe, expect, it } from 'vitest';
import { GoDuration } from '../../../src/common/duration.js';
import { render, time } from './helpers.js';

const T = time('2009-11-10T23:04:05.123456789Z');

describe('Time.Format with Go reference layouts', () => {
  it.each([
    ['2006-01-02T15:04:05Z07:00', '2009-11-10T23:04:05Z'],
    ['2006-01-02T15:04:05.999999999Z07:00', '2009-11-10T23:04:05.123456789Z'],
    ['Jan _2 15:04:05.000', 'Nov 10 23:04:05.123'],
    ['Mon Jan 2 15:04:05 MST 2006', 'Tue Nov 10 23:04:05 UTC 2009'],
    ['Monday, 02-Jan-06 15:04:05 MST', 'Tuesday, 10-Nov-09 23:04:05 UTC'],
    ['3:04PM', '11:04PM'],
    ['03:04 pm', '11:04 pm'],
    ['2006-01-02 15:04:05.000000 -0700', '2009-11-10 23:04:05.123456 +0000'],
    ['-07:00 -07 Z0700', '+00:00 +00 Z'],
    ['15:04:05,000', '23:04:05,123'],
    ['002 __2 January 1 01', '314 314 November 11 11'],
    ['_2006', '_2009'],
    ['Janet', 'Janet'],
  ])('%s', (layout, expected) => {
    expect(render(`{{ .T.Format ${JSON.stringify(layout)} }}`, { T })).toBe(expected);
  });

  it('trims a .999 fraction entirely when it is zero', () => {
    expect(render('{{ .T.Format "15:04:05.999" }}', { T: time('1971-01-01T00:00:10Z') })).toBe(
      '00:00:10',
    );
  });
});

describe('time and duration methods', () => {
  it.each([
    ['{{ .T }}', '2009-11-10 23:04:05.123456789 +0000 UTC'],
    ['{{ .T.Unix }} {{ .T.UnixMilli }}', '1257894245 1257894245123'],
    [
      '{{ .T.Year }}-{{ .T.Month }}-{{ .T.Day }} {{ .T.Hour }}:{{ .T.Minute }}:{{ .T.Second }}',
      '2009-November-10 23:4:5',
    ],
    [
      '{{ printf "%02d" .T.Month }} {{ .T.Weekday }} {{ .T.YearDay }} {{ .T.Nanosecond }}',
      '11 Tuesday 314 123456789',
    ],
    ['{{ .T.UTC }}', '2009-11-10 23:04:05.123456789 +0000 UTC'],
    ['{{ .T.IsZero }}', 'false'],
    ['{{ .T.Truncate .Hour }}', '2009-11-10 23:00:00 +0000 UTC'],
    ['{{ .T.Add .D }}', '2009-11-10 23:05:35.123456789 +0000 UTC'],
    [
      '{{ .D }} {{ .D.Seconds }} {{ .D.Minutes }} {{ .D.Hours }} {{ .D.Nanoseconds }}',
      '1m30s 90 1.5 0.025 90000000000',
    ],
    [
      '{{ .D.String }} {{ printf "%d" .D }} {{ printf "%v|%s" .D .D }}',
      '1m30s 90000000000 1m30s|1m30s',
    ],
    ['{{ eq .D 90000000000 }} {{ lt .D .Hour }}', 'true true'],
  ])('%s', (text, expected) => {
    expect(
      render(text, {
        T,
        D: new GoDuration(90_000_000_000n),
        Hour: new GoDuration(3_600_000_000_000n),
      }),
    ).toBe(expected);
  });
});
