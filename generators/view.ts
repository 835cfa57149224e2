// The template view of a HandlerSpec: every name, literal and flag the templates print, so
// templates hold no logic beyond `{{#if}}` / `{{#each}}` (strict mode: nothing may be missing).

import {
  camel,
  pascal,
  type FieldSpec,
  type FieldType,
  type FieldValue,
  type HandlerSpec,
} from './spec.js';

export interface FieldView {
  name: string;
  /** the object key as written in TS source: `room` or `'chat-id'` */
  key: string;
  camel: string;
  type: FieldType;
  /** the field builder from src/config/fields.ts */
  builder: string;
  /** the default as a TS literal */
  defaultLiteral: string;
  /** the default as TOML */
  tomlDefault: string;
  description: string;
  /** the description as a TS string literal (any character a user typed, escaped) */
  descriptionLiteral: string;
  /** the description and the TOML default as Markdown table cells */
  docDescription: string;
  docDefault: string;
  secret: boolean;
}

export interface OptionView extends FieldView {
  /** TICKscript chained method: `.room('x')` */
  method: string;
  /** handler-property.ts helper call that builds the method */
  methodHelper: string;
  /** an example TICKscript call and the option value it produces */
  tickExample: string;
  exampleJSON: string;
  exampleValue: unknown;
  /** a value of the wrong type, for the generated test, and the error it gives */
  wrongValueJSON: string;
  wrongMessage: string;
  /** an option with the same name in the config falls back to it */
  configFallback: boolean;
  /** the list-section key option selects an element; it is not sent */
  selectsElement: boolean;
  /** the value sent: the option, or the config's when the option is left empty */
  resolveExpr: string;
  /** the service test's default for this option (a TS expression over `config`) */
  testDefaultExpr: string;
}

export interface HandlerView {
  kind: string;
  Kind: string;
  tickName: string;
  transport: string;
  isHttp: boolean;
  isHttpJson: boolean;
  isHttpForm: boolean;
  isTcp: boolean;
  isCustom: boolean;
  target: string;
  targetDescription: string;
  targetExample: string;
  isList: boolean;
  listKey: string;
  listKeyKey: string;
  listKeyCamel: string;
  /** `.workspace` or `['broker-name']` */
  listKeyAccess: string;
  config: FieldView[];
  options: OptionView[];
  payloadOptions: OptionView[];
  hasOptions: boolean;
  /** some option falls back to the config (the service test's defaults read the config) */
  hasFallback: boolean;
  secrets: string[];
  hasSecrets: boolean;
  configBuilders: string;
  optionBuilders: string;
  testOptionBuilders: string;
  tickHelpers: string;
  /** the first secret (for the redaction test) or '' */
  firstSecret: string;
  firstSecretKey: string;
  /** a chained TICKscript call setting every option: `.room('ops')` */
  tickChain: string;
  /** the options object those calls produce, as JSON */
  tickOptionsJSON: string;
  /** the payload the handler sends for those options and message `msg` */
  examplePayloadJSON: string;
  /** an option to mistype in the tests ('' if there are no options) */
  mistypedOption: string;
  mistypedOptionKey: string;
  mistypedValueJSON: string;
  mistypedMessage: string;
  /** the service test's own options besides the handler options */
  testMessage: string;
  envName: string;
  /** the generated test's table, as JSON */
  listKeyJSON: string;
  secretsJSON: string;
  configExampleJSON: string;
  optionsExampleJSON: string;
  tickChainJSON: string;
  payloadExampleJSON: string;
  defaultPayloadJSON: string;
  mistypedJSON: string;
}

const tsKey = (name: string): string => (/^[a-z][a-zA-Z0-9]*$/.test(name) ? name : `'${name}'`);

function builderFor(f: FieldSpec, forOptions: boolean): string {
  switch (f.type) {
    case 'string':
      return f.secret ? 'secret' : 'string';
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'duration':
      return forOptions ? 'nanoseconds' : 'duration';
    case 'string-list':
      return 'stringList';
    case 'string-map':
      return 'stringMap';
  }
}

function durationNs(text: string): number {
  const units: Record<string, number> = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
  };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * units[m[2]!]!;
  return Math.round(total);
}

/** A TS literal of the default. JSON is valid TS and escapes every character that needs it. */
function tsLiteral(f: FieldSpec, forOptions: boolean): string {
  if (f.type === 'duration')
    return forOptions ? String(durationNs(f.default as string)) : JSON.stringify(f.default);
  if (f.type === 'float' && Number.isInteger(f.default)) return `${f.default as number}`;
  return JSON.stringify(f.default);
}

/** Markdown table cell text: pipes escaped, line breaks as <br>. */
export function mdCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** A Markdown code span holding `text` exactly (fenced with more backticks than it contains). */
export function mdCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

function tomlLiteral(f: FieldSpec): string {
  const v = f.default;
  if (Array.isArray(v)) return `[${v.map((s) => JSON.stringify(s)).join(', ')}]`;
  if (typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(
        ([k, s]) => `${/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k)} = ${JSON.stringify(s)}`,
      )
      .join(', ')} }`;
  if (f.type === 'float' && Number.isInteger(v)) return `${v}.0`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function describe(f: FieldSpec, fallback: string): string {
  return f.description !== '' ? f.description : fallback;
}

/** The description and default in every form the templates print them. */
function texts(description: string, tomlDefault: string) {
  return {
    description,
    descriptionLiteral: JSON.stringify(description),
    docDescription: mdCell(description),
    tomlDefault,
    docDefault: mdCode(tomlDefault),
  };
}

/** An example value per type for the generated tests and docs. */
function example(f: FieldSpec): { tick: string; value: unknown } {
  switch (f.type) {
    case 'string':
      return { tick: `'${f.name}-value'`, value: `${f.name}-value` };
    case 'int':
      return { tick: '42', value: 42 };
    case 'float':
      return { tick: '2.5', value: 2.5 };
    case 'bool':
      return { tick: '', value: true };
    case 'duration':
      return { tick: '10s', value: 10_000_000_000 };
    case 'string-list':
      return { tick: "'a', 'b'", value: ['a', 'b'] };
    case 'string-map':
      return { tick: "'k', 'v'", value: { k: 'v' } };
  }
}

/** An example config value, as written in TOML. */
function configExampleValue(f: FieldSpec): unknown {
  switch (f.type) {
    case 'string':
      return `${f.name}-config`;
    case 'int':
      return 7;
    case 'float':
      return 1.5;
    case 'bool':
      return true;
    case 'duration':
      return '5s';
    case 'string-list':
      return ['x', 'y'];
    case 'string-map':
      return { c: 'd' };
  }
}

function wrong(f: FieldSpec): { json: string; message: string } {
  switch (f.type) {
    case 'string':
      return { json: '5', message: 'expected a string, got integer 5' };
    case 'bool':
      return { json: "'yes'", message: 'expected a boolean (true or false), got string \\"yes\\"' };
    case 'int':
    case 'float':
      return { json: "'5'", message: 'expected a number, got string \\"5\\"' };
    case 'duration':
      return {
        json: "'10s'",
        message:
          'expected an integer number of nanoseconds (10s = 10000000000), got string \\"10s\\"',
      };
    case 'string-list':
      return { json: "'a'", message: 'expected a list, got string \\"a\\"' };
    case 'string-map':
      return { json: "'a'", message: 'expected a table, got string \\"a\\"' };
  }
}

function methodHelper(f: FieldSpec): string {
  const key = `'${f.name}'`;
  switch (f.type) {
    case 'bool':
      return `flag(${key})`;
    case 'string-list':
      return `stringList(${key})`;
    case 'string-map':
      return `mapEntry(${key})`;
    case 'duration':
      return `setOption(${key}, 'duration', durationToNs)`;
    case 'int':
      return `setOption(${key}, 'int', Number)`;
    case 'float':
      return `setOption(${key}, 'float')`;
    case 'string':
      return `setOption(${key}, 'string')`;
  }
}

const access = (name: string): string =>
  /^[a-z][a-zA-Z0-9]*$/.test(name) ? `.${name}` : `['${name}']`;

/** The option's value, falling back to the config field of the same name when left empty. */
function resolveExpr(f: FieldSpec, fallback: boolean): string {
  const o = `options${access(f.name)}`;
  if (!fallback) return o;
  const c = `config${access(f.name)}`;
  switch (f.type) {
    case 'string':
      return `${o} !== '' ? ${o} : ${c}`;
    case 'int':
    case 'float':
    case 'duration':
      return `${o} !== 0 ? ${o} : ${c}`;
    case 'string-list':
      return `${o}.length > 0 ? ${o} : ${c}`;
    case 'string-map':
      return `{ ...${c}, ...${o} }`;
    case 'bool':
      return `${o} || ${c}`;
  }
}

function sortedUnique(names: string[]): string {
  return [...new Set(names)].sort().join(', ');
}

export function handlerView(spec: HandlerSpec): HandlerView {
  const isHttp = spec.transport !== 'tcp';
  const target = spec.transport === 'tcp' ? 'address' : 'url';
  const config: FieldView[] = spec.config.map((f) => ({
    name: f.name,
    key: tsKey(f.name),
    camel: camel(f.name),
    type: f.type,
    builder: builderFor(f, false),
    defaultLiteral: tsLiteral(f, false),
    ...texts(
      describe(
        f,
        `${pascal(f.name).replace(/([a-z])([A-Z])/g, '$1 $2')} of the ${spec.kind} handler`,
      ),
      tomlLiteral(f),
    ),
    secret: f.secret,
  }));
  const configNames = new Set(spec.config.map((f) => f.name));
  const options: OptionView[] = spec.options.map((f) => {
    const ex = example(f);
    const w = wrong(f);
    const fallback = configNames.has(f.name) && f.type !== 'bool';
    return {
      name: f.name,
      key: tsKey(f.name),
      camel: camel(f.name),
      type: f.type,
      builder: builderFor(f, true),
      defaultLiteral: tsLiteral(f, true),
      ...texts(
        describe(
          f,
          `${pascal(f.name).replace(/([a-z])([A-Z])/g, '$1 $2')}${fallback ? ` (default: the configured ${f.name})` : ''}`,
        ),
        tomlLiteral(f),
      ),
      secret: false,
      method: camel(f.name),
      methodHelper: methodHelper(f),
      tickExample: `.${camel(f.name)}(${ex.tick})`,
      exampleJSON: JSON.stringify(ex.value),
      exampleValue: ex.value,
      wrongValueJSON: w.json,
      wrongMessage: w.message,
      configFallback: fallback,
      selectsElement: f.name === spec.listKey,
      resolveExpr: resolveExpr(f, fallback),
      testDefaultExpr: fallback ? `config${access(f.name)}` : tsLiteral(f, true),
    };
  });
  const payloadOptions = options.filter((o) => !o.selectsElement);
  const secrets = config.filter((f) => f.secret).map((f) => f.name);
  const tickOptions: Record<string, unknown> = {};
  for (const o of options) if (!o.selectsElement) tickOptions[o.name] = o.exampleValue;
  const payload: Record<string, unknown> = { ...tickOptions, message: 'MESSAGE' };
  const mistyped = options.find((o) => !o.selectsElement) ?? options[0];
  const configExample: Record<string, unknown> = {};
  for (const f of spec.config)
    configExample[f.name] = f.name === spec.listKey ? 'primary' : configExampleValue(f);
  const defaultPayload: Record<string, unknown> = {};
  for (const o of options) {
    if (o.selectsElement) continue;
    const f = spec.options.find((x) => x.name === o.name)!;
    if (o.configFallback) {
      const c = configExample[o.name];
      defaultPayload[o.name] =
        f.type === 'duration'
          ? durationNs(c as string)
          : f.type === 'string-map'
            ? { ...(c as object), ...(f.default as object) }
            : c;
    } else
      defaultPayload[o.name] = f.type === 'duration' ? durationNs(f.default as string) : f.default;
  }
  const helpers = options.map((o) => o.methodHelper.split('(')[0]!);
  if (options.some((o) => o.type === 'duration')) helpers.push('durationToNs');
  return {
    kind: spec.kind,
    Kind: pascal(spec.kind),
    tickName: spec.tickName,
    transport: spec.transport,
    isHttp,
    isHttpJson: spec.transport === 'http-json',
    isHttpForm: spec.transport === 'http-form',
    isTcp: spec.transport === 'tcp',
    isCustom: spec.transport === 'custom',
    target,
    targetDescription: isHttp ? 'URL alerts are POSTed to' : 'host:port alerts are written to',
    targetExample: isHttp
      ? `https://${spec.kind}.example.com/api/alerts`
      : `${spec.kind}.example.com:7777`,
    isList: spec.listKey !== undefined,
    listKey: spec.listKey ?? '',
    listKeyKey: spec.listKey ? tsKey(spec.listKey) : '',
    listKeyCamel: spec.listKey ? camel(spec.listKey) : '',
    listKeyAccess: spec.listKey ? access(spec.listKey) : '',
    config,
    options,
    payloadOptions,
    hasOptions: options.length > 0,
    hasFallback: options.some((o) => o.configFallback),
    secrets,
    hasSecrets: secrets.length > 0,
    configBuilders: sortedUnique(['bool', 'string', ...config.map((f) => f.builder)]),
    optionBuilders: sortedUnique(options.map((o) => o.builder)),
    testOptionBuilders: sortedUnique(['string', ...options.map((o) => o.builder)]),
    tickHelpers: sortedUnique(['defineTickHandler', ...helpers]),
    firstSecret: secrets[0] ?? '',
    firstSecretKey: secrets[0] ? tsKey(secrets[0]) : '',
    tickChain: options
      .filter((o) => !o.selectsElement)
      .map((o) => o.tickExample)
      .join(''),
    tickOptionsJSON: JSON.stringify(tickOptions),
    examplePayloadJSON: JSON.stringify(payload),
    mistypedOption: mistyped?.name ?? '',
    mistypedOptionKey: mistyped?.key ?? '',
    mistypedValueJSON: mistyped?.wrongValueJSON ?? '',
    mistypedMessage: mistyped?.wrongMessage ?? '',
    testMessage: `test ${spec.kind} message`,
    envName: spec.kind.toUpperCase(),
    listKeyJSON: spec.listKey === undefined ? 'undefined' : JSON.stringify(spec.listKey),
    secretsJSON: JSON.stringify(secrets),
    configExampleJSON: JSON.stringify(configExample),
    optionsExampleJSON: JSON.stringify(tickOptions),
    tickChainJSON: JSON.stringify(
      options
        .filter((o) => !o.selectsElement)
        .map((o) => o.tickExample)
        .join(''),
    ),
    payloadExampleJSON: JSON.stringify(tickOptions),
    defaultPayloadJSON: JSON.stringify(defaultPayload),
    mistypedJSON: mistyped
      ? JSON.stringify({
          option: mistyped.name,
          value: JSON.parse(mistyped.wrongValueJSON.replace(/'/g, '"')),
          message: mistyped.wrongMessage.replace(/\\"/g, '"'),
        })
      : 'null',
  };
}

export type { FieldValue };
