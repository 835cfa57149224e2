// A kind spec → what the templates print. Everything that is code is made here, from the spec,
// as small readable fragments (a builder call per field, an expression per body member), so
// the templates stay a layout: `{{#each}}` and `{{#if}}`, no logic.

import { camelKey, compileExpr, helperNames, type ExprScope } from './expr.js';
import { mdCell, mdCode } from './markdown.js';
import { scopeOf, type KindSpec } from './load.js';
import {
  baseType,
  peerTransports,
  snmpDataMembers,
  type BodyShape,
  type ConfigFieldSpec,
  type OptionSpec,
  type PeerTransportName,
  type RequestSpec,
  type ValueType,
} from './schema.js';
import { peerTransportSpecs } from './transports.js';

const levelNames = ['OK', 'INFO', 'WARNING', 'CRITICAL'] as const;

/** The helpers expressions may call that src/delivery/wire.ts exports (the others are globals). */
const wireHelperNames = helperNames.filter((h) => h !== 'String' && h !== 'Number');

export function pascal(name: string): string {
  const c = camelKey(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** An object key as written in TS: `room` or `'chat-id'`. */
export function tsKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name}'`;
}

const lit = (v: unknown): string => JSON.stringify(v);

export interface FieldLine {
  name: string;
  key: string;
  /** the field builder call, e.g. `string('', "Channel")` */
  builder: string;
}

export interface DocRow {
  name: string;
  type: string;
  /** Markdown cells */
  defaultCode: string;
  descriptionCell: string;
}

export interface MethodLine {
  method: string;
  /** the handler-property helper call */
  helper: string;
}

export interface KindView {
  kind: string;
  Kind: string;
  apiKind: string;
  specFile: string;
  summary: string;
  summaryLiteral: string;
  envName: string;
  source: string;
  isList: boolean;
  listKey: string;
  listKeyAccess: string;
  defaultFlag: string;
  hasDefaultFlag: boolean;
  listDefaults: string;
  sectionTitle: string;
  configFields: FieldLine[];
  configImports: string;
  requiredChecks: Array<{ key: string; access: string; empty: string }>;
  hasRequired: boolean;
  optionFields: FieldLine[];
  optionImports: string;
  hasTick: boolean;
  tickProperty: string;
  tickArgs: string;
  tickOptional: number;
  tickVariadic: boolean;
  tickInit: string;
  tickMethods: MethodLine[];
  tickImports: string;
  levels: string;
  hasLevels: boolean;
  hasResolve: boolean;
  resolveLines: Array<{ key: string; expr: string }>;
  resolveUsesConfig: boolean;
  resolveUsesData: boolean;
  /** `eventTemplateData(event)`, or `templateFields(event, [...])` for reduced data */
  templateDataCall: string;
  templateDataImport: string;
  requestParams: string;
  requestBody: string;
  /** `WireRequest`, or `PeerRequest<'mqtt'>` for a kind with a connection */
  requestType: string;
  /** how send<Kind> sends the request: `deliver(...)` or `service.peers.send(...)` */
  sendCall: string;
  /** smtp, mqtt, snmptrap, kafka: the kind keeps a connection per enabled element */
  isPeer: boolean;
  peerTransport: string;
  peerConnectionDoc: string;
  /** the options a service test needs beyond the defaults, as a JSON body */
  testExampleJSON: string;
  settingsLines: Array<{ key: string; expr: string }>;
  /** the element key of a config element (`c.name`), '' for a section */
  peerEntryKey: string;
  handlerImports: string[];
  hasModule: boolean;
  moduleImport: string;
  /** What a disabled service answers, as a string literal. */
  disabledMessage: string;
  selectsElement: boolean;
  selectKey: string;
  selectAccess: string;
  testOptionFields: FieldLine[];
  testOptionImports: string;
  testDefaults: Array<{ key: string; expr: string }>;
  testDefaultsUseConfig: boolean;
  testRunUsesConfig: boolean;
  testWireImports: string;
  /** `entry` is the object member as written: `key: expr`, or `...expr` */
  testStateLines: Array<{ key: string; expr: string; entry: string }>;
  testDataLines: Array<{ key: string; expr: string; entry: string }>;
  /** the test event's topic (teams), '' for none */
  testTopic: string;
  testHandlerOptions: Array<{ key: string; expr: string }>;
  serviceImports: string[];
  configDocs: DocRow[];
  optionDocs: DocRow[];
  tickDocs: Array<{ call: string; sets: string }>;
  requestDocs: string[];
  exampleToml: string;
  exampleYaml: string;
  exampleTick: string;
  testTable: string;
}

export function kindView(spec: KindSpec): KindView {
  const kind = spec.kind;
  const Kind = pascal(kind);
  const configFields = spec.config?.fields ?? [];
  const list = spec.config?.list;
  const scope = scopeOf(spec);
  const compile = (expr: string, s: ExprScope = scope) => compileExpr(expr, s);

  // ---- config ----
  const inHeaders = headerFields(spec);
  const headerChecked = (line: FieldLine, f: { type: ValueType }, set: Set<string>) =>
    set.has(line.name) && (f.type === 'string' || f.type === 'url')
      ? { ...line, builder: `headerSafe(${line.builder})` }
      : line;
  const configLines = configFields.map((f) => headerChecked(fieldLine(f, false), f, inHeaders.config)); // prettier-ignore
  const required = configFields.filter((f) => f.required === 'when-enabled');

  // ---- options ----
  const optionLines = spec.options.map((o) => headerChecked(fieldLine(o, true, false, o.required === true), o, inHeaders.options)); // prettier-ignore
  const selects = spec.options.find((o) => o.selects === 'element');

  // ---- TICKscript ----
  const tickMethods: MethodLine[] = [];
  if (spec.tick) {
    for (const o of spec.options) {
      if (o.tick === false) continue;
      const method =
        o.tick === undefined
          ? camelKey(o.name)
          : typeof o.tick === 'string'
            ? o.tick
            : o.tick.method;
      tickMethods.push({ method, helper: methodHelper(o) });
    }
    for (const m of spec.tick.extra ?? []) {
      if ('sets' in m) {
        const target = spec.options.find((o) => o.name === m.sets)!;
        tickMethods.push({ method: m.method, helper: methodHelper(target) });
      } else {
        tickMethods.push({ method: m.method, helper: `ignored(${m.ignore.map(lit).join(', ')})` });
      }
    }
  }
  const tickArgs = (spec.tick?.args ?? []).map((a) => spec.options.find((o) => o.name === a)!);
  const tickInit = tickInitCode(tickArgs, spec.tick?.variadic ?? false);

  // ---- per-event option resolution: config fallbacks, then templates ----
  const templates = spec.templates ?? 'event';
  const templateFn =
    typeof templates === 'object'
      ? 'templateFields'
      : {
          'alert-data': 'alertDataTemplateData',
          'event-data': 'eventDataTemplateData',
          event: 'eventTemplateData',
        }[templates];
  const templateDataCall =
    typeof templates === 'object'
      ? `templateFields(event, ${lit(templates.fields)})`
      : `${templateFn}(event)`;
  const resolveLines: Array<{ key: string; expr: string }> = [];
  for (const o of spec.options) {
    if (o.fallback === undefined && !o.template) continue;
    const own = access('options', o.name);
    let expr = own;
    if (o.fallback !== undefined) expr = fallbackExpr(o.type, own, access('config', o.fallback));
    if (o.template) expr = renderExpr(o, expr);
    resolveLines.push({ key: tsKey(o.name), expr });
  }

  // ---- the request ----
  const peer = peerTransportOf(spec);
  const requestBody = requestCode(spec, compile);
  const usedRoots = (root: string) => new RegExp(`\\b${root}[.[]`).test(requestBody);
  const requestParams = [
    `${usedRoots('config') ? 'config' : '_config'}: ${Kind}Config`,
    `${usedRoots('options') ? 'options' : '_options'}: ${Kind}Options`,
    `${usedRoots('event') ? 'event' : '_event'}: EventFields`,
    `${usedRoots('host') ? 'host' : '_host'}: HostInfo`,
  ].join(', ');
  const settingsLines = Object.entries(spec.connection ?? {}).map(([key, expr]) => ({
    key: tsKey(key),
    expr: compile(expr, { ...scope, roots: new Set(['config']) }),
  }));
  const settingsCode = settingsLines.map((l) => l.expr).join('\n');
  const always = peer ? ['eventFields'] : ['deliver', 'eventFields'];
  const wireHelpers = [
    ...new Set([...always, ...wireHelperNames, 'omitEmpty', 'renderTemplate', 'renderTemplates', 'renderTemplateValues']),
  ].filter((h) => always.includes(h) || new RegExp(`\\b${h}\\(`).test([requestBody, settingsCode, ...resolveLines.map((l) => l.expr)].join('\n'))); // prettier-ignore
  const usesTemplates = resolveLines.some((l) => l.expr.includes('render'));
  if (usesTemplates && templateFn === 'templateFields') wireHelpers.push('templateFields');
  const handlerImports = [
    `import { ${[...wireHelpers, 'type EventFields', 'type HostInfo', ...(peer ? [] : ['type WireRequest'])].join(', ')} } from '../../delivery/wire.js';`,
  ];
  if (peer) {
    handlerImports.push(
      "import type { PeerRequest, PeerSettings } from '../../delivery/peers.js';",
    );
  }
  const requestCall = `${kind}Request(config, ${resolveLines.length > 0 ? 'resolved' : 'options'}, eventFields(event), service.host)`;
  const peerKey = list ? access('config', list.key) : "''";
  const gojson = ['goEncode', 'goMarshal'].filter((f) => requestBody.includes(`${f}(`));
  if (gojson.length > 0)
    handlerImports.push(`import { ${gojson.join(', ')} } from '../../common/gojson.js';`);
  if (requestBody.includes('encodeForm('))
    handlerImports.push("import { encodeForm } from '../../delivery/form.js';");

  // ---- the service test ----
  const test = spec['service-test'];
  const testScope: ExprScope = { ...scopeOf(spec, true), options: new Map() };
  const testNames = { names: { test: 'test' } };
  const testOptionLines = test.options.map((o) => {
    const line = fieldLine(
      {
        name: o.name,
        type: o.type === 'duration' ? 'string' : o.type,
        description: `Test option ${o.name}`,
        ...(o.fields ? { fields: o.fields } : {}),
        ...(o.secret ? { secret: true } : {}),
      },
      true,
      true,
    );
    return o.nullable ? { ...line, builder: `${line.builder}.nullable()` } : line;
  });
  const stateKeys = ['id', 'message', 'details', 'level', 'time', 'duration'];
  const testState: Array<{ key: string; expr: string }> = [];
  const testData: Array<{ key: string; expr: string }> = [];
  let testTopic = '';
  for (const [k, v] of Object.entries(test.event)) {
    let expr = compile(v, { ...testScope, ...testNames });
    if (k === 'topic') {
      testTopic = expr;
      continue;
    }
    if (k === 'level') expr = `levelOf(${expr})`;
    if (k === 'time') expr = `timeOf(${expr})`;
    if (k === 'duration') expr = `BigInt(${expr})`;
    if (stateKeys.includes(k)) testState.push({ key: k, expr });
    // `...`: the whole event data from one expression, the other keys after it.
    else if (k === '...') testData.unshift({ key: '...', expr: `...${expr}` });
    else testData.push({ key: k === 'data' ? 'result' : k, expr });
  }
  const entryCode = (e: { key: string; expr: string }) =>
    e.key === '...' ? e.expr : `${e.key}: ${e.expr}`;

  const configDocs = configFields.map((f) => docRow(f));
  const templateData = {
    event: 'the alert (.ID, .Message, .Level, .Tags, .Fields, ...)',
    'alert-data': 'the alert data (.ID, .Message, .Details, .Level, .Data, ...)',
    'event-data': 'the event data (.Name, .TaskName, .Group, .Tags, .Fields, ...)',
  };
  const templateDoc =
    typeof templates === 'object'
      ? `the alert's ${templates.fields.map((f) => `.${f}`).join(', ')}`
      : templateData[templates];
  const optionDocs = spec.options.map((o) => docRow(o, o, templateDoc));
  const view: KindView = {
    kind,
    Kind,
    apiKind: spec['api-kind'] ?? kind,
    specFile: spec.file,
    summary: spec.summary,
    summaryLiteral: lit(spec.summary),
    envName: kind.toUpperCase(),
    source: spec.source ?? '',
    isList: list !== undefined,
    listKey: list?.key ?? '',
    listKeyAccess: list ? access('', list.key).slice(0) : '',
    defaultFlag: list?.['default-flag'] ?? '',
    hasDefaultFlag: list?.['default-flag'] !== undefined,
    listDefaults: lit([list?.element ?? {}]),
    sectionTitle: list ? `[[${kind}]]` : `[${kind}]`,
    configFields: configLines,
    configImports: importList(configLines),
    requiredChecks: required.map((f) => ({
      key: f.name,
      access: access('c', f.name),
      empty: emptyCheck(f.type, access('c', f.name)),
    })),
    hasRequired: required.length > 0,
    optionFields: optionLines,
    optionImports: importList(optionLines),
    hasTick: spec.tick !== undefined,
    tickProperty: spec.tick?.property ?? '',
    tickArgs: lit(tickArgs.map((o) => tickArgType(o.type))),
    tickOptional: spec.tick?.optional ?? 0,
    tickVariadic: spec.tick?.variadic ?? false,
    tickInit,
    tickMethods,
    tickImports: [
      'defineTickHandler',
      ...new Set(tickMethods.map((m) => m.helper.split('(')[0]!)),
      ...(tickMethods.some((m) => m.helper.includes('durationToNs')) ? ['durationToNs'] : []),
    ]
      .filter((v, i, a) => a.indexOf(v) === i)
      .sort()
      .join(', '),
    levels: levelsCode(spec.levels ?? {}),
    hasLevels: Object.keys(spec.levels ?? {}).length > 0,
    hasResolve: resolveLines.length > 0,
    resolveLines,
    resolveUsesConfig: resolveLines.some((l) => /\bconfig[.[]/.test(l.expr)),
    resolveUsesData: usesTemplates,
    templateDataCall,
    templateDataImport:
      usesTemplates && templateFn !== 'templateFields'
        ? `import { ${templateFn} } from '../../alert/template-data.js';`
        : '',
    requestParams,
    requestBody,
    requestType: peer ? `PeerRequest<'${peer}'>` : 'WireRequest',
    sendCall: peer
      ? `service.peers.send(${peerKey}, ${requestCall}, { signal, key: event })`
      : `deliver(${requestCall}, signal)`,
    isPeer: peer !== undefined,
    peerTransport: peer ?? '',
    peerConnectionDoc: peer ? peerTransportSpecs[peer].connection : '',
    testExampleJSON: JSON.stringify(test.example ?? {}),
    settingsLines,
    peerEntryKey: list ? access('c', list.key) : "''",
    handlerImports,
    hasModule: spec.module !== undefined,
    moduleImport: spec.module
      ? `import * as payload from './${spec.module.replace(/\.ts$/, '.js')}';`
      : '',
    disabledMessage: lit(disabledMessage(spec)),
    selectsElement: selects !== undefined,
    selectKey: selects?.name ?? '',
    selectAccess: selects ? access('options', selects.name) : '',
    testOptionFields: testOptionLines,
    testOptionImports: importList(testOptionLines),
    testDefaults: test.options.map((o) => ({
      key: tsKey(o.name),
      expr: compile(o.default, { ...scope, options: new Map() }),
    })),
    testDefaultsUseConfig: false,
    testRunUsesConfig: false,
    testWireImports: '',
    testTopic,
    testStateLines: testState.map((e) => ({ ...e, entry: entryCode(e) })),
    testDataLines: testData.map((e) => ({ ...e, entry: entryCode(e) })),
    testHandlerOptions: Object.entries(test['handler-options']).map(([k, v]) => ({
      key: tsKey(k),
      expr: compile(v, { ...testScope, ...testNames }),
    })),
    serviceImports: [],
    configDocs,
    optionDocs,
    tickDocs: tickMethods.map((m) => ({ call: `.${m.method}()`, sets: m.helper })),
    requestDocs: spec.requests.map(requestDoc),
    exampleToml: exampleToml(spec),
    exampleYaml: exampleYaml(spec),
    exampleTick: exampleTick(spec),
    testTable: testTable(spec),
  };
  const usesConfig = (exprs: Array<{ expr: string }>) =>
    exprs.some((e) => /\bconfig[.[]/.test(e.expr));
  view.testDefaultsUseConfig = usesConfig(view.testDefaults);
  const runExprs = [
    ...(testTopic ? [{ expr: testTopic }] : []),
    ...view.testStateLines,
    ...view.testDataLines,
    ...view.testHandlerOptions,
  ];
  view.testRunUsesConfig = usesConfig(runExprs);
  const testCode = [...runExprs, ...view.testDefaults].map((e) => e.expr).join('\n');
  view.testWireImports = [
    ...['levelOf', 'timeOf', ...wireHelperNames].filter((h) =>
      new RegExp(`\\b${h}\\(`).test(testCode),
    ),
    'type HostInfo',
  ].join(', ');
  return view;
}

// ---- fields ----

function zero(type: ValueType): unknown {
  switch (baseType(type)) {
    case 'bool':
      return false;
    case 'int':
    case 'float':
      return 0;
    case 'duration':
      return '0s';
    case 'string-list':
    case 'object-list':
      return [];
    case 'string-map':
    case 'map':
      return {};
    case 'level-map':
      return { ok: '', info: '', warning: '', critical: '' };
    default:
      return '';
  }
}

/** Go duration text → nanoseconds. */
export function durationNs(text: string): number {
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

type FieldLike = Pick<ConfigFieldSpec, 'name' | 'type' | 'description'> &
  Partial<
    Pick<OptionSpec, 'default' | 'secret' | 'enum' | 'case-insensitive' | 'fields' | 'template'>
  >;

function fieldLine(f: FieldLike, forOption: boolean, plain = false, mustSet = false): FieldLine {
  const desc = lit(f.description);
  const def = f.default ?? zero(f.type);
  let call: string;
  const type = plain ? baseType(f.type) : f.type;
  const rules = (extra: Record<string, boolean>) => {
    const set = Object.entries(extra).filter(([, v]) => v !== undefined);
    return set.length === 0 ? '' : `, { ${set.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  };
  switch (type) {
    case 'string':
      call = f.enum
        ? `oneOf(${lit(f.enum)}, ${lit(def)}, ${desc}${f['case-insensitive'] ? ', { caseInsensitive: true }' : ''})`
        : f.secret
          ? `secret(${lit(def)}, ${desc})`
          : `string(${lit(def)}, ${desc})`;
      break;
    case 'url':
      call = plain
        ? f.secret
          ? `secret(${lit(def)}, ${desc})`
          : `string(${lit(def)}, ${desc})`
        : `httpURL(${lit(def)}, ${desc}${f.template ? ', { template: true }' : f.secret ? ', { secret: true }' : ''})`;
      break;
    case 'address':
      call = plain ? `string(${lit(def)}, ${desc})` : `hostPort(${lit(def)}, ${desc})`;
      break;
    case 'bool':
      call = `bool(${lit(def)}, ${desc})`;
      break;
    case 'int':
      call = `int(${lit(def)}, ${desc})`;
      break;
    case 'float':
      call = `float(${lit(def)}, ${desc})`;
      break;
    case 'duration':
      call = forOption
        ? `nanoseconds(${durationNs(String(def))}, ${desc})`
        : `duration(${lit(def)}, ${desc})`;
      break;
    case 'string-list':
      call = `stringList(${lit(def)}, ${desc})`;
      break;
    case 'string-map':
      call = f.secret
        ? `secretObject(stringMap(${lit(def)}, ${desc}), ${desc})`
        : `stringMap(${lit(def)}, ${desc})`;
      break;
    case 'map':
      call = `jsonMap(${lit(def)}, ${desc})`;
      break;
    case 'object-list':
      call = `objectList(${lit(f.type === 'snmp-data-list' ? snmpDataMembers : (f.fields ?? []))}, ${lit(def)}, ${desc})`;
      break;
    case 'level-map':
      call = `levelMap(${lit(def)}, ${desc})`;
      break;
    case 'hostname':
      call = `hostName(${lit(def)}, ${desc})`;
      break;
    case 'port':
      call = `port(${lit(def)}, ${desc})`;
      break;
    case 'email':
      call = `email(${lit(def)}, ${desc}${mustSet ? rules({ required: true }) : ''})`;
      break;
    case 'email-list':
      call = `emailList(${lit(def)}, ${desc})`;
      break;
    case 'mqtt-url':
      call = `mqttURL(${lit(def)}, ${desc})`;
      break;
    case 'mqtt-topic':
      call = `mqttTopic(${lit(def)}, ${desc}${rules({ required: mustSet, template: f.template === true })})`;
      break;
    case 'mqtt-qos':
      call = `mqttQoS(${lit(def)}, ${desc})`;
      break;
    case 'snmp-oid':
      call = `snmpOID(${lit(def)}, ${desc}${mustSet ? rules({ required: true }) : ''})`;
      break;
    case 'snmp-data-list':
      call = `snmpDataList(${desc})`;
      break;
    case 'broker-list':
      // Empty is allowed for a disabled element; `required: when-enabled` refuses it otherwise.
      call = `brokerList(${lit(def)}, ${desc}, { allowEmpty: true })`;
      break;
    case 'kafka-partition-algorithm':
      call = `kafkaPartitionAlgorithm(${lit(def)}, ${desc})`;
      break;
  }
  if (
    mustSet &&
    ['string', 'url', 'hostname', 'mqtt-url', 'kafka-partition-algorithm'].includes(type)
  )
    call = `nonEmpty(${call})`;
  if (f.template && f.type !== 'url') call = `templated(${call})`;
  return { name: f.name, key: tsKey(f.name), builder: call };
}

/**
 * The options and config fields a request sends in a header (directly, or an option's config
 * fallback): their values are refused with CR, LF or other control characters when set, never
 * at delivery time.
 */
function headerFields(spec: KindSpec): { options: Set<string>; config: Set<string> } {
  const options = new Set<string>();
  const config = new Set<string>();
  const byCamel = (fields: Array<{ name: string }>) =>
    new Map(fields.map((f) => [camelKey(f.name), f.name]));
  const optionNames = byCamel(spec.options);
  const configNames = byCamel(spec.config?.fields ?? []);
  for (const r of spec.requests) {
    for (const expr of Object.values(r.headers ?? {})) {
      for (const m of expr.matchAll(/\b(options|config)\.([A-Za-z0-9_]+)/g)) {
        const name = (m[1] === 'options' ? optionNames : configNames).get(m[2]!);
        if (name !== undefined) (m[1] === 'options' ? options : config).add(name);
      }
    }
  }
  for (const o of spec.options) {
    if (options.has(o.name) && o.fallback !== undefined) config.add(o.fallback);
  }
  return { options, config };
}

function importList(lines: FieldLine[]): string {
  const names = new Set<string>();
  for (const l of lines)
    for (const m of l.builder.matchAll(/(?<![.\w])([a-zA-Z]+)\(/g)) names.add(m[1]!);
  return [...names].sort().join(', ');
}

function emptyCheck(type: ValueType, expr: string): string {
  const base = baseType(type);
  if (base === 'string-list' || base === 'object-list') return `${expr}.length === 0`;
  if (base === 'int' || base === 'float' || base === 'duration') return `${expr} === 0`;
  return `${expr} === ''`;
}

function access(root: string, key: string): string {
  if (root === '') return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${lit(key)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${root}.${key}` : `${root}[${lit(key)}]`;
}

// ---- TICKscript ----

function tickArgType(type: ValueType): string {
  switch (baseType(type)) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'duration':
      return 'duration';
    default:
      return 'string';
  }
}

function methodHelper(o: OptionSpec): string {
  const key = lit(o.name);
  const t = typeof o.tick === 'object' ? o.tick : undefined;
  if (t?.push) return `pushObject(${key}, ${lit(t.push)}, ${t.optional ?? 0})`;
  // A `map` holds any JSON value, so its entry method takes any value (Go's interface{}).
  const entry = o.type === 'map' ? `mapEntry(${key}, 'any')` : `mapEntry(${key})`;
  if (t?.entry) return entry;
  if (t?.append) return `appendList(${key})`;
  if (t?.['value-arg']) return `setOption(${key}, 'bool')`;
  switch (baseType(o.type)) {
    case 'bool':
      return `flag(${key})`;
    case 'string-list':
      return `stringList(${key})`;
    case 'string-map':
    case 'map':
      return entry;
    case 'duration':
      return `setOption(${key}, 'duration', durationToNs)`;
    case 'int':
      return `setOption(${key}, 'int', Number)`;
    case 'float':
      return `setOption(${key}, 'float')`;
    default:
      return `setOption(${key}, 'string')`;
  }
}

function tickInitCode(args: OptionSpec[], variadic: boolean): string {
  if (args.length === 0) return '() => ({})';
  const names = args.map((o) => camelKey(o.name));
  const conv = (o: OptionSpec, v: string) =>
    o.type === 'int' || o.type === 'duration' || o.type === 'float'
      ? `Number(${v})`
      : o.type === 'bool'
        ? v
        : `String(${v})`;
  if (variadic) {
    const last = args.at(-1)!;
    const fixed = args.slice(0, -1);
    const head = fixed.map((o, i) => `${tsKey(o.name)}: ${conv(o, `args[${i}]`)}`);
    const tail = `${tsKey(last.name)}: args.slice(${fixed.length}).map(String)`;
    return `(args) => ({ ${[...head, tail].join(', ')} })`;
  }
  const entries = args.map(
    (o, i) => `...(${names[i]} === undefined ? {} : { ${tsKey(o.name)}: ${conv(o, names[i]!)} })`,
  );
  return `([${names.join(', ')}]) => ({ ${entries.join(', ')} })`;
}

// ---- resolution ----

function fallbackExpr(type: ValueType, own: string, config: string): string {
  const base = baseType(type);
  if (base === 'string-list' || base === 'object-list')
    return `${own}.length > 0 ? ${own} : ${config}`;
  if (base === 'string-map' || base === 'map')
    return `Object.keys(${own}).length > 0 ? ${own} : ${config}`;
  return `${own} || ${config}`;
}

function renderExpr(o: OptionSpec, value: string): string {
  const name = lit(o.name);
  switch (baseType(o.type)) {
    case 'map':
      // Kapacitor renders the string values; nested ones go out as given.
      return `renderTemplateValues(${name}, ${value}, data)`;
    case 'string-list':
    case 'string-map':
    case 'object-list':
      return `renderTemplates(${name}, ${value}, data)`;
    default:
      return `renderTemplate(${name}, ${value}, data)`;
  }
}

// ---- the request ----

function levelsCode(levels: Record<string, Partial<Record<string, unknown>>>): string {
  const tables = Object.entries(levels).map(
    ([name, table]) =>
      `  ${tsKey(name)}: { ${levelNames.map((l) => `${l}: ${lit(table[l])}`).join(', ')} },`,
  );
  return `{\n${tables.join('\n')}\n}`;
}

function requestCode(spec: KindSpec, compile: (e: string) => string): string {
  const lines: string[] = [];
  if (spec.refuse) {
    lines.push(
      `if (${compile(spec.refuse.when)}) {`,
      `  throw new DeliveryError('protocol', ${compile(spec.refuse.message)}, { retryable: false });`,
      '}',
    );
  }
  spec.requests.forEach((r) => {
    const object = requestObject(r, compile);
    if (r.when !== undefined) lines.push(`if (${compile(r.when)}) {`, `  return ${object};`, '}');
    else lines.push(`return ${object};`);
  });
  return lines.join('\n');
}

/** The transport of a kind that keeps a connection (smtp, mqtt, snmptrap, kafka), if it is one. */
export function peerTransportOf(spec: KindSpec): PeerTransportName | undefined {
  const t = spec.requests[0]?.transport;
  return (peerTransports as readonly string[]).includes(t ?? '')
    ? (t as PeerTransportName)
    : undefined;
}

function requestObject(r: RequestSpec, compile: (e: string) => string): string {
  const peer = (peerTransports as readonly string[]).includes(r.transport ?? '')
    ? (r.transport as PeerTransportName)
    : undefined;
  if (peer) {
    // The members in the order the transport lists them (load.ts checked they are all given).
    const members = Object.keys(peerTransportSpecs[peer].message).map(
      (m) => `${tsKey(m)}: ${compile(r.message![m]!)}`,
    );
    return `{ transport: '${peer}', ${members.join(', ')} }`;
  }
  const body = r.body
    ? bodyCode(r.body.encoding, r.body.sort ?? false, r.body.value, compile)
    : "''";
  if ((r.transport ?? 'http') === 'tcp') {
    const reply = r.reply !== undefined ? `, reply: ${compile(r.reply)}` : '';
    return `{ transport: 'tcp', address: ${compile(r.address!)}, body: ${body}${reply} }`;
  }
  const headers = Object.entries(r.headers ?? {})
    .map(([k, v]) => `${tsKey(k)}: ${compile(v)}`)
    .join(', ');
  const parts = [
    "transport: 'http'",
    `method: '${r.method ?? 'POST'}'`,
    `url: ${compile(r.url!)}`,
    `headers: { ${headers} }`,
    `body: ${body}`,
    `success: ${lit(r.success ?? [])}`,
    ...(r.error !== undefined ? [`errorField: ${lit(r.error)}`] : []),
  ];
  return `{ ${parts.join(', ')} }`;
}

function bodyCode(
  encoding: string,
  sort: boolean,
  shape: BodyShape,
  compile: (e: string) => string,
): string {
  const value = shapeCode(shape, sort, compile);
  switch (encoding) {
    case 'json':
      return `goEncode(${value})`;
    case 'json-marshal':
    case 'json-compact':
      return `goMarshal(${value})`;
    case 'form':
      return `encodeForm(${value})`;
    default:
      return value;
  }
}

/**
 * A body shape as code. `sort` makes the top-level object a Go map (keys sorted at run time);
 * nested objects are Go structs, written in the order the spec gives.
 */
function shapeCode(shape: BodyShape, sort: boolean, compile: (e: string) => string): string {
  if (typeof shape === 'string') return compile(shape);
  if (shape === null || typeof shape !== 'object') return lit(shape);
  if (Array.isArray(shape)) return `[${shape.map((s) => shapeCode(s, false, compile)).join(', ')}]`;
  const members = Object.entries(shape).map(([key, value]) => {
    if (key === '...') return `...${shapeCode(value, false, compile)}`;
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    const code = shapeCode(value, false, compile);
    return `${tsKey(name)}: ${optional ? `omitEmpty(${code})` : code}`;
  });
  const object = `{ ${members.join(', ')} }`;
  return sort ? `goMap(${object})` : object;
}

function requestDoc(r: RequestSpec): string {
  const transport = r.transport ?? 'http';
  if ((peerTransports as readonly string[]).includes(transport)) {
    return peerTransportSpecs[transport as PeerTransportName].describe(r.message ?? {});
  }
  const when = r.when !== undefined ? ` when \`${r.when}\`` : '';
  if (transport === 'tcp')
    return `TCP to \`${r.address}\`${when}${r.reply ? `, reply must be ${r.reply}` : ''}`;
  const success = r.success && r.success.length > 0 ? r.success.join(' or ') : 'any 2xx';
  return `${r.method ?? 'POST'} \`${r.url}\`${when} (${r.body?.encoding ?? 'no'} body; success: ${success})`;
}

// ---- docs ----

function docRow(f: ConfigFieldSpec | OptionSpec, option?: OptionSpec, templateDoc = ''): DocRow {
  const extras: string[] = [];
  if (f.secret) extras.push('secret: redacted in the API, logs and `condenser config`');
  if (option?.fallback) extras.push(`default: the configured \`${option.fallback}\``);
  if (option?.template) extras.push(`a Go template over ${templateDoc}`);
  if (f.enum) extras.push(`one of ${f.enum.map((e) => `\`${e}\``).join(', ')}`);
  if (option?.required) extras.push('required');
  else if ('required' in f && f.required) extras.push('required when enabled');
  return {
    name: f.name,
    type: f.type,
    defaultCode: mdCode(lit(f.default ?? (f.type === 'duration' ? '0s' : zero(f.type)))),
    descriptionCell: mdCell([f.description, ...extras].join('; ')),
  };
}

// ---- examples (docs and tests) ----

/** An example value of a field, as the generated docs and tests use it. */
export function exampleValue(
  f: {
    name: string;
    type: ValueType;
    example?: unknown;
    alternative?: unknown;
    enum?: string[];
    fields?: string[];
  },
  alt = false,
  forOption = false,
): unknown {
  if (f.example !== undefined && !alt) return f.example;
  if (f.alternative !== undefined && alt) return f.alternative;
  // Handler options carry durations as integer nanoseconds, the config as Go strings.
  if (f.type === 'duration' && forOption) return alt ? 20_000_000_000 : 10_000_000_000;
  // A bool's alternative is the opposite of its example (telegram's config flags are OR-ed
  // with the handler's, so their example is false).
  if (f.type === 'bool' && typeof f.example === 'boolean') return !f.example;
  if (f.enum && f.enum.length > 0) return f.enum[alt ? 1 % f.enum.length : 0];
  const suffix = alt ? 'b' : 'a';
  switch (f.type) {
    case 'string':
      return `${f.name}-${suffix}`;
    case 'url':
      return `https://${f.name}.example.com/${suffix}`;
    case 'address':
      return alt ? '127.0.0.2:7777' : '127.0.0.1:7777';
    case 'bool':
      return !alt;
    case 'int':
      return alt ? 7 : 3;
    case 'float':
      return alt ? 2.5 : 1.5;
    case 'duration':
      return alt ? '20s' : '10s';
    case 'string-list':
      return alt ? ['y'] : ['x', 'w'];
    case 'string-map':
    case 'map':
      return alt ? { k: 'w' } : { k: 'v' };
    case 'object-list':
      return [Object.fromEntries((f.fields ?? []).map((m) => [m, `${m}-${suffix}`]))];
    case 'level-map':
      return Object.fromEntries(
        ['ok', 'info', 'warning', 'critical'].map((l) => [l, `${l}-${suffix}`]),
      );
    case 'hostname':
      return alt ? '127.0.0.2' : '127.0.0.1';
    case 'port':
      return alt ? 2526 : 2525;
    case 'email':
      return `${f.name}-${suffix}@example.com`;
    case 'email-list':
      return alt ? ['y@example.com'] : ['x@example.com', 'w@example.com'];
    case 'mqtt-url':
      return alt ? 'tcp://127.0.0.2:1883' : 'tcp://127.0.0.1:1883';
    case 'mqtt-topic':
      return `${f.name}-${suffix}`;
    case 'mqtt-qos':
      return alt ? 2 : 1;
    case 'snmp-oid':
      return alt ? '1.3.6.1.4.1.2' : '1.3.6.1.4.1.1';
    case 'snmp-data-list':
      return alt
        ? [{ oid: '1.3.6.1.4.1.2.1', type: 'i', value: '7' }]
        : [{ oid: '1.3.6.1.4.1.1.1', type: 's', value: 'value-a' }];
    case 'broker-list':
      return alt ? ['127.0.0.2:9092'] : ['127.0.0.1:9092'];
    case 'kafka-partition-algorithm':
      return alt ? 'murmur2' : 'crc32';
  }
}

/** An option's example as the API takes it: durations are integer nanoseconds there. */
function optionExample(o: OptionSpec, alt = false): unknown {
  const v = exampleValue(o, alt);
  return o.type === 'duration' && typeof v === 'string' ? durationNs(v) : v;
}

function tomlValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z0-9_-]+$/.test(k) ? k : lit(k)} = ${tomlValue(x)}`)
      .join(', ')} }`;
  }
  return lit(v);
}

function exampleToml(spec: KindSpec): string {
  const fields = spec.config?.fields ?? [];
  const header = spec.config?.list ? `[[${spec.kind}]]` : `[${spec.kind}]`;
  const lines = [header, '  enabled = true'];
  for (const f of fields) {
    if (f.name === 'enabled') continue;
    const destination = ['url', 'hostname', 'port', 'mqtt-url', 'broker-list', 'address'];
    if (
      f.required ||
      f.secret ||
      destination.includes(f.type) ||
      f.name === spec.config?.list?.key
    ) {
      lines.push(`  ${f.name} = ${tomlValue(exampleValue(f))}`);
    }
  }
  return lines.join('\n');
}

function exampleYaml(spec: KindSpec): string {
  const lines = [`topic: cpu`, `id: ${spec.kind}`, `kind: ${spec['api-kind'] ?? spec.kind}`];
  const opts = spec.options.filter((o) => o.selects !== 'element').slice(0, 3);
  if (opts.length > 0) {
    lines.push('options:');
    for (const o of opts) lines.push(`  ${o.name}: ${lit(optionExample(o))}`);
  }
  return lines.join('\n');
}

function exampleTick(spec: KindSpec): string {
  if (!spec.tick) return '';
  const args = (spec.tick.args ?? []).map((a) => {
    const o = spec.options.find((x) => x.name === a)!;
    return tickLiteral(exampleValue(o));
  });
  // A required option that is not an argument is set by its method, so the example runs.
  const chained: string[] = [];
  for (const o of spec.options) {
    if (o.required !== true || o.tick === false || (spec.tick.args ?? []).includes(o.name))
      continue;
    const method =
      o.tick === undefined ? camelKey(o.name) : typeof o.tick === 'string' ? o.tick : o.tick.method;
    chained.push(`.${method}(${tickLiteral(exampleValue(o))})`);
  }
  return `.${spec.tick.property}(${args.join(', ')})${chained.join('')}`;
}

function tickLiteral(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return v.map(tickLiteral).join(', ');
  return String(v);
}

// ---- the generated test's table ----

function testTable(spec: KindSpec): string {
  const fields = spec.config?.fields ?? [];
  const list = spec.config?.list;
  const request = spec.requests.at(-1)!;
  const table = {
    kind: spec.kind,
    apiKind: spec['api-kind'] ?? spec.kind,
    tick: spec.tick?.property ?? null,
    transport: request.transport ?? 'http',
    listKey: list?.key ?? null,
    defaultFlag: list?.['default-flag'] ?? null,
    secrets: fields.filter((f) => f.secret).map((f) => f.name),
    required: fields.filter((f) => f.required).map((f) => f.name),
    config: fields
      .filter((f) => f.name !== 'enabled')
      .map((f) => ({
        name: f.name,
        type: f.type,
        example: exampleValue(f),
        alternative: exampleValue(f, true),
        effect: effectOf(f.effect),
      })),
    options: spec.options.map((o) => ({
      name: o.name,
      type: o.type,
      example: optionExample(o),
      alternative: optionExample(o, true),
      fallback: o.fallback ?? null,
      selects: o.selects === 'element',
      required: o.required === true,
      tickValueArg: typeof o.tick === 'object' && o.tick['value-arg'] === true,
      tick:
        o.tick === false || !spec.tick
          ? null
          : o.tick === undefined
            ? camelKey(o.name)
            : typeof o.tick === 'string'
              ? o.tick
              : o.tick.method,
      effect: effectOf(o.effect),
    })),
    tickArgs: spec.tick?.args ?? [],
    testOptions: spec['service-test'].options.map((o) => o.name),
    testExample: spec['service-test'].example ?? {},
    connection: connectionFields(spec),
    success: request.success?.[0] ?? 200,
    reply: request.reply !== undefined ? stringLiteral(request.reply) : null,
    disabledMessage: disabledMessage(spec),
    headerOptions: [...headerFields(spec).options],
    headerConfig: [...headerFields(spec).config],
  };
  return JSON.stringify(table, null, 2);
}

/** Connection setting → the config field it is read from (`community` → `community`), where one is. */
function connectionFields(spec: KindSpec): Record<string, string> {
  const byCamel = new Map((spec.config?.fields ?? []).map((f) => [camelKey(f.name), f.name]));
  const out: Record<string, string> = {};
  for (const [setting, expr] of Object.entries(spec.connection ?? {})) {
    const m = /^(?:\w+\()?config\.([A-Za-z0-9_]+)\)?$/.exec(expr.trim());
    const field = m ? byCamel.get(m[1]!) : undefined;
    if (field !== undefined) out[setting] = field;
  }
  return out;
}

function disabledMessage(spec: KindSpec): string {
  return spec['disabled-message'] ?? 'service is not enabled';
}

/** What the generated test checks of a field: the request changes (for events of a level), or nothing (with why). */
function effectOf(effect: OptionSpec['effect']): { level: string } | { none: string } {
  if (effect === undefined || effect === 'request') return { level: 'CRITICAL' };
  return effect;
}

/** The text of a quoted string expression (`'ok'`), for the test's receiver to answer. */
function stringLiteral(expr: string): string {
  const m = /^'(.*)'$|^"(.*)"$/s.exec(expr.trim());
  if (!m) throw new Error(`reply must be a string literal, got ${expr}`);
  return m[1] ?? m[2] ?? '';
}
