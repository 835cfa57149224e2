// The kind spec language: one YAML (or JSON) document per handler kind says everything the
// templates need to generate it: the config section, the options with their TICKscript
// methods, the level maps, the request (URL, headers, body shape, success statuses) and the
// service test. Leaves of the request are TypeScript expressions over `event`, `options`,
// `config`, `levels`, `host` and the wire helpers (expr.ts checks and rewrites them); nothing
// interprets a spec at run time.

import { z } from 'zod';

export const valueTypes = [
  'string',
  'bool',
  'int',
  'float',
  'duration',
  'string-list',
  'string-map',
  /** string → any JSON value (alerta attributes) */
  'map',
  /** an http(s) URL */
  'url',
  /** host:port */
  'address',
  /** a list of small objects: `fields` gives their string members (pagerduty2 links) */
  'object-list',
  /** one string-or-number per level: TOML keys OK/Info/Warning/Critical, API ok/info/... (zenoss severity-map) */
  'level-map',
  // ---- the values of the SMTP, MQTT, SNMP trap and Kafka kinds (validated by their builders) ----
  /** a host name or IP address to connect to (smtp's host) */
  'hostname',
  /** a TCP port, 1 to 65535 */
  'port',
  /** a mail address, `user@example.com` or `Name <user@example.com>` */
  'email',
  /** a list of mail addresses */
  'email-list',
  /** an MQTT broker URL: tcp://, ssl://, ws://, wss://, mqtt:// or mqtts:// */
  'mqtt-url',
  /** an MQTT topic to publish to: no + or # wildcards (a Go template when `template`) */
  'mqtt-topic',
  /** MQTT QoS: 0, 1, 2 or "at-most-once", "at-least-once", "exactly-one" */
  'mqtt-qos',
  /** a dotted numeric SNMP OID */
  'snmp-oid',
  /** `.data(oid, type, value)` items: { oid, type (c, i, n, s, t), value } */
  'snmp-data-list',
  /** Kafka brokers, host:port each */
  'broker-list',
  /** crc32 (also ''), murmur2, murmur3 or fnv-1a */
  'kafka-partition-algorithm',
] as const;
export type ValueType = (typeof valueTypes)[number];

/** The plain type a value type is carried as (TOML, JSON, TICKscript, the generated tests). */
export function baseType(
  type: ValueType,
): Exclude<
  ValueType,
  | 'hostname'
  | 'port'
  | 'email'
  | 'email-list'
  | 'mqtt-url'
  | 'mqtt-topic'
  | 'mqtt-qos'
  | 'snmp-oid'
  | 'snmp-data-list'
  | 'broker-list'
  | 'kafka-partition-algorithm'
> {
  switch (type) {
    case 'hostname':
    case 'email':
    case 'mqtt-url':
    case 'mqtt-topic':
    case 'snmp-oid':
    case 'kafka-partition-algorithm':
      return 'string';
    case 'port':
    case 'mqtt-qos':
      return 'int';
    case 'email-list':
    case 'broker-list':
      return 'string-list';
    case 'snmp-data-list':
      return 'object-list';
    default:
      return type;
  }
}

/** The members of an `snmp-data-list` item. */
export const snmpDataMembers = ['oid', 'type', 'value'] as const;

/** TemplateData fields (src/delivery/wire.ts `templateFields`). */
export const templateFieldNames = [
  'ID',
  'Message',
  'Level',
  'Time',
  'Duration',
  'Details',
  'Name',
  'TaskName',
  'Group',
  'Tags',
  'Fields',
  'Recoverable',
] as const;

/** Literal values a default may take (checked against the type after parsing). */
const literal = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

/** Does this field reach the request? `none` fields say why not (TLS, TICKscript-only, ...). */
const effect = z.union([
  z.literal('request'),
  /** only for events of this level (opsgenie's recovery URL is used for OK events) */
  z.strictObject({ level: z.enum(['OK', 'INFO', 'WARNING', 'CRITICAL']) }),
  z.strictObject({ none: z.string().min(1) }),
]);

const fieldBase = {
  /** The key exactly as Kapacitor spells it (TOML, the config API, handler options). */
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be a key like chat-id or recovery_action'),
  type: z.enum(valueTypes),
  default: literal.optional(),
  description: z.string().min(1),
  secret: z.boolean().optional(),
  /** Allowed values (compared case-insensitively when `case-insensitive`). */
  enum: z.array(z.string()).optional(),
  'case-insensitive': z.boolean().optional(),
  /** Members of an `object-list` element (all strings). */
  fields: z.array(z.string()).optional(),
  /** An example value for the generated tests (one is made up from the type otherwise). */
  example: literal.optional(),
  /** A second example, different from `example`, for the tests' "change one" check. */
  alternative: literal.optional(),
  effect: effect.optional(),
};

export const configFieldSchema = z.strictObject({
  ...fieldBase,
  /** Must be set (non-empty) when the section is enabled. */
  required: z.enum(['when-enabled']).optional(),
  /** The TOML key when it differs from the config-API key (smtp's toTemplates). */
  toml: z.string().optional(),
});

/** How an option appears in TICKscript, chained after the property. */
const tickMethod = z.union([
  /** `false`: API only. */
  z.literal(false),
  /** The method name; sets the option from one argument (a flag for bool options). */
  z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
  z.strictObject({
    method: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    /** list options: `.teams('a', 'b')` sets the list */
    variadic: z.boolean().optional(),
    /** list options: each call appends */
    append: z.boolean().optional(),
    /** map options: `.attribute(k, v)` adds one entry */
    entry: z.boolean().optional(),
    /** bool options: the method takes the value (`.retained(TRUE)`) instead of being a flag */
    'value-arg': z.boolean().optional(),
    /** object-list options: `.link(href, text)` adds one element; trailing members optional */
    push: z.array(z.string()).optional(),
    optional: z.number().int().min(0).optional(),
  }),
]);

export const optionSchema = z.strictObject({
  ...fieldBase,
  /** Rendered per event as a Go text/template (strings, and the strings inside lists/maps). */
  template: z.boolean().optional(),
  /** The config field used when the option is left empty. */
  fallback: z.string().optional(),
  /** Selects the element of a list section (its element key); never sent itself. */
  selects: z.literal('element').optional(),
  /** Must be given (not empty) when the handler is created: mqtt's topic, snmptrap's trap-oid. */
  required: z.boolean().optional(),
  tick: tickMethod.optional(),
});

/** TICKscript methods that are not one option each. */
const extraMethod = z.union([
  z.strictObject({
    method: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    /** an alias: sets this option like its own method does */
    sets: z.string(),
  }),
  z.strictObject({
    method: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    /** accepted for compatibility, with no effect (Kapacitor drops it too) */
    ignore: z.array(z.enum(['string', 'int', 'float', 'bool', 'duration'])),
  }),
]);

export const tickSchema = z.strictObject({
  property: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  /** Options the property call sets from its arguments, in order: `.mqtt(topic)`. */
  args: z.array(z.string()).optional(),
  /** The last argument repeats into a list option: `.email(to...)`. */
  variadic: z.boolean().optional(),
  /** How many trailing args may be left out. */
  optional: z.number().int().min(0).optional(),
  extra: z.array(extraMethod).optional(),
});

/** A request body shape: objects, arrays, and leaves (expressions or literals). */
export type BodyShape =
  string | number | boolean | null | BodyShape[] | { [key: string]: BodyShape };
const bodyShape: z.ZodType<BodyShape> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(bodyShape),
    z.record(z.string(), bodyShape),
  ]),
);

export const encodings = ['json', 'json-marshal', 'json-compact', 'form', 'text'] as const;

/** Transports that keep a connection per config element (src/delivery/peers.ts). */
export const peerTransports = ['smtp', 'mqtt', 'snmptrap', 'kafka'] as const;
export type PeerTransportName = (typeof peerTransports)[number];

export const requestSchema = z.strictObject({
  /** Send only when this holds; the first request whose `when` holds is sent. */
  when: z.string().optional(),
  transport: z.enum(['http', 'tcp', ...peerTransports]).optional(),
  method: z.enum(['POST', 'PUT']).optional(),
  /** http: the URL (an expression). */
  url: z.string().optional(),
  /** tcp: host:port (an expression). */
  address: z.string().optional(),
  /** name → expression; a header whose value is '' is not sent. */
  headers: z.record(z.string(), z.string()).optional(),
  body: z
    .strictObject({
      encoding: z.enum(encodings),
      /** Sort the keys of every object (Go maps); otherwise they go out as written (Go structs). */
      sort: z.boolean().optional(),
      value: bodyShape,
    })
    .optional(),
  /** http: statuses that mean success (default: any 2xx). */
  success: z.array(z.number().int().min(100).max(599)).optional(),
  /** http: the JSON member of an error response that explains it. */
  error: z.string().optional(),
  /** tcp: half-close, read the reply to EOF and require exactly this text. */
  reply: z.string().optional(),
  /**
   * smtp, mqtt, snmptrap, kafka: what is sent per event, member → expression; the members
   * each transport takes are in generators/kind/transports.ts.
   */
  message: z.record(z.string(), z.string()).optional(),
});

export const serviceTestSchema = z.strictObject({
  /** Kapacitor's test options, in its listing order: name → type and default (an expression). */
  options: z.array(
    z.strictObject({
      name: z.string(),
      type: z.enum(valueTypes),
      default: z.string(),
      /** `object-list` members */
      fields: z.array(z.string()).optional(),
      /** The option may be null (Go's nil slice: opsgenie's `teams` when none are configured). */
      nullable: z.boolean().optional(),
      /** Shown redacted in the listing (its default comes from a secret, e.g. pushover's user-key). */
      secret: z.boolean().optional(),
    }),
  ),
  /**
   * The test event: state and data fields from `test.*` expressions. A `...` key gives part of
   * the event data at once (`testEventData(test.eventData)`), before the other keys.
   */
  event: z.record(z.string(), z.string()),
  /** The handler options the test sends with (expressions over `test.*` and `config.*`). */
  'handler-options': z.record(z.string(), z.string()),
  /** Override: the config element the test uses (list sections). */
  element: z.string().optional(),
  /**
   * Options a test needs beyond Kapacitor's defaults to succeed (mqtt's default topic is
   * empty): the generated test and the docs post them. Literal values.
   */
  example: z.record(z.string(), literal).optional(),
});

export const kindSpecSchema = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z0-9]*$/),
  /** API kind when it differs from the folder (post ↔ httppost). */
  'api-kind': z.string().optional(),
  summary: z.string().min(1),
  /** Where the facts come from, for the docs page. */
  source: z.string().optional(),
  tick: tickSchema.optional(),
  config: z
    .strictObject({
      list: z
        .strictObject({
          key: z.string(),
          /** The boolean field that marks the default element (slack's `default`). */
          'default-flag': z.string().optional(),
          /** The element a config without this section starts with (beside the defaults). */
          element: z.record(z.string(), literal).optional(),
        })
        .optional(),
      fields: z.array(configFieldSchema),
    })
    .optional(),
  options: z.array(optionSchema),
  /**
   * Which data option templates see: Kapacitor's TemplateData, or a reduced one: AlertData,
   * EventData, or only some TemplateData fields (servicenow's `{ fields: [ID, Name, ...] }`).
   */
  templates: z
    .union([
      z.enum(['event', 'alert-data', 'event-data']),
      z.strictObject({ fields: z.array(z.enum(templateFieldNames)).min(1) }),
    ])
    .optional(),
  /** level name → value tables: `levels.color` is the value for the event's level. */
  levels: z
    .record(z.string(), z.record(z.enum(['OK', 'INFO', 'WARNING', 'CRITICAL']), literal))
    .optional(),
  /** What a disabled service answers (opsgenie2 wraps it: `failed to prepare API request: ...`). */
  'disabled-message': z.string().min(1).optional(),
  /** Refuse some events with a delivery error (Kapacitor's pagerduty refuses INFO). */
  refuse: z.strictObject({ when: z.string(), message: z.string() }).optional(),
  /**
   * smtp, mqtt, snmptrap, kafka: the settings of the connection kept per enabled config
   * element (per section when it is not a list), setting → expression over `config`. The
   * settings each transport takes are in generators/kind/transports.ts.
   */
  connection: z.record(z.string(), z.string()).optional(),
  requests: z.array(requestSchema).min(1),
  'service-test': serviceTestSchema,
  /** A hand-written module in the kind's folder that expressions may call (`payload.*`). */
  module: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.ts$/)
    .optional(),
});

export type KindSpecFile = z.infer<typeof kindSpecSchema>;
export type ConfigFieldSpec = z.infer<typeof configFieldSchema>;
export type OptionSpec = z.infer<typeof optionSchema>;
export type RequestSpec = z.infer<typeof requestSchema>;
