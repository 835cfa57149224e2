// The console's pure parts, run in Node: form values typed from the schema, reading the host's
// error messages, the dot reader and graph layout, databases text, server-sent event framing.

import { describe, expect, it } from 'vitest';
import type { FieldSchema } from '../../src/api/condenser.js';
import { dbrpText, parseDBRPs } from '../../console/lib/dbrp.js';
import { parseDot, DotSyntaxError } from '../../console/lib/dot.js';
import { layoutGraph } from '../../console/lib/layout.js';
import { fieldOfMessage, offsetOf, scriptPosition } from '../../console/lib/messages.js';
import { sseMessages } from '../../console/lib/sse.js';
import {
  allValues,
  changedValues,
  fromDraft,
  initialForm,
  isSetValue,
  toDraft,
} from '../../console/lib/values.js';

const field = (f: Partial<FieldSchema> & Pick<FieldSchema, 'name' | 'type'>): FieldSchema => ({
  default: null,
  description: '',
  secret: false,
  optional: false,
  ...f,
});

describe('form values', () => {
  const timeoutNs = field({ name: 'timeout', type: 'duration', durationFormat: 'nanoseconds' });
  const timeoutGo = field({ name: 'timeout', type: 'duration', durationFormat: 'go' });

  it('shows nanosecond durations as Go durations and sends them back as integers', () => {
    const draft = toDraft(timeoutNs, 90_000_000_000);
    expect(draft).toEqual({ t: 'text', text: '1m30s' });
    expect(fromDraft(timeoutNs, { t: 'text', text: '1.5s' })).toEqual({
      ok: true,
      value: 1_500_000_000,
    });
    expect(fromDraft(timeoutNs, { t: 'text', text: '250' })).toEqual({ ok: true, value: 250 });
    expect(fromDraft(timeoutNs, { t: 'text', text: '5 minutes' })).toEqual({
      ok: false,
      error: 'invalid duration "5 minutes" (use Go form, e.g. "30s", "1h30m")',
    });
  });

  it('sends Go-string durations as typed, for the host to validate', () => {
    expect(fromDraft(timeoutGo, { t: 'text', text: '5 minutes' })).toEqual({
      ok: true,
      value: '5 minutes',
    });
  });

  it('parses numbers without rounding (the host says when an integer was expected)', () => {
    const n = field({ name: 'n', type: 'int' });
    expect(fromDraft(n, { t: 'text', text: ' 1.5 ' })).toEqual({ ok: true, value: 1.5 });
    expect(fromDraft(n, { t: 'text', text: 'ten' })).toEqual({
      ok: false,
      error: 'expected a number, got "ten"',
    });
  });

  it('edits maps as rows and refuses a value without a key or a repeated key', () => {
    const headers = field({ name: 'headers', type: 'stringMap' });
    expect(toDraft(headers, { A: '1', B: '2' })).toEqual({
      t: 'map',
      rows: [
        ['A', '1'],
        ['B', '2'],
      ],
    });
    expect(
      fromDraft(headers, {
        t: 'map',
        rows: [
          ['A', '1'],
          ['', ''],
        ],
      }),
    ).toEqual({
      ok: true,
      value: { A: '1' },
    });
    expect(fromDraft(headers, { t: 'map', rows: [['', 'x']] })).toEqual({
      ok: false,
      error: 'a value ("x") has no key',
    });
    expect(
      fromDraft(headers, {
        t: 'map',
        rows: [
          ['A', '1'],
          ['A', '2'],
        ],
      }),
    ).toEqual({ ok: false, error: 'duplicate key "A"' });
  });

  it('drops empty list items and edits unknown shapes as JSON', () => {
    const list = field({ name: 'l', type: 'stringList' });
    expect(fromDraft(list, { t: 'list', items: ['a', '', 'b'] })).toEqual({
      ok: true,
      value: ['a', 'b'],
    });
    const users = field({ name: 'users', type: 'list' });
    expect(toDraft(users, [{ a: 1 }])).toEqual({ t: 'json', text: '[\n  {\n    "a": 1\n  }\n]' });
    const bad = fromDraft(users, { t: 'json', text: '[' });
    expect(bad.ok).toBe(false);
  });

  const fields = [
    field({ name: 'url', type: 'string', default: '' }),
    field({ name: 'enabled', type: 'bool', default: false }),
    field({ name: 'token', type: 'string', secret: true, default: false }),
    field({
      name: 'basic-auth',
      type: 'object',
      secret: true,
      fields: [
        field({ name: 'username', type: 'string', default: '' }),
        field({ name: 'password', type: 'string', default: '' }),
      ],
    }),
  ];

  it('never puts a secret in a form, and sends only what changed', () => {
    const form = initialForm(fields, { url: 'http://a', enabled: true, token: true });
    expect(form.secretsSet).toEqual({ token: true, 'basic-auth': false });
    expect(form.drafts.token).toEqual({ t: 'text', text: '' });
    expect(changedValues(fields, form)).toEqual({ ok: true, values: {} });
    const edited = {
      ...form,
      drafts: { ...form.drafts, url: { t: 'text' as const, text: 'http://b' } },
    };
    expect(changedValues(fields, edited)).toEqual({ ok: true, values: { url: 'http://b' } });
    // A service test sends every option but the secrets nobody replaced.
    expect(allValues(fields, edited)).toEqual({
      ok: true,
      values: { url: 'http://b', enabled: true },
    });
  });

  it('replaces or clears a secret only when asked', () => {
    const form = initialForm(fields, { token: true, 'basic-auth': true });
    const replaced = {
      ...form,
      drafts: { ...form.drafts, token: { t: 'text' as const, text: 'xoxb-new' } },
    };
    expect(changedValues(fields, replaced)).toEqual({ ok: true, values: { token: 'xoxb-new' } });
    const cleared = { ...form, cleared: { 'basic-auth': true } };
    expect(changedValues(fields, cleared)).toEqual({
      ok: true,
      values: { 'basic-auth': { username: '', password: '' } },
    });
  });

  it("reads Kapacitor's redaction: set means non-empty", () => {
    expect([true, 'x', { a: '', b: 'y' }, ['a'], 3].map(isSetValue)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([false, '', { a: '' }, [], 0, null].map(isSetValue)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("the host's messages", () => {
  const names = [
    'url',
    'alert-template',
    'alert-template-file',
    'headers',
    'basic-auth',
    'timeout',
  ];

  it('finds the field of config, option and handler errors', () => {
    expect(fieldOfMessage('invalid value: httppost[example].url: must be set', names)).toBe('url');
    expect(
      fieldOfMessage(
        'invalid value: httppost[example].alert-template-file: cannot be set together with alert-template',
        names,
      ),
    ).toBe('alert-template-file');
    expect(
      fieldOfMessage('invalid value: httppost[0].basic-auth.username: expected a string', names),
    ).toBe('basic-auth');
    expect(fieldOfMessage('invalid value: slack.url: must be set when enabled = true', names)).toBe(
      'url',
    );
    expect(
      fieldOfMessage(
        'failed to create handler: invalid options for kind "post": option "timeout": expected an integer number of nanoseconds',
        names,
      ),
    ).toBe('timeout');
    expect(
      fieldOfMessage('unknown option "headers" in section "x" (valid options: a)', names),
    ).toBe('headers');
    expect(fieldOfMessage('invalid handler json: field "match" must be a string', ['match'])).toBe(
      'match',
    );
  });

  it('uses word patterns for fields named in prose, and nothing when no field is named', () => {
    expect(
      fieldOfMessage('invalid handler spec: handler ID must contain only letters', [], {
        id: /handler ID/,
      }),
    ).toBe('id');
    expect(fieldOfMessage('the host did not answer: is it running?', names)).toBeUndefined();
  });

  it('locates TICKscript errors', () => {
    const msg =
      'invalid TICKscript: parser: unexpected ) line 5 char 25 in "da: "x" > )". expected: "number"';
    expect(scriptPosition(msg)).toEqual({ line: 5, column: 25 });
    expect(scriptPosition('invalid TICKscript: line 3 char 6: cannot assign')).toEqual({
      line: 3,
      column: 6,
    });
    expect(scriptPosition('no task exists')).toBeUndefined();
    const text = 'ab\ncdef\ng';
    expect(offsetOf(text, { line: 2, column: 3 })).toBe(5);
    expect(offsetOf(text, { line: 2, column: 99 })).toBe(7);
    expect(offsetOf(text, { line: 9, column: 1 })).toBe(text.length);
  });
});

describe('dot and layout', () => {
  const withStats = `digraph cpu_alert {
graph [throughput="0.55 points/s"];

stream0 [collected="6" emitted="6" errors="0" ];
stream0 -> from1 [processed="6"];

from1 [collected="6" emitted="6" errors="0" ];
from1 -> alert2 [processed="6"];

alert2 [alerts_triggered="4" collected="6" ];
}`;

  it('reads nodes, their statistics and edges', () => {
    const g = parseDot(withStats);
    expect(g.name).toBe('cpu_alert');
    expect(g.attrs).toEqual({ throughput: '0.55 points/s' });
    expect(g.nodes.map((n) => n.id)).toEqual(['stream0', 'from1', 'alert2']);
    expect(g.nodes[2]!.attrs).toEqual({ alerts_triggered: '4', collected: '6' });
    expect(g.edges).toEqual([
      { from: 'stream0', to: 'from1', attrs: { processed: '6' } },
      { from: 'from1', to: 'alert2', attrs: { processed: '6' } },
    ]);
  });

  it('reads the plain form and the labels view', () => {
    const plain = parseDot('digraph t {\nstream0 -> from1;\nfrom1 -> alert2;\n}');
    expect(plain.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['stream0>from1', 'from1>alert2']);
    const labels = parseDot(
      'digraph t {\ngraph [label="Throughput: 0.00 points/s" forcelabels=true pad="0.8,0.5"];\n\nstream0 [xlabel="collected: 1\\rerrors: 0"];\nstream0 -> from1 [label="processed=1"];\n}',
    );
    expect(labels.nodes[0]!.attrs.xlabel).toBe('collected: 1\nerrors: 0');
    expect(labels.attrs.pad).toBe('0.8,0.5');
    expect(() => parseDot('digraph t { a -> ')).toThrow(DotSyntaxError);
  });

  it('lays out children below parents without overlapping boxes', () => {
    const ids = ['stream0', 'from1', 'window2', 'mean3', 'alert4', 'log5'];
    const edges = [
      { from: 'stream0', to: 'from1' },
      { from: 'from1', to: 'window2' },
      { from: 'from1', to: 'alert4' },
      { from: 'window2', to: 'mean3' },
      { from: 'mean3', to: 'log5' },
    ];
    const layout = layoutGraph(ids, edges, () => ({ width: 100, height: 40 }));
    for (const e of edges)
      expect(layout.boxes.get(e.to)!.y).toBeGreaterThan(layout.boxes.get(e.from)!.y);
    const boxes = [...layout.boxes.values()];
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    expect(layout.width).toBeGreaterThanOrEqual(232);
  });
});

describe('databases text and event-stream framing', () => {
  it('parses db.rp lists, quoted names and says which entry is wrong', () => {
    expect(parseDBRPs('telegraf.autogen, "my.db"."rp"')).toEqual({
      ok: true,
      dbrps: [
        { db: 'telegraf', rp: 'autogen' },
        { db: 'my.db', rp: 'rp' },
      ],
    });
    expect(parseDBRPs('')).toEqual({ ok: true, dbrps: [] });
    expect(parseDBRPs('telegraf')).toEqual({
      ok: false,
      error: '"telegraf" is not database.retention-policy (e.g. telegraf.autogen)',
    });
    expect(dbrpText([{ db: 'my.db', rp: 'autogen' }])).toBe('"my.db".autogen');
  });

  it('splits messages across chunk boundaries and skips comments', () => {
    const first = sseMessages('data: {"a":1}\n\n: ping\n\ndata: {"b"');
    expect(first.messages).toEqual(['{"a":1}']);
    const second = sseMessages(`${first.rest}:2}\r\n\r\n`);
    expect(second).toEqual({ messages: ['{"b":2}'], rest: '' });
  });
});
