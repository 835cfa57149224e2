// Kapacitor-like output: column widths, the show-topic events table, handler options.

import { describe, expect, it } from 'vitest';
import { goMarshal } from '../../src/common/gojson.js';
import { renderTopics } from '../../src/cli/list-command.js';
import { renderResults } from '../../src/cli/service-commands.js';
import { formatRFC822, renderTable } from '../../src/cli/table.js';
import { renderEvents, sortedKeys } from '../../src/cli/topic-commands.js';

describe('renderTable', () => {
  it('pads each column to its longest cell plus one space and trims line ends', () => {
    const out = renderTable(
      [
        { header: 'Topic', min: 10 },
        { header: 'ID', min: 10 },
        { header: 'Kind', min: 10 },
      ],
      [
        ['cpu', 'a-very-long-handler', 'slack'],
        ['system', 'log', 'log'],
      ],
    );
    expect(out).toBe(
      'Topic      ID                  Kind\n' +
        'cpu        a-very-long-handler slack\n' +
        'system     log                 log\n',
    );
  });

  it('prints only the header when there are no rows', () => {
    expect(renderTable([{ header: 'Service Name' }], [])).toBe('Service Name\n');
  });
});

describe('renderTopics', () => {
  it("matches Kapacitor's `%-Nv%-Nv%10v` layout", () => {
    expect(
      renderTopics([
        { id: 'cpu', level: 'CRITICAL', collected: 12 },
        { id: 'main:task:alert2', level: 'OK', collected: 0 },
      ]),
    ).toBe(
      'ID               Level     Collected\n' +
        'cpu              CRITICAL         12\n' +
        'main:task:alert2 OK                0\n',
    );
  });
});

describe('renderEvents', () => {
  it('lists events oldest first with RFC822 dates', () => {
    const out = renderEvents(
      [
        { id: 'late', state: { message: 'late is OK', level: 'OK', time: '2024-03-05T07:09:00Z' } },
        {
          id: 'cpu:host=a',
          state: {
            message: 'cpu is CRITICAL',
            level: 'CRITICAL',
            time: '2024-03-05T07:08:09.123456789Z',
          },
        },
      ],
      'UTC',
    );
    expect(out).toBe(
      'Event      Level    Message         Date\n' +
        'cpu:host=a CRITICAL cpu is CRITICAL 05 Mar 24 07:08 UTC\n' +
        'late       OK       late is OK      05 Mar 24 07:09 UTC\n',
    );
  });

  it('formats RFC822 in the given zone', () => {
    expect(formatRFC822(new Date('2024-03-05T00:08:09Z'), 'America/New_York')).toBe(
      '04 Mar 24 19:08 EST',
    );
  });
});

describe('renderResults', () => {
  it('prints Service/Success/Message, one line per service', () => {
    expect(
      renderResults([
        ['httppost', { success: false, message: 'dial tcp: connection\nrefused' }],
        ['slack', { success: true, message: '' }],
      ]),
    ).toBe(
      'Service  Success Message\nhttppost false   dial tcp: connection refused\nslack    true\n',
    );
  });
});

describe('handler options', () => {
  it("print as Go's json.Marshal of a map: keys sorted at every depth", () => {
    expect(goMarshal(sortedKeys({ b: 1, a: { d: [true, { z: 1, y: 'x' }], c: null } }))).toBe(
      '{"a":{"c":null,"d":[true,{"y":"x","z":1}]},"b":1}',
    );
    expect(goMarshal(sortedKeys(null))).toBe('null');
  });
});
