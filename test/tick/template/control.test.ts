import { describe, expect, it } from 'vitest';
import { GoMap, registerTemplateMethods } from '../../../src/tick/template/index.js';
import { messageData, render } from './helpers.js';

describe('actions, trimming and literals', () => {
  it.each([
    ['a  {{- "x" -}}  b', 'axb'],
    ['a {{- /* comment */ -}} b', 'ab'],
    ['a{{/* comment */}}b', 'ab'],
    ['{{ "1" -}}\n\n  x', '1x'],
    ['{{-3}}', '-3'],
    [
      '{{ 3 }} {{ 3.0 }} {{ 1e3 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 1_000 }} {{ .5 }}',
      '3 3 1000 31 15 15 1000 0.5',
    ],
    ["{{ 'a' }} {{ '\\n' }}", '97 10'],
    ['{{ "tab\\there \\u00e9\\x41" }}', 'tab\there éA'],
    ['{{ `raw\\n` }}', 'raw\\n'],
    ['{{ true }} {{ false }}', 'true false'],
    ['{{ (index .Fields "mean") }}', '97.123'],
    ['{{ (.Time).Unix }}', '31536010'],
    ['{{ $t := .Time }}{{ $t.Unix }}', '31536010'],
    ['{{ .Arr | len }}', '3'],
  ])('%j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe('control structures', () => {
  it.each([
    [
      '{{ if eq .Level "OK" }}ok{{ else if eq .Level "CRITICAL" }}crit{{ else }}other{{ end }}',
      'crit',
    ],
    ['{{ if .Tags.missing }}yes{{ else }}no{{ end }}', 'no'],
    ['{{ if and .Level (not .Arr) }}a{{ else }}b{{ end }}', 'b'],
    ['{{ with .Tags.host }}h={{ . }}{{ else }}none{{ end }}', 'h=serverA'],
    ['{{ with .Tags.missing }}h={{ . }}{{ else }}none{{ end }}', 'none'],
    ['{{ with .Tags.missing }}a{{ else with .Level }}{{ . }}{{ end }}', 'CRITICAL'],
    ['{{ range .Arr }}{{ . }}{{ end }}', 'abc'],
    ['{{ range $i, $e := .Arr }}{{ $i }}{{ $e }}{{ end }}', '0a1b2c'],
    ['{{ range $e := .Arr }}{{ $e }}{{ end }}', 'abc'],
    ['{{ range .Empty }}x{{ else }}empty{{ end }}', 'empty'],
    ['{{ range .Tags.missing }}x{{ else }}nil{{ end }}', 'nil'],
    ['{{ range $k, $v := .Unsorted }}{{ $k }}{{ $v }} {{ end }}', 'a1 b2 c3 '],
    ['{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['{{ range .Arr }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}', 'a'],
    ['{{ range .Arr }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ . }}{{ end }}', 'ac'],
    ['{{ range .Arr }}{{ $.Name }}{{ end }}', 'cpucpucpu'],
    ['{{ $x := "" }}{{ range .Arr }}{{ $x = . }}{{ end }}{{ $x }}', 'c'],
    ['{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '2'],
    ['{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .Level }}', '[CRITICAL]'],
    ['{{ define "t" }}{{ . }}{{ end }}{{ template "t" }}', '<no value>'],
    ['{{ block "b" .Name }}<{{ . }}>{{ end }}', '<cpu>'],
  ])('%s', (text, expected) => {
    const data = {
      ...messageData(),
      Empty: [],
      Unsorted: new Map([
        ['c', 3n],
        ['a', 1n],
        ['b', 2n],
      ]),
    };
    expect(render(text, data)).toBe(expected);
  });
});

describe('predefined functions', () => {
  it.each([
    ['{{ and 1 0 }} {{ and 1 2 }} {{ or 0 "" "x" }} {{ or 0 "" }} {{ not 0 }}', '0 2 x  true'],
    ['{{ or .Level (index .Arr 10) }}', 'CRITICAL'],
    ['{{ and false (index .Arr 10) }}', 'false'],
    ['{{ eq .Level "OK" "CRITICAL" }} {{ ne .Level "OK" }}', 'true true'],
    [
      '{{ eq .Count 10 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 2.5 1.5 }} {{ ge "a" "b" }}',
      'true true true true false',
    ],
    ['{{ eq .Tags.missing nil }} {{ eq .Level nil }}', 'true false'],
    ['{{ len .Arr }} {{ len .Tags }} {{ len "héllo" }}', '3 1 6'],
    ['{{ index .Arr 1 }} {{ index "abc" 1 }} {{ index .Nested 0 1 }}', 'b 98 y'],
    ['{{ slice .Arr 1 }} {{ slice .Arr 0 2 }} {{ slice "hello" 1 3 }}', '[b c] [a b] el'],
    ['{{ html "<a href=\'x\'>&</a>" }}', '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['{{ js "it\'s <b>=\\"x\\"" }}', 'it\\\'s \\u003Cb\\u003E\\u003D\\"x\\"'],
    ['{{ urlquery "a b&c/é" }}', 'a+b%26c%2F%C3%A9'],
    ['{{ .Tags.missing | html }}', '&lt;no value&gt;'],
    ['{{ call .Mul 6 7 }}', '42'],
    ['{{ shout .Level }}', 'CRITICAL!'],
  ])('%s', (text, expected) => {
    const data = {
      ...messageData(),
      Nested: [['x', 'y']],
      Mul: (a: unknown, b: unknown) => (a as bigint) * (b as bigint),
    };
    expect(render(text, data, { funcs: { shout: (s) => `${String(s)}!` } })).toBe(expected);
  });
});

describe('data model', () => {
  it('gives index the zero value of the map element type', () => {
    const data = {
      S: new GoMap<string>('string'),
      I: new GoMap<unknown>('interface', [['a', 'x']]),
      Plain: new Map(),
    };
    expect(render('[{{ index .S "k" }}][{{ index .I "k" }}][{{ index .Plain "k" }}]', data)).toBe(
      '[][<no value>][]',
    );
  });

  it('calls methods registered for a class', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    registerTemplateMethods(Point, {
      typeName: 'main.Point',
      methods: {
        Scale: {
          params: ['float'],
          call: (p, [k]) => new Point(p.x * (k as number), p.y * (k as number)),
        },
        X: { params: [], call: (p) => p.x },
        String: { params: [], call: (p) => `(${p.x},${p.y})` },
      },
    });
    const data = { P: new Point(1, 2) };
    expect(
      render('{{ .P }} {{ (.P.Scale 3).X }} {{ .P.Scale 2 }} {{ printf "%v" .P }}', data),
    ).toBe('(1,2) 3 (2,4) (1,2)');
    expect(() => render('{{ .P.x }}', data)).toThrow("can't evaluate field x in type main.Point");
  });
});
