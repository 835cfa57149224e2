import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  TemplateExecError,
  TemplateParseError,
} from '../../../src/tick/template/index.js';
import { messageData } from './helpers.js';

function parseError(text: string): TemplateParseError {
  try {
    parseTemplate('p', text);
  } catch (e) {
    if (e instanceof TemplateParseError) return e;
    throw e;
  }
  throw new Error(`no parse error for ${text}`);
}

function execError(text: string, data: unknown = messageData()): TemplateExecError {
  const t = parseTemplate('x', text, {
    funcs: {
      boom: () => {
        throw new Error('bad thing');
      },
    },
  });
  try {
    t.execute(data);
  } catch (e) {
    if (e instanceof TemplateExecError) return e;
    throw e;
  }
  throw new Error(`no exec error for ${text}`);
}

describe('parse errors', () => {
  it.each([
    ['{{ .A ', 'template: p:1: unclosed action'],
    ['{{ .A }', 'template: p:1: unexpected "}" in operand'],
    ['{{ foo }}', 'template: p:1: function "foo" not defined'],
    ['{{ end }}', 'template: p:1: unexpected {{end}}'],
    ['{{ else }}', 'template: p:1: unexpected {{else}}'],
    ['{{ if }}{{ end }}', 'template: p:1: missing value for if'],
    ['{{ $x }}', 'template: p:1: undefined variable "$x"'],
    ['{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}', 'template: p:1: undefined variable "$x"'],
    ['{{ if .A }}', 'template: p:1: unexpected EOF'],
    ['{{ "a" | "b" }}', 'template: p:1: non executable command in pipeline stage 2'],
    ['{{ break }}', 'template: p:1: {{break}} outside {{range}}'],
    ['line1\n{{ .A }}\n{{ 3x }}', 'template: p:3: bad number syntax: "3x"'],
    ['{{/* x }}', 'template: p:1: unclosed comment'],
    ['{{/* x */ .A }}', 'template: p:1: comment ends before closing delimiter'],
    ['{{ (1 }}', 'template: p:1: unclosed left paren'],
    ['{{ 1) }}', 'template: p:1: unexpected ")" in command'],
    ['{{ "abc }}', 'template: p:1: unterminated quoted string'],
    ['{{ .A = 1 }}', 'template: p:1: unexpected "=" in operand'],
    ['{{ range $i, $v, $w := . }}{{ end }}', 'template: p:1: too many declarations in range'],
    ['{{ "a".B }}', 'template: p:1: unexpected . after term "\\"a\\""'],
    ['{{ .A #}}', 'template: p:1: unexpected "#" in operand'],
    ['{{ template .A }}', 'template: p:1: unexpected ".A" in template clause'],
    ['{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}', 'template: p:1: expected end; found {{else}}'],
    ['a\n{{ .A\n= }}x', 'template: p:3: unexpected "=" in operand'],
  ])('%j', (text, message) => {
    const err = parseError(text);
    expect(err.message).toBe(message);
    expect(err.name).toBe('TemplateParseError');
  });
});

// Positions follow Go: a field chain's node starts at its *second* field (parse.go builds the
// chain at the position of the first trailing field), so `.Time.Format` reports column 8.
describe('exec errors', () => {
  it.each([
    [
      '{{ .Nope }}',
      'template: x:1:3: executing "x" at <.Nope>: can\'t evaluate field Nope in type kapacitor.messageInfo',
    ],
    [
      'ab\n  {{ .Time.Foo }}',
      'template: x:2:10: executing "x" at <.Time.Foo>: can\'t evaluate field Foo in type time.Time',
    ],
    [
      '{{ .Time.Format }}',
      'template: x:1:8: executing "x" at <.Time.Format>: wrong number of args for Format: want 1 got 0',
    ],
    ['{{ .Time.Format 15 }}', 'template: x:1:16: executing "x" at <15>: expected string; found 15'],
    [
      '{{ .Time.Format .Count }}',
      'template: x:1:16: executing "x" at <.Count>: wrong type for value; expected string; got int64',
    ],
    [
      '{{ index .Arr 5 }}',
      'template: x:1:3: executing "x" at <index .Arr 5>: error calling index: index out of range: 5',
    ],
    [
      '{{ index .Tags 1 }}',
      'template: x:1:3: executing "x" at <index .Tags 1>: error calling index: value has type int64; should be string',
    ],
    [
      '{{ gt (index .Fields "mean") 1 }}',
      'template: x:1:3: executing "x" at <gt (index .Fields "m...>: error calling gt: incompatible types for comparison',
    ],
    [
      '{{ lt true false }}',
      'template: x:1:3: executing "x" at <lt true false>: error calling lt: invalid type for comparison',
    ],
    [
      '{{ eq .Tags .Tags }}',
      'template: x:1:3: executing "x" at <eq .Tags .Tags>: error calling eq: non-comparable type map[host:serverA]: map[string]string',
    ],
    [
      '{{ len .Count }}',
      'template: x:1:3: executing "x" at <len .Count>: error calling len: len of type int64',
    ],
    [
      '{{ template "nope" }}',
      'template: x:1:12: executing "x" at <{{template "nope"}}>: template "nope" not defined',
    ],
    ['{{ nil }}', 'template: x:1:3: executing "x" at <nil>: nil is not a command'],
    ['{{ 1 2 }}', 'template: x:1:3: executing "x" at <1>: can\'t give argument to non-function 1'],
    [
      '{{ .Level 1 }}',
      'template: x:1:3: executing "x" at <.Level>: Level has arguments but cannot be invoked as function',
    ],
    [
      '{{ .Tags.host 1 }}',
      'template: x:1:8: executing "x" at <.Tags.host>: host is not a method but has arguments',
    ],
    ['{{ boom }}', 'template: x:1:3: executing "x" at <boom>: error calling boom: bad thing'],
    ['{{ range .Count }}{{ end }}', undefined],
    [
      '{{ range .Level }}{{ end }}',
      'template: x:1:9: executing "x" at <.Level>: range can\'t iterate over CRITICAL',
    ],
    [
      '{{ define "t" }}{{ .Nope }}{{ end }}{{ template "t" . }}',
      'template: x:1:19: executing "t" at <.Nope>: can\'t evaluate field Nope in type kapacitor.messageInfo',
    ],
    [
      '{{ and }}',
      'template: x:1:3: executing "x" at <and>: wrong number of args for and: want at least 1 got 0',
    ],
  ])('%j', (text, message) => {
    if (message === undefined) {
      // ranging over an int64 value is allowed (Go 1.22): no error
      expect(() => parseTemplate('x', text).execute(messageData())).not.toThrow();
      return;
    }
    const err = execError(text);
    expect(err.message).toBe(message);
    expect(err.name).toBe('TemplateExecError');
  });
});
