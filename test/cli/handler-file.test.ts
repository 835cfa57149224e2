// Handler files: YAML and JSON into {topic, id, kind, options, match}, and one clear line for
// every way a file can be wrong.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHandlerSpec, readHandlerFile } from '../../src/cli/handler-file.js';
import { cli, fakeServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'condenser-handler-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const exampleYAML = `topic: cpu
id: example
kind: slack
match: changed() == TRUE
options:
  channel: '#alerts'
`;
const example = {
  topic: 'cpu',
  id: 'example',
  kind: 'slack',
  match: 'changed() == TRUE',
  options: { channel: '#alerts' },
};

describe('readHandlerFile', () => {
  it('reads the YAML example', () => {
    expect(readHandlerFile(file('example.yaml', exampleYAML))).toEqual(example);
  });

  it('reads the same spec from .yml and from JSON', () => {
    expect(readHandlerFile(file('example.yml', exampleYAML))).toEqual(example);
    expect(readHandlerFile(file('example.json', JSON.stringify(example)))).toEqual(example);
    expect(readHandlerFile(file('UPPER.YAML', exampleYAML))).toEqual(example);
  });

  it('keeps nested options and numbers (aggregate interval in ns)', () => {
    const spec = readHandlerFile(
      file(
        'agg.yaml',
        'topic: t\nid: a\nkind: aggregate\noptions:\n  interval: 60000000000\n  topic: out\n  list: [1, "x"]\n',
      ),
    );
    expect(spec.options).toEqual({ interval: 60000000000, topic: 'out', list: [1, 'x'] });
  });

  it('defaults options to null and match to empty', () => {
    expect(readHandlerFile(file('min.json', '{"topic":"t","id":"h","kind":"log"}'))).toEqual({
      topic: 't',
      id: 'h',
      kind: 'log',
      options: null,
      match: '',
    });
  });

  it('rejects other extensions, naming the file', () => {
    const path = file('handler.txt', exampleYAML);
    expect(() => readHandlerFile(path)).toThrow(
      `${path}: unsupported file type: a handler file must end in .yaml, .yml or .json`,
    );
  });

  it('reports a missing file and a directory', () => {
    const missing = join(dir, 'nope.yaml');
    expect(() => readHandlerFile(missing)).toThrow(`${missing}: cannot read: no such file`);
    const sub = join(dir, 'sub.yaml');
    mkdirSync(sub);
    expect(() => readHandlerFile(sub)).toThrow(`${sub}: cannot read: is a directory`);
  });
});

describe('parseHandlerSpec errors', () => {
  it.each([
    ['yaml', 'topic: cpu\nid: [x\n', 'h.yaml: invalid YAML: line 3, column 1: '],
    [
      'yaml',
      'topic: a\ntopic: b\n',
      'h.yaml: invalid YAML: line 2, column 1: Map keys must be unique',
    ],
    ['yaml', 'topic: "cpu\n', 'h.yaml: invalid YAML: line 2, column 1: Missing closing "quote'],
    [
      'json',
      '{\n  "topic": "cpu",\n  "id": x\n}',
      'h.json: invalid JSON: unexpected character "x" at line 3, column 9',
    ],
    [
      'json',
      '{"topic": "cpu"',
      'h.json: invalid JSON: unexpected end of input at line 1, column 16',
    ],
  ] as const)('%s syntax error gives line and column: %j', (format, text, message) => {
    expect(() => parseHandlerSpec(text, format, `h.${format}`)).toThrow(message);
  });

  it('never spreads over several lines', () => {
    try {
      parseHandlerSpec('a:\n\t- b\n', 'yaml', 'h.yaml');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
      expect((err as Error).message).toContain('line 2, column 1');
    }
  });

  it.each([
    ['id: h\nkind: log\n', 'h.yaml: missing "topic"'],
    ['topic: t\nkind: log\n', 'h.yaml: missing "id"'],
    ['topic: t\nid: h\n', 'h.yaml: missing "kind"'],
    ['topic: t\nid: ""\nkind: log\n', 'h.yaml: missing "id"'],
    ['topic: t\nid: 42\nkind: log\n', 'h.yaml: "id" must be a string, got number 42'],
    ['topic: t\nid: h\nkind: log\nmatch: [1]\n', 'h.yaml: "match" must be a string, got a list'],
    [
      'topic: t\nid: h\nkind: log\noptions: [a]\n',
      'h.yaml: "options" must be a mapping of option names to values, got a list',
    ],
    [
      'topic: t\nid: h\nkind: log\noption: {}\n',
      'h.yaml: unknown key "option" (expected topic, id, kind, options, match)',
    ],
    [
      '- topic: t\n',
      'h.yaml: expected a mapping with keys topic, id, kind, options, match; got a list',
    ],
    ['', 'h.yaml: expected a mapping with keys topic, id, kind, options, match; got nothing'],
    ['x: *nowhere\n', 'h.yaml: invalid YAML: '],
  ])('%j', (text, message) => {
    expect(() => parseHandlerSpec(text, 'yaml', 'h.yaml')).toThrow(message);
  });
});

describe('define-topic-handler with a bad file', () => {
  it.each([
    ['bad.txt', exampleYAML, 'unsupported file type'],
    ['bad.yaml', 'topic: [\n', 'invalid YAML: line 2, column 1'],
    ['bad.json', '{"topic":"t","kind":"log"}', 'missing "id"'],
  ])('%s: exit 1, one line on stderr, nothing sent', async (name, text, problem) => {
    const server = await fakeServer((_req, res) => res.writeHead(500).end());
    try {
      const path = file(name, text);
      const r = await cli(['-url', server.url, 'define-topic-handler', path]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        new RegExp(`^condenser define-topic-handler: ${escape(path)}: .*${escape(problem)}.*\\n$`),
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
