// Fuzz targets: each feeds generated input to one parser of client input and asserts that it
// either succeeds or raises one of the host's typed errors (never a TypeError, a RangeError
// from a stack overflow, a Go-runtime text, or a poisoned Object.prototype). Shared by the
// bounded property tests (test/fuzz) and the long runs of `npm run fuzz -- <target>`.

import fc from 'fast-check';
import { makeEvent } from '../src/alert/event.js';
import { Level } from '../src/alert/level.js';
import { compileMatch } from '../src/alert/match.js';
import { canonicalOptions, decodeHandlerOptions, restoreOptions } from '../src/alert/options.js';
import { handlerKinds, normalizeSpec } from '../src/alert/service.js';
import type { AnyHandlerKind } from '../src/alert/handler.js';
import { CondenserError } from '../src/common/errors.js';
import { applyPatch, PatchError } from '../src/common/json-patch.js';
import { parseClientJSON } from '../src/common/safe-json.js';
import { parseOverrideRequest } from '../src/config/overrides.js';
import { LineProtocolError, parseLineProtocol } from '../src/ingest/line-protocol.js';
import { evaluateScript } from '../src/pipeline/evaluate.js';
import { TickParseError } from '../src/tick/errors.js';
import { LambdaCompileError, LambdaEvalError } from '../src/tick/lambda/index.js';
import { lex } from '../src/tick/lexer.js';
import { parseProgram } from '../src/tick/parser.js';
import {
  jsonTemplateFuncs,
  parseTemplate,
  TemplateExecError,
  TemplateParseError,
} from '../src/tick/template/index.js';
import { TokenType } from '../src/tick/token.js';

/** The error classes a client may see: each carries a message that says what and where. */
const typedErrors = [
  CondenserError,
  TickParseError,
  LineProtocolError,
  TemplateParseError,
  TemplateExecError,
  LambdaCompileError,
  LambdaEvalError,
  PatchError,
];

export function isTyped(err: unknown): boolean {
  return typedErrors.some((t) => err instanceof t);
}

export interface FuzzTarget<T = unknown> {
  description: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws only on a finding (an untyped error or a broken invariant). */
  run(input: T): void;
}

/** Run `body`; typed errors are fine, anything else is a finding. */
function typedOrOk(body: () => void): void {
  try {
    body();
  } catch (err) {
    if (isTyped(err)) return;
    throw new Error(
      `untyped ${(err as Error)?.name ?? typeof err}: ${(err as Error)?.message ?? String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** Object.prototype must never gain a property from input. */
function checkPrototype(): void {
  const own = Object.getOwnPropertyNames(Object.prototype).length;
  if (own !== prototypeSize || Object.getPrototypeOf({}) !== Object.prototype)
    throw new Error('Object.prototype was modified');
}
const prototypeSize = Object.getOwnPropertyNames(Object.prototype).length;

const text = (pieces: readonly string[], maxLength = 40) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength }).map((a) => a.join('')),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  );

const lineProtocolPieces = [
  'cpu',
  'mem',
  ',',
  '=',
  ' ',
  '\\',
  '\\ ',
  '\\,',
  '"',
  'host',
  'v',
  '1',
  '1.5',
  '-',
  'e9',
  'i',
  'u',
  't',
  'f',
  'true',
  'FALSE',
  '\n',
  '\r\n',
  '#',
  '1700000000',
  '9999999999999999999',
  'é',
  '\u0000',
  '\t',
  '""',
  '"a\\"b"',
  'NaN',
  'Inf',
];

const tickPieces = [
  'stream',
  '|from()',
  '.measurement(',
  "'cpu'",
  ')',
  '|alert()',
  '.crit(',
  'lambda: ',
  '"v"',
  ' > ',
  '90',
  '(',
  '(',
  ')',
  'var ',
  'x',
  ' = ',
  '\n',
  '1m',
  '/re+/',
  'dbrp "a"."b"\n',
  '|window()',
  '.period(',
  '10s',
  '|eval(',
  '.as(',
  "'a'",
  ' + ',
  '-',
  '!',
  '|mean(',
  '*',
  '[',
  ']',
  ',',
  'time(',
  '"',
  "'",
  'TRUE',
  ' AND ',
  ' OR ',
  '@udf()',
  "|httpPost('http://h/x')",
  ".post('http://h/{{.ID}}')",
  ".header('a', 'b')",
  '|log()',
  '|where(',
  '|groupBy(',
  ".tcp('h:1')",
  ".exec('/bin/true')",
  '.log(',
  "'/tmp/x'",
  '.mode(',
  '0644',
  '1.5',
  '10',
  '"x"',
  'sigma(',
  'abs(',
  '|derivative(',
  '.unit(',
  '|stateDuration(',
  '.message(',
  "'{{ .ID }}'",
  '//c\n',
  'toString',
  '__proto__',
  'constructor',
  'int(',
  'float(',
  "'''t'''",
  '|default()',
  '.field(',
  '|deadman(',
  '|top(',
  '|percentile(',
  '|changeDetect(',
  '|httpOut(',
  '|stats(',
  '|delete()',
  '.topic(',
];

const templatePieces = [
  '{{',
  '}}',
  '.',
  'ID',
  'Level',
  ' ',
  'if ',
  'else',
  'end',
  'range ',
  'with ',
  '$x := ',
  '$x',
  'index ',
  '.Tags',
  ' "host"',
  'printf ',
  '"%d"',
  '%v',
  '|',
  'json',
  'len ',
  'eq ',
  'and ',
  'or ',
  'not ',
  '(',
  ')',
  'define "a"',
  'template "a"',
  'block "b" .',
  '1',
  '-1',
  '1.5',
  'nil',
  'true',
  '{{-',
  '-}}',
  '/*c*/',
  'call ',
  'html',
  'js',
  'urlquery',
  'slice ',
  '.Fields',
  'x',
];

const matchPieces = [
  'level()',
  ' >= ',
  'WARNING',
  'CRITICAL',
  ' AND ',
  ' OR ',
  '"host"',
  ' == ',
  "'a'",
  ' =~ ',
  '/a.*/',
  'changed()',
  'name()',
  'taskName()',
  'alertDuration()',
  ' > ',
  '5m',
  '(',
  ')',
  '!',
  '-',
  '1',
  '1.5',
  'TRUE',
  'sigma(',
  'strLength(',
  'toString',
  '__proto__',
  '"constructor"',
];

const keys = [
  'id',
  'kind',
  'options',
  'match',
  'topic',
  'url',
  'headers',
  'endpoint',
  'path',
  'mode',
  'address',
  'prog',
  'args',
  'set',
  'delete',
  'add',
  'remove',
  'op',
  'from',
  'value',
  'timeout',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'URL',
  'Headers',
];

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .jsonValue({ maxDepth: 4 })
    .chain((v) =>
      fc
        .dictionary(fc.constantFrom(...keys), fc.constant(v), { maxKeys: 4 })
        .map((d) => JSON.stringify(d)),
    ),
  fc
    .record({
      id: fc.string({ maxLength: 5 }),
      kind: fc.constantFrom(...Object.values(handlerKinds).map((k) => k.kind), 'nope'),
      options: fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), {
        maxKeys: 4,
      }),
    })
    .map((r) => JSON.stringify(r)),
  fc
    .array(
      fc.record({
        op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'x'),
        path: fc
          .array(fc.constantFrom(...keys, '0', '-', ''), { maxLength: 4 })
          .map((a) => '/' + a.join('/')),
        from: fc.array(fc.constantFrom(...keys), { maxLength: 3 }).map((a) => '/' + a.join('/')),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
      { maxLength: 4 },
    )
    .map((a) => JSON.stringify(a)),
  fc.string({ maxLength: 100 }),
);

const kinds = Object.values(handlerKinds) as AnyHandlerKind[];

const event = makeEvent({
  topic: 't',
  state: { id: 'cpu:host=a', message: 'm', level: Level.CRITICAL },
  data: { name: 'cpu', taskName: 'task', tags: { host: 'a', constructor: 'x' } },
});

export const fuzzTargets: Record<string, FuzzTarget<string>> = {
  'line-protocol': {
    description: 'line protocol bodies (/write)',
    arbitrary: text(lineProtocolPieces, 60),
    run: (body) =>
      typedOrOk(() => {
        parseLineProtocol(body, { precision: 'n', now: 1_700_000_000_000_000_000n });
      }),
  },
  'tick-lexer': {
    description: 'the TICKscript lexer: every token stream ends in EOF or an error token',
    arbitrary: text(tickPieces),
    run: (script) =>
      typedOrOk(() => {
        const l = lex(script);
        for (let i = 0; i <= script.length + 2; i++) {
          const t = l.nextToken();
          if (t.type === TokenType.EOF || t.type === TokenType.Error) return;
        }
        throw new Error('lexer did not end');
      }),
  },
  'tick-parser': {
    description: 'the TICKscript parser',
    arbitrary: text(tickPieces),
    run: (script) => typedOrOk(() => void parseProgram(script)),
  },
  'tick-evaluator': {
    description: 'TICKscript evaluation into a pipeline (define a task)',
    arbitrary: text(tickPieces).map((s) => 'dbrp "a"."b"\n' + s),
    run: (script) =>
      typedOrOk(() => {
        evaluateScript(script, { taskId: 'fuzz' });
        checkPrototype();
      }),
  },
  match: {
    description: 'topic handler match expressions, compiled and evaluated on an event',
    arbitrary: text(matchPieces, 20),
    run: (source) =>
      typedOrOk(() => {
        compileMatch(source).matches(event);
      }),
  },
  template: {
    description: 'Go templates, parsed and executed over alert data',
    arbitrary: text(templatePieces, 30),
    run: (source) =>
      typedOrOk(() => {
        const t = parseTemplate('fuzz', source, { funcs: jsonTemplateFuncs });
        t.execute({ ID: 'a', Level: 'OK', Tags: { host: 'h' }, Fields: { v: 1.5 }, x: [1, 2] });
      }),
  },
  'api-bodies': {
    description: 'API bodies: JSON decoding, handler specs and options, config overrides, patches',
    arbitrary: jsonBody,
    run: (body) => {
      typedOrOk(() => {
        const value = parseClientJSON(body);
        typedOrOk(() => {
          const spec = normalizeSpec(value, 't');
          for (const k of kinds) {
            typedOrOk(() => void decodeHandlerOptions(k.kind, k.options, spec.options));
            typedOrOk(
              () => void restoreOptions(k.kind, k.options, spec.options, { url: 'http://u:p@h/' }),
            );
            typedOrOk(() => void canonicalOptions(k.kind, k.options, spec.options));
          }
        });
        typedOrOk(() => void parseOverrideRequest(value));
        typedOrOk(
          () =>
            void applyPatch(
              {
                id: 'h',
                kind: 'post',
                options: { url: 'http://h/', headers: { A: 'b' } },
                match: '',
              },
              value,
            ),
        );
      });
      checkPrototype();
    },
  },
};
