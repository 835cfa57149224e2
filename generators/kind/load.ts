// Reading a kind spec: YAML or JSON, checked against the schema and then for meaning (every
// name an expression uses exists, defaults fit their types, level tables are complete, ...).
// Every refusal names the spec file, the line and column, and the key path.

import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { objectBuiltins } from '../spec.js';
import { camelKey, compileExpr, ExprError, type ExprScope } from './expr.js';
import {
  baseType,
  kindSpecSchema,
  peerTransports,
  type BodyShape,
  type ConfigFieldSpec,
  type KindSpecFile,
  type OptionSpec,
  type ValueType,
} from './schema.js';
import { peerTransportSpecs } from './transports.js';

const plainObjectBuiltins: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export class KindSpecError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string,
    problem: string,
    at?: { line: number; col: number },
  ) {
    super(
      `${file}${at ? `:${at.line}:${at.col}` : ''}: ${keyPath ? `${keyPath}: ` : ''}${problem}`,
    );
    this.name = 'KindSpecError';
  }
}

/** A checked spec: the file's content plus where it came from. */
export interface KindSpec extends KindSpecFile {
  /** Repo-relative path of the spec file, or a description for specs built from flags. */
  file: string;
}

type Locate = (keyPath: Array<string | number>) => { line: number; col: number } | undefined;

/** Read and check a spec file. `file` is shown in errors as given (repo-relative). */
export function loadKindSpec(absolute: string, file: string): KindSpec {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    throw new KindSpecError(file, '', (err as Error).message);
  }
  return parseKindSpec(text, file);
}

export function parseKindSpec(text: string, file: string): KindSpec {
  let raw: unknown;
  let locate: Locate = () => undefined;
  if (/\.json$/i.test(file)) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new KindSpecError(file, '', `not JSON: ${(err as Error).message}`);
    }
  } else {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
      const at = lines.linePos(first.pos[0]);
      throw new KindSpecError(file, '', `not YAML: ${first.message.split('\n')[0]}`, at);
    }
    raw = doc.toJS();
    locate = (keyPath) => nodePosition(doc, lines, keyPath);
  }
  const parsed = kindSpecSchema.safeParse(raw);
  if (!parsed.success) {
    // An unknown key explains a missing one next to it (`descripton:`): report it first.
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const keyPath = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const where = unknown !== undefined ? [...keyPath, unknown] : keyPath;
    const missingLevel =
      where[0] === 'levels' && where.length === 3 && issue.code === 'invalid_union';
    throw new KindSpecError(
      file,
      formatPath(where),
      unknown !== undefined
        ? 'unknown key'
        : missingLevel
          ? 'missing: every level needs a value (OK, INFO, WARNING, CRITICAL)'
          : issue.message,
      locate(where),
    );
  }
  const spec: KindSpec = { ...parsed.data, file };
  checkMeaning(spec, (keyPath, problem) => {
    throw new KindSpecError(file, formatPath(keyPath), problem, locate(keyPath));
  });
  return spec;
}

function formatPath(keyPath: Array<string | number>): string {
  return keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function nodePosition(
  doc: Document,
  lines: LineCounter,
  keyPath: Array<string | number>,
): { line: number; col: number } | undefined {
  for (let n = keyPath.length; n > 0; n--) {
    const node = doc.getIn(keyPath.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return undefined;
}

type Fail = (keyPath: Array<string | number>, problem: string) => never;

/** The scope expressions of a spec may use. */
export function scopeOf(spec: KindSpecFile, withTest = false): ExprScope {
  const byCamel = (fields: Array<{ name: string }>) =>
    new Map(fields.map((f) => [camelKey(f.name), f.name]));
  return {
    options: byCamel(spec.options),
    config: byCamel(spec.config?.fields ?? []),
    levels: new Set(Object.keys(spec.levels ?? {})),
    module: spec.module !== undefined,
    ...(withTest ? { test: byCamel(spec['service-test'].options) } : {}),
  };
}

function checkMeaning(spec: KindSpec, fail: Fail): void {
  if (objectBuiltins.has(spec.kind)) fail(['kind'], 'a name every JavaScript object already has');
  const configFields = spec.config?.fields ?? [];
  checkFields(configFields, ['config', 'fields'], fail);
  checkFields(spec.options, ['options'], fail);
  const configNames = new Set(configFields.map((f) => f.name));
  const list = spec.config?.list;
  if (list) {
    if (!configNames.has(list.key)) {
      fail(['config', 'list', 'key'], `no config field "${list.key}" to key the elements by`);
    }
    const flag = list['default-flag'];
    if (flag !== undefined && configFields.find((f) => f.name === flag)?.type !== 'bool') {
      fail(['config', 'list', 'default-flag'], `"${flag}" must be a bool config field`);
    }
    for (const key of Object.keys(list.element ?? {})) {
      if (!configNames.has(key)) fail(['config', 'list', 'element', key], 'no such config field');
    }
  }
  spec.options.forEach((o, i) => {
    if (o.fallback !== undefined) {
      const target = configFields.find((f) => f.name === o.fallback);
      if (!target) fail(['options', i, 'fallback'], `no config field "${o.fallback}"`);
      if (!compatible(o.type, target.type)) {
        fail(
          ['options', i, 'fallback'],
          `config field "${o.fallback}" is a ${target.type}, the option a ${o.type}`,
        );
      }
    }
    if (o.selects === 'element' && !list) {
      fail(['options', i, 'selects'], 'only a list section ([[kind]]) has elements to select');
    }
    if (o.template && !templateTypes.includes(o.type)) {
      fail(['options', i, 'template'], `a ${o.type} cannot be a template`);
    }
    if (o.required && !requirable(o.type)) {
      fail(['options', i, 'required'], `only a string option can be required, not a ${o.type}`);
    }
    if (o.required && o.selects === 'element') {
      fail(
        ['options', i, 'required'],
        'the option selecting the element may be left empty (the default element)',
      );
    }
  });
  for (const [name, table] of Object.entries(spec.levels ?? {})) {
    for (const level of ['OK', 'INFO', 'WARNING', 'CRITICAL'] as const) {
      if (!(level in table)) fail(['levels', name], `no value for level ${level}`);
    }
  }
  checkTick(spec, fail);
  checkPeerTransport(spec, fail);
  checkExpressions(spec, fail);
}

/** "an smtp kind", "a kafka kind". */
function article(transport: string): string {
  return `${transport === 'kafka' ? 'a' : 'an'} ${transport}`;
}

/** smtp, mqtt, snmptrap, kafka: one request with its `message`, and the kind's `connection`. */
function checkPeerTransport(spec: KindSpec, fail: Fail): void {
  const peer = spec.requests.findIndex((r) =>
    (peerTransports as readonly string[]).includes(r.transport ?? 'http'),
  );
  if (peer === -1) {
    if (spec.connection !== undefined) {
      fail(['connection'], 'only an smtp, mqtt, snmptrap or kafka request has a connection');
    }
    spec.requests.forEach((r, i) => {
      if (r.message !== undefined)
        fail(
          ['requests', i, 'message'],
          `a ${r.transport ?? 'http'} request has no message: it has a body`,
        );
    });
    return;
  }
  const request = spec.requests[peer]!;
  const transport = request.transport as (typeof peerTransports)[number];
  const def = peerTransportSpecs[transport];
  if (spec.requests.length > 1) {
    fail(
      ['requests', peer === 0 ? 1 : 0],
      `a kind that sends over ${transport} has exactly one request`,
    );
  }
  if (request.when !== undefined) {
    fail(
      ['requests', peer, 'when'],
      `the one ${transport} request is always sent (use refuse: to refuse events)`,
    );
  }
  for (const key of [
    'method',
    'url',
    'address',
    'headers',
    'body',
    'success',
    'error',
    'reply',
  ] as const) {
    if (request[key] !== undefined) {
      fail(
        ['requests', peer, key],
        `${article(transport)} request has no ${key}: it has a message`,
      );
    }
  }
  const exactly = (
    given: Readonly<Record<string, string>> | undefined,
    want: Readonly<Record<string, string>>,
    at: Array<string | number>,
    what: string,
  ) => {
    if (given === undefined) {
      fail(at, `${article(transport)} kind needs its ${what}: ${Object.keys(want).join(', ')}`);
    }
    for (const key of Object.keys(given)) {
      if (!Object.hasOwn(want, key)) {
        fail(
          [...at, key],
          `not ${article(transport)} ${what} member (${Object.keys(want).join(', ')})`,
        );
      }
    }
    for (const key of Object.keys(want)) {
      if (!Object.hasOwn(given, key)) fail(at, `${what} ${key} is missing (${want[key]})`);
    }
  };
  exactly(spec.connection, def.settings, ['connection'], 'connection');
  exactly(request.message, def.message, ['requests', peer, 'message'], 'message');
  if (!spec.config)
    fail(['config'], `${article(transport)} kind needs a config section for its connection`);
}

function compatible(option: ValueType, config: ValueType): boolean {
  const family = (t: ValueType) => {
    const base = baseType(t);
    return base === 'url' || base === 'address' ? 'string' : base;
  };
  return family(option) === family(config);
}

/** Types a `template: true` option may have: text, and the text inside lists and maps. */
const templateTypes: readonly ValueType[] = [
  'string',
  'url',
  'string-list',
  'string-map',
  'map',
  'object-list',
  'mqtt-topic',
  'snmp-data-list',
];

/** Types an option may be `required` for: a string of some kind, which must not be empty. */
function requirable(type: ValueType): boolean {
  return baseType(type) === 'string' || type === 'url';
}

function checkFields(
  fields: Array<ConfigFieldSpec | OptionSpec>,
  at: Array<string | number>,
  fail: Fail,
): void {
  const seen = new Set<string>();
  const camels = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.name)) fail([...at, i, 'name'], `"${f.name}" is given twice`);
    seen.add(f.name);
    const camel = camelKey(f.name);
    if (camels.has(camel))
      fail([...at, i, 'name'], `"${f.name}" is the same name as another in camelCase (${camel})`);
    camels.add(camel);
    // Fields are members of plain objects: only Object.prototype's names would clash
    // (`name` and `length` are a function's, and fine here: mqtt's element key is `name`).
    if (plainObjectBuiltins.has(f.name) || plainObjectBuiltins.has(camel)) {
      fail([...at, i, 'name'], `"${f.name}" is a name every JavaScript object already has`);
    }
    if (f.type === 'object-list' && (f.fields ?? []).length === 0) {
      fail([...at, i, 'fields'], 'an object-list needs the names of its members');
    }
    if (f.default !== undefined) {
      const problem = defaultProblem(f.type, f.default);
      if (problem) fail([...at, i, 'default'], problem);
    }
    if (
      f.enum &&
      f.default !== undefined &&
      f.default !== '' &&
      !f.enum.includes(String(f.default))
    ) {
      fail([...at, i, 'default'], `must be one of ${f.enum.join(', ')}`);
    }
    if (f.secret && !['string', 'url', 'string-map'].includes(f.type)) {
      fail([...at, i, 'secret'], `a ${f.type} cannot be a secret`);
    }
  });
}

export function defaultProblem(type: ValueType, v: unknown): string | undefined {
  if (type === 'mqtt-qos') {
    return [0, 1, 2, 'at-most-once', 'at-least-once', 'exactly-one'].includes(v as number)
      ? undefined
      : `${JSON.stringify(v)} is not a QoS (0, 1, 2, "at-most-once", "at-least-once" or "exactly-one")`;
  }
  if (type === 'snmp-data-list') {
    const item = (x: unknown) =>
      typeof x === 'object' &&
      x !== null &&
      Object.keys(x).every((k) => ['oid', 'type', 'value'].includes(k)) &&
      Object.values(x).every((m) => typeof m === 'string');
    return Array.isArray(v) && v.every(item)
      ? undefined
      : `${JSON.stringify(v)} is not a list of { oid, type, value } strings`;
  }
  if (baseType(type) !== type) {
    const problem = defaultProblem(baseType(type), v);
    return problem === undefined ? undefined : problem.replace(/is not a \S+$/, `is not a ${type}`);
  }
  const isStringRecord = (x: unknown) =>
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Object.values(x).every((s) => typeof s === 'string');
  const ok = (() => {
    switch (type) {
      case 'string':
      case 'url':
      case 'address':
        return typeof v === 'string';
      case 'duration':
        return typeof v === 'string' && /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^0$/.test(v);
      case 'bool':
        return typeof v === 'boolean';
      case 'int':
        return typeof v === 'number' && Number.isInteger(v);
      case 'float':
        return typeof v === 'number';
      case 'string-list':
        return Array.isArray(v) && v.every((s) => typeof s === 'string');
      case 'string-map':
        return isStringRecord(v);
      case 'map':
        return typeof v === 'object' && v !== null && !Array.isArray(v);
      case 'object-list':
        return Array.isArray(v) && v.every(isStringRecord);
      case 'level-map':
        return (
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).sort().join() === 'critical,info,ok,warning' &&
          Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number')
        );
    }
  })();
  return ok
    ? undefined
    : `${JSON.stringify(v)} is not a ${type}${type === 'duration' ? ' (a Go duration such as "10s")' : type === 'level-map' ? ' (a string or number for each of ok, info, warning, critical)' : ''}`;
}

function checkTick(spec: KindSpec, fail: Fail): void {
  const tick = spec.tick;
  if (!tick) {
    spec.options.forEach((o, i) => {
      if (o.tick !== undefined && o.tick !== false)
        fail(['options', i, 'tick'], 'the kind has no `tick:` property');
    });
    return;
  }
  const optionNames = new Set(spec.options.map((o) => o.name));
  (tick.args ?? []).forEach((a, i) => {
    if (!optionNames.has(a)) fail(['tick', 'args', i], `no option "${a}"`);
  });
  const methods = new Map<string, Array<string | number>>();
  const claim = (name: string, at: Array<string | number>) => {
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    if (methods.has(key)) fail(at, `method .${name}() is defined twice`);
    if (objectBuiltins.has(name))
      fail(at, `.${name}() is a name every JavaScript object already has`);
    methods.set(key, at);
  };
  spec.options.forEach((o, i) => {
    if (o.tick === false) return;
    const method =
      o.tick === undefined ? camelKey(o.name) : typeof o.tick === 'string' ? o.tick : o.tick.method;
    claim(method, ['options', i, 'tick']);
    if (typeof o.tick === 'object') {
      const t = o.tick;
      if ((t.variadic || t.append) && baseType(o.type) !== 'string-list')
        fail(['options', i, 'tick'], 'variadic/append methods set a string-list');
      if (t.entry && !['string-map', 'map'].includes(o.type))
        fail(['options', i, 'tick'], 'entry methods set a map');
      if (t.push) {
        if (baseType(o.type) !== 'object-list')
          fail(['options', i, 'tick'], 'push methods add to an object-list');
        const members = o.type === 'snmp-data-list' ? ['oid', 'type', 'value'] : (o.fields ?? []);
        for (const m of t.push)
          if (!members.includes(m))
            fail(['options', i, 'tick', 'push'], `"${m}" is not a member of ${o.name}`);
      }
    }
  });
  (tick.extra ?? []).forEach((m, i) => {
    claim(m.method, ['tick', 'extra', i, 'method']);
    if ('sets' in m && !optionNames.has(m.sets))
      fail(['tick', 'extra', i, 'sets'], `no option "${m.sets}"`);
  });
}

function checkExpressions(spec: KindSpec, fail: Fail): void {
  const scope = scopeOf(spec);
  const check = (expr: string, at: Array<string | number>, s: ExprScope = scope) => {
    try {
      compileExpr(expr, s);
    } catch (err) {
      if (err instanceof ExprError) fail(at, `${err.message} (in \`${expr}\`)`);
      throw err;
    }
  };
  if (spec.refuse) {
    check(spec.refuse.when, ['refuse', 'when']);
    check(spec.refuse.message, ['refuse', 'message']);
  }
  spec.requests.forEach((r, i) => {
    const at = ['requests', i];
    const transport = r.transport ?? 'http';
    if (r.when !== undefined) check(r.when, [...at, 'when']);
    if (transport === 'http' && r.url === undefined)
      fail([...at, 'url'], 'an http request needs a url');
    if (transport === 'tcp' && r.address === undefined)
      fail([...at, 'address'], 'a tcp request needs an address');
    if (r.url !== undefined) check(r.url, [...at, 'url']);
    if (r.address !== undefined) check(r.address, [...at, 'address']);
    for (const [name, value] of Object.entries(r.headers ?? {}))
      check(value, [...at, 'headers', name]);
    if (r.body) checkShape(r.body.value, [...at, 'body', 'value'], check);
    if (r.reply !== undefined) check(r.reply, [...at, 'reply']);
    for (const [name, value] of Object.entries(r.message ?? {}))
      check(value, [...at, 'message', name]);
    if (i < spec.requests.length - 1 && r.when === undefined) {
      fail([...at, 'when'], 'every request but the last needs a `when`');
    }
  });
  for (const [name, value] of Object.entries(spec.connection ?? {})) {
    check(value, ['connection', name], { ...scope, roots: new Set(['config']) });
  }
  const test = spec['service-test'];
  const testScope = scopeOf(spec, true);
  const testNames = new Set(test.options.map((o) => o.name));
  for (const k of Object.keys(test.example ?? {})) {
    if (!testNames.has(k)) fail(['service-test', 'example', k], 'no such test option');
  }
  test.options.forEach((o, i) =>
    check(o.default, ['service-test', 'options', i, 'default'], { ...scope, options: new Map() }),
  );
  for (const [k, v] of Object.entries(test.event)) {
    if (
      k !== '...' &&
      ![
        'id',
        'message',
        'details',
        'level',
        'time',
        'duration',
        'name',
        'taskName',
        'group',
        'tags',
        'fields',
        'data',
        'topic',
      ].includes(k)
    ) {
      fail(['service-test', 'event', k], 'not an event field a test can set');
    }
    check(v, ['service-test', 'event', k], { ...testScope, options: new Map() });
  }
  const optionNames = new Set(spec.options.map((o) => o.name));
  for (const [k, v] of Object.entries(test['handler-options'])) {
    if (!optionNames.has(k)) fail(['service-test', 'handler-options', k], 'no such option');
    check(v, ['service-test', 'handler-options', k], { ...testScope, options: new Map() });
  }
}

function checkShape(
  shape: BodyShape,
  at: Array<string | number>,
  check: (expr: string, at: Array<string | number>) => void,
): void {
  if (typeof shape === 'string') check(shape, at);
  else if (Array.isArray(shape)) shape.forEach((s, i) => checkShape(s, [...at, i], check));
  else if (shape !== null && typeof shape === 'object') {
    for (const [k, v] of Object.entries(shape)) checkShape(v, [...at, k], check);
  }
}
