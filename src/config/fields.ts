// Field builders for config sections and handler options. One zod schema per field carries
// the TypeScript type, validation, the default and the docs; the `fieldInfo` registry adds
// what zod has no slot for (the value kind for rendering, whether it is a secret).

import { z } from 'zod';
import { formatGoDuration, parseGoDuration } from '../common/duration.js';
import { parseTemplate } from '../tick/template/index.js';
import { redactValue, type FieldLookup } from './redact.js';
import { mailboxProblem } from '../common/mailbox.js';
import {
  fileModeProblem,
  headerMapProblem,
  headerValueProblem,
  hostNameProblem,
  hostPortProblem,
  httpURLProblem,
  kafkaPartitionAlgorithmProblem,
  mqttTopicProblem,
  mqttURLProblem,
  parseMQTTQoS,
  portProblem,
  snmpOIDProblem,
  snmpValueProblem,
  snmpVarbindTypeProblem,
  type HostPortRules,
  type KafkaPartitionAlgorithm,
  type MQTTQoS,
  type SNMPVarbindType,
} from './validators.js';

export type FieldKind =
  'string' | 'bool' | 'int' | 'float' | 'duration' | 'stringList' | 'stringMap' | 'object' | 'list';

export interface FieldInfo {
  kind: FieldKind;
  description: string;
  /** Shown as a boolean by the config API and redacted in `condenser config` and logs. */
  secret: boolean;
  /**
   * Partly secret values, shown with the secret part replaced: `url` (the password of the
   * userinfo and credential-like query parameters), `headers` (every header value but a few
   * harmless ones).
   */
  redaction?: 'url' | 'headers';
  /** Where requests go (a URL, a host:port): secrets are kept on update only if it is unchanged. */
  destination?: boolean;
  /** The default as a user writes it (for docs), e.g. `"30s"`. */
  defaultText: string;
}

export const fieldInfo = z.registry<FieldInfo>();

function withInfo<T extends z.ZodType>(schema: T, info: FieldInfo): T {
  fieldInfo.add(schema, info);
  return schema;
}

const show = (v: unknown): string => JSON.stringify(v);

/** A string; `''` by default. */
export function string(def: string, description: string) {
  return withInfo(z.string().default(def), {
    kind: 'string',
    description,
    secret: false,
    defaultText: show(def),
  });
}

/** A string that is never shown back (API shows `true` when set). */
export function secret(def: string, description: string) {
  return withInfo(z.string().default(def), {
    kind: 'string',
    description,
    secret: true,
    defaultText: show(def),
  });
}

export function bool(def: boolean, description: string) {
  return withInfo(z.boolean().default(def), {
    kind: 'bool',
    description,
    secret: false,
    defaultText: show(def),
  });
}

export function int(def: number, description: string) {
  return withInfo(z.number().int().default(def), {
    kind: 'int',
    description,
    secret: false,
    defaultText: show(def),
  });
}

export function float(def: number, description: string) {
  return withInfo(z.number().default(def), {
    kind: 'float',
    description,
    secret: false,
    defaultText: show(def),
  });
}

/**
 * A duration written as a Go duration string (`"30s"`, `"1h30m"`) in TOML and in the config
 * API; the value is nanoseconds (a number: exact up to ~104 days, far beyond any timeout).
 */
export function duration(def: string, description: string) {
  const ns = Number(parseGoDuration(def));
  const schema = z
    .union([z.string(), z.number().int()])
    .transform((v, ctx) => {
      let ns: number;
      try {
        ns = typeof v === 'number' ? v : Number(parseGoDuration(v));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `invalid duration ${show(v)} (use Go form, e.g. "30s", "1h30m")`,
        });
        return z.NEVER;
      }
      if (ns < 0) {
        ctx.addIssue({ code: 'custom', message: `must not be negative, got ${show(v)}` });
        return z.NEVER;
      }
      return ns;
    })
    .default(ns);
  return withInfo(schema, { kind: 'duration', description, secret: false, defaultText: show(def) });
}

export function stringList(def: readonly string[], description: string) {
  return withInfo(z.array(z.string()).default([...def]), {
    kind: 'stringList',
    description,
    secret: false,
    defaultText: show(def),
  });
}

export function stringMap(def: Readonly<Record<string, string>>, description: string) {
  return withInfo(z.record(z.string(), z.string()).default({ ...def }), {
    kind: 'stringMap',
    description,
    secret: false,
    defaultText: show(def),
  });
}

/** Mark any schema as a secret as a whole (e.g. httppost's `basic-auth` object). */
export function secretObject<T extends z.ZodType>(schema: T, description: string): T {
  return withInfo(schema, { kind: 'object', description, secret: true, defaultText: 'none' });
}

export function infoOf(schema: z.ZodType): FieldInfo | undefined {
  return fieldInfo.get(schema);
}

/** The fields of an object schema by key, for redaction and restoration (redact.ts). */
export function fieldLookup(schema: z.ZodObject): FieldLookup {
  const shape = schema.shape as Record<string, z.ZodType>;
  return (key) => {
    if (!Object.hasOwn(shape, key)) return undefined;
    const field = shape[key]!;
    return { schema: field, info: infoOf(field) };
  };
}

/**
 * Render a field value the way the config API shows it: durations as Go strings, secrets as
 * booleans (Kapacitor), URLs and headers with their secret parts redacted.
 */
export function apiValue(schema: z.ZodType, value: unknown): unknown {
  const info = infoOf(schema);
  if (info?.secret) return isSet(value);
  if (info?.kind === 'duration' && typeof value === 'number') return formatGoDuration(value);
  return redactValue(info, value);
}

/** Kapacitor's redaction shows whether a secret holds a non-empty / non-zero value. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isSet);
  return true;
}

/** A handler-option duration: integer nanoseconds, as Kapacitor decodes it (`"1m"` is refused). */
export function nanoseconds(def: number, description: string) {
  return withInfo(
    z
      .number({ error: 'expected an integer number of nanoseconds' })
      .int('expected an integer number of nanoseconds')
      .min(0, 'must not be negative (nanoseconds)')
      .default(def),
    { kind: 'duration', description, secret: false, defaultText: show(def) },
  );
}

// ---- validating builders: bad values are refused when a handler or config is created ----

/** Turn a `problem(value)` check into a zod refinement whose message names the problem. */
function refined<T>(schema: z.ZodType<T>, problem: (v: T) => string | undefined) {
  return schema.superRefine((v, ctx) => {
    const p = problem(v);
    if (p !== undefined) ctx.addIssue({ code: 'custom', message: p });
  });
}

/** The registry entry of a field that is not a secret. */
function plainInfo(
  kind: FieldKind,
  description: string,
  def: unknown,
  extra: Pick<FieldInfo, 'redaction' | 'destination'> = {},
): FieldInfo {
  return { kind, description, secret: false, defaultText: show(def), ...extra };
}

/** URLs: the password of the userinfo is redacted; a destination for restore rules. */
const urlExtra = { redaction: 'url', destination: true } as const;

/**
 * An http(s) URL (parsed, no spaces or control characters); `''` means unset. With
 * `template`, Go template actions (`{{ .ID }}`) may stand anywhere but the scheme. The
 * password of its userinfo and credential-like query parameters are redacted when read back.
 */
export function httpURL(
  def: string,
  description: string,
  opts: { template?: boolean; secret?: boolean } = {},
) {
  return withInfo(
    refined(z.string(), (v) => httpURLProblem(v, opts.template ?? false)).default(def),
    // A secret URL (a webhook whose path is the credential) is shown only as set or not.
    { ...plainInfo('string', description, def, urlExtra), secret: opts.secret ?? false },
  );
}

/**
 * Request headers: names are RFC 7230 tokens, values hold no CR, LF or other control
 * characters. Values are redacted when read back (they often carry credentials), except
 * harmless ones such as Content-Type.
 */
export function headerMap(
  def: Readonly<Record<string, string>>,
  description: string,
  opts: { redacted?: boolean } = {},
) {
  return withInfo(refined(z.record(z.string(), z.string()), headerMapProblem).default({ ...def }), {
    kind: 'stringMap',
    description,
    secret: false,
    ...(opts.redacted === false ? {} : { redaction: 'headers' as const }),
    defaultText: show(def),
  });
}

/** `host:port` (IPv6 in brackets), port 1-65535 unless `allowPortZero`; `''` means unset. */
export function hostPort(def: string, description: string, rules: HostPortRules = {}) {
  return withInfo(refined(z.string(), (v) => hostPortProblem(v, rules)).default(def), {
    kind: 'string',
    description,
    secret: false,
    destination: true,
    defaultText: show(def),
  });
}

/** A host name or IP address to connect to (smtp's `host`); `''` = unset. */
export function hostName(def: string, description: string) {
  return withInfo(
    refined(z.string(), hostNameProblem).default(def),
    plainInfo('string', description, def, { destination: true }),
  );
}

/** A TCP port to connect to, 1 to 65535. */
export function port(def: number, description: string) {
  return withInfo(
    refined(z.number().int(), portProblem).default(def),
    plainInfo('int', description, def, { destination: true }),
  );
}

/** A Unix file mode, 0 to 07777 (JSON has no octal: 420 = 0644). */
export function fileMode(def: number, description: string) {
  return withInfo(refined(z.number().int(), fileModeProblem).default(def), {
    kind: 'int',
    description,
    secret: false,
    defaultText: `0${def.toString(8)}`,
  });
}

/** An absolute file path; `''` means unset. */
export function absolutePath(def: string, description: string) {
  return withInfo(
    refined(z.string(), (v) =>
      v === '' || v.startsWith('/') ? undefined : `must be an absolute path, got ${show(v)}`,
    ).default(def),
    { kind: 'string', description, secret: false, defaultText: show(def) },
  );
}

// ---- builders the generated handler kinds use (generators/catalogue) ----

/** Parse every string inside a value as a Go text/template; the first error, or undefined. */
function templateProblem(value: unknown): string | undefined {
  const strings: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(value);
  for (const s of strings) {
    try {
      parseTemplate('option', s);
    } catch (err) {
      return `invalid template ${show(s)}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return undefined;
}

/** Require every string of a value to be a valid Go template (alerta's `resource`, ...). */
export function templated<T extends z.ZodType>(schema: T): T {
  const checked = refined(schema, (v) => templateProblem(v)) as unknown as T;
  const info = infoOf(schema);
  if (info) fieldInfo.add(checked, info);
  return checked;
}

/** A string a kind sends inside an HTTP header (alerta's token, opsgenie2's api-key). */
export function headerSafe<T extends z.ZodType<string>>(schema: T): T {
  const checked = refined(schema, headerValueProblem) as unknown as T;
  const info = infoOf(schema);
  if (info) fieldInfo.add(checked, info);
  return checked;
}

/** A string that must be given (not empty): kafka's `topic`. */
export function nonEmpty<T extends z.ZodType<string>>(schema: T): T {
  const checked = refined(schema, (v) =>
    v === '' ? 'must not be empty' : undefined,
  ) as unknown as T;
  const info = infoOf(schema);
  if (info) fieldInfo.add(checked, info);
  return checked;
}

/** string → any JSON value (alerta's `attributes`). */
export function jsonMap(def: Readonly<Record<string, unknown>>, description: string) {
  return withInfo(z.record(z.string(), z.unknown()).default({ ...def }), {
    kind: 'stringMap',
    description,
    secret: false,
    defaultText: show(def),
  });
}

/** A list of small objects with string members (pagerduty2's `links: [{href, text}]`). */
export function objectList(
  members: readonly string[],
  def: ReadonlyArray<Readonly<Record<string, string>>>,
  description: string,
) {
  const element = z.strictObject(
    Object.fromEntries(members.map((m) => [m, z.string().default('')])) as Record<
      string,
      z.ZodDefault<z.ZodString>
    >,
  );
  return withInfo(z.array(element).default(def.map((d) => ({ ...d }))), {
    kind: 'list',
    description,
    secret: false,
    defaultText: show(def),
  });
}

/** One of a few strings, or '' (unset); `caseInsensitive` accepts any case. */
export function oneOf(
  values: readonly string[],
  def: string,
  description: string,
  opts: { caseInsensitive?: boolean } = {},
) {
  const norm = (s: string) => (opts.caseInsensitive ? s.toLowerCase() : s);
  const allowed = new Set(values.map(norm));
  return withInfo(
    refined(z.string(), (v) =>
      v === '' || allowed.has(norm(v))
        ? undefined
        : `must be one of ${values.map((x) => show(x)).join(', ')}${opts.caseInsensitive ? ' (any case)' : ''}, got ${show(v)}`,
    ).default(def),
    { kind: 'string', description, secret: false, defaultText: show(def) },
  );
}

/** The keys of a `levelMap` in the config API, and as kapacitor.conf writes them. */
const levelMapKeys = { ok: 'OK', info: 'Info', warning: 'Warning', critical: 'Critical' } as const;
export type LevelMapKey = keyof typeof levelMapKeys;

/**
 * One value (a string or a number) per alert level: zenoss's `severity-map`. kapacitor.conf
 * writes the keys OK, Info, Warning, Critical; the config API ok, info, warning, critical.
 * Both spellings are read; a key left out keeps its default.
 */
export function levelMap(def: Readonly<Record<LevelMapKey, string | number>>, description: string) {
  const value = z.union([z.string(), z.number()]).optional();
  const shape: Record<string, typeof value> = {};
  for (const [api, toml] of Object.entries(levelMapKeys)) {
    shape[api] = value;
    shape[toml] = value;
  }
  const schema = z
    .strictObject(shape)
    .transform((v) => {
      const out = { ...def };
      for (const [api, toml] of Object.entries(levelMapKeys) as Array<[LevelMapKey, string]>) {
        const given = v[api] ?? v[toml];
        if (given !== undefined) out[api] = given;
      }
      return out;
    })
    .default({ ...def });
  return withInfo(schema, { kind: 'object', description, secret: false, defaultText: show(def) });
}

// ---- builders for the SMTP, MQTT, SNMP and Kafka transports ----

/**
 * Required fields use zod's `prefault`: an absent key gets the default *and is validated*,
 * so a missing required value is refused naming its key (`.default` would skip the check).
 */
function withDefault(schema: z.ZodType<string>, def: string, required: boolean) {
  return required ? schema.prefault(def) : schema.default(def);
}

export interface RequiredRule {
  /** `''` is refused ("must not be empty"), also when the key is absent. Default false. */
  required?: boolean;
}

/** A mail address, `user@example.com` or `Name <user@example.com>`; `''` = unset unless required. */
export function email(def: string, description: string, rules: RequiredRule = {}) {
  const required = rules.required ?? false;
  return withInfo(
    withDefault(
      refined(z.string(), (v) => (v === '' && !required ? undefined : mailboxProblem(v))),
      def,
      required,
    ),
    plainInfo('string', description, def),
  );
}

/** A list of mail addresses, each as `email` takes it (a bad one is named by its index). */
export function emailList(def: readonly string[], description: string) {
  return withInfo(
    z.array(refined(z.string(), mailboxProblem)).default([...def]),
    plainInfo('stringList', description, def),
  );
}

export interface MQTTTopicRules extends RequiredRule {
  /** The topic is a Go template over the event (`alerts/{{ .TaskName }}`). */
  template?: boolean;
}

/**
 * An MQTT topic to publish to: no `+`/`#` wildcards, no NUL, at most 65535 bytes; required
 * (not empty) unless `required: false`. Templates are checked outside their actions here and
 * whole when an event is sent.
 */
export function mqttTopic(def: string, description: string, rules: MQTTTopicRules = {}) {
  const required = rules.required ?? true;
  const template = rules.template ?? false;
  return withInfo(
    withDefault(
      refined(z.string(), (v) =>
        v === '' && !required ? undefined : mqttTopicProblem(v, template),
      ),
      def,
      required,
    ),
    plainInfo('string', description, def),
  );
}

/**
 * MQTT QoS: 0, 1, 2 or Kapacitor's names "at-most-once", "at-least-once", "exactly-one"; the
 * value is the number.
 */
export function mqttQoS(def: MQTTQoS, description: string) {
  return withInfo(
    z
      .unknown()
      .transform((v, ctx): MQTTQoS => {
        const qos = parseMQTTQoS(v);
        if (typeof qos === 'string') {
          ctx.addIssue({ code: 'custom', message: qos });
          return z.NEVER;
        }
        return qos;
      })
      .default(def),
    plainInfo('int', description, def),
  );
}

/**
 * An MQTT broker URL: tcp://, ssl://, ws://, wss://, mqtt:// or mqtts://, with a host; `''`
 * = unset. A password in its userinfo is redacted when read back.
 */
export function mqttURL(def: string, description: string) {
  return withInfo(
    refined(z.string(), mqttURLProblem).default(def),
    plainInfo('string', description, def, urlExtra),
  );
}

/** A dotted numeric SNMP OID (`1.3.6.1.4.1.1`); `''` = unset unless required. */
export function snmpOID(def: string, description: string, rules: RequiredRule = {}) {
  const required = rules.required ?? false;
  return withInfo(
    withDefault(
      refined(z.string(), (v) =>
        v === '' ? (required ? 'must not be empty' : undefined) : snmpOIDProblem(v),
      ),
      def,
      required,
    ),
    plainInfo('string', description, def),
  );
}

/** An SNMP varbind type as `.data(oid, type, value)` takes it: c, i, n, s or t. */
export function snmpVarbindType(def: SNMPVarbindType, description: string) {
  return withInfo(
    refined(z.string(), snmpVarbindTypeProblem)
      .transform((v) => v as SNMPVarbindType)
      .default(def),
    plainInfo('string', description, def),
  );
}

/** One `{ oid, type, value }` of an snmptrap `data-list`; `value` is a template. */
export const snmpDataItem = z
  .strictObject({
    oid: snmpOID('', 'OID of the variable', { required: true }),
    type: snmpVarbindType(
      's',
      'c (Counter64), i (Integer), n (Null), s (OctetString), t (TimeTicks)',
    ),
    value: z.string().default(''),
  })
  .superRefine((d, ctx) => {
    const p = snmpValueProblem(d.type, d.value);
    if (p !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: p });
  });

export type SNMPDataItem = z.output<typeof snmpDataItem>;

/** The varbinds of a trap after sysUpTime and snmpTrapOID, in order. */
export function snmpDataList(description: string) {
  return withInfo(z.array(snmpDataItem).default([]), plainInfo('list', description, []));
}

export interface BrokerListBuilderRules {
  /** Accept `[]` (a disabled config element); check `enabled && brokers.length === 0` in validate. */
  allowEmpty?: boolean;
}

/** Kafka bootstrap brokers, `host:port` each (a bad one is named by its index); not empty by default. */
export function brokerList(
  def: readonly string[],
  description: string,
  rules: BrokerListBuilderRules = {},
) {
  const element = refined(z.string(), (v) =>
    v === '' ? 'must not be empty (host:port)' : hostPortProblem(v, {}),
  );
  const list = refined(z.array(element), (l) =>
    l.length === 0 && !rules.allowEmpty ? 'must name at least one broker (host:port)' : undefined,
  );
  return withInfo(
    rules.allowEmpty ? list.default([...def]) : list.prefault([...def]),
    plainInfo('stringList', description, def, { destination: true }),
  );
}

/** Kafka partition hash: `crc32` (default, also `''`), `murmur2`, `murmur3` or `fnv-1a`. */
export function kafkaPartitionAlgorithm(def: KafkaPartitionAlgorithm, description: string) {
  return withInfo(
    refined(z.string(), kafkaPartitionAlgorithmProblem)
      .transform((v) => v as KafkaPartitionAlgorithm)
      .default(def),
    plainInfo('string', description, def),
  );
}
