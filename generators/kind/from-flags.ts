// The kind spec of a handler described by flags or prompts (`--option room:string --secret
// token`): a JSON POST (or form POST, or JSON over TCP) of every option, every config field
// that is not an option's fallback, and the event's message; or, on a peer transport (mail,
// MQTT, SNMP traps, Kafka), that transport's kind under another name. The same spec language and
// templates as the catalogue, so a flags kind is regenerated and checked like any other.

import {
  isPeerTransport,
  SpecError,
  type FieldType,
  type HandlerSpec,
  type PeerTransport,
} from '../spec.js';
import { camelKey } from './expr.js';
import type { KindSpecFile, ValueType } from './schema.js';

function valueType(t: FieldType): ValueType {
  return t;
}

/**
 * The spec file a flags kind is written as (generators/catalogue/<kind>.yaml). A kind on a
 * peer transport (smtp, mqtt, snmptrap, kafka) is built on `base`, the catalogue spec of the
 * transport's own kind.
 */
export function specFromFlags(h: HandlerSpec, base?: KindSpecFile): KindSpecFile {
  if (isPeerTransport(h.transport)) {
    if (!base) throw new SpecError(`--transport ${h.transport}: its catalogue spec is needed`);
    return specOnPeer(h, h.transport, base);
  }
  const tcp = h.transport === 'tcp';
  const target = tcp ? 'address' : 'url';
  const config = [
    { name: 'enabled', type: 'bool' as const, description: `Send alerts to ${h.kind}` },
    {
      name: target,
      type: (tcp ? 'address' : 'url') as ValueType,
      required: 'when-enabled' as const,
      description: tcp ? 'host:port alerts are written to' : 'URL alerts are POSTed to',
      ...(h.targetSecret ? { secret: true } : {}),
    },
    ...configFields(h),
  ];
  const configNames = new Set(config.map((c) => c.name));
  const options = optionsOf(h, configNames);
  // Everything reaches the request (sentValues), and the message.
  const body: Record<string, string> = Object.fromEntries(sentValues(h));
  body.message = 'event.message';
  const contentType =
    h.transport === 'http-form' ? 'application/x-www-form-urlencoded' : 'application/json';
  const request = tcp
    ? {
        transport: 'tcp' as const,
        address: 'config.address',
        body: { encoding: 'json' as const, value: body },
      }
    : {
        url: 'config.url',
        headers: { 'Content-Type': `'${contentType}'` },
        body: {
          // A Go handler's json.Marshal: compact, no trailing newline.
          encoding: h.transport === 'http-form' ? ('form' as const) : ('json-marshal' as const),
          value: body,
        },
        ...(h.success ? { success: h.success } : {}),
      };
  const testDefaults = h.options.map((o) => ({
    name: o.name,
    type: valueType(o.type),
    // Test options are listed as Kapacitor lists them: durations as Go strings.
    default: configNames.has(o.name)
      ? o.type === 'duration'
        ? `goDuration(config.${camelKey(o.name)})`
        : `config.${camelKey(o.name)}`
      : JSON.stringify(o.default),
  }));
  return {
    kind: h.kind,
    summary: `the ${h.kind} handler (generated from flags: ${tcp ? 'JSON over TCP' : h.transport === 'http-form' ? 'a form POST' : 'a JSON POST'}).`,
    tick: { property: h.tickName },
    config: {
      ...(h.listKey ? { list: { key: h.listKey, element: { [h.listKey]: 'default' } } } : {}),
      fields: config,
    },
    options,
    requests: [request],
    'service-test': {
      options: [
        ...testDefaults,
        { name: 'message', type: 'string', default: `'test ${h.kind} message'` },
      ],
      event: { message: 'test.message', level: "'CRITICAL'" },
      'handler-options': Object.fromEntries(
        h.options.map((o) => [
          o.name,
          o.type === 'duration'
            ? `nanosecondsOf(test.${camelKey(o.name)})`
            : `test.${camelKey(o.name)}`,
        ]),
      ),
    },
  };
}

/**
 * The message member a peer kind's own options and config fields travel in, as a JSON object
 * beside the alert's message. Mail and SNMP traps have no such member: their wire formats
 * are fixed (a mail's From, To, Subject and HTML body; a trap's varbinds).
 */
interface Payload {
  member: string;
  value: (json: string) => string;
  /** A base option that replaces the payload when given: its examples leave it empty. */
  replacedBy?: string;
}

const payloadMember: Record<PeerTransport, Payload | undefined> = {
  mqtt: { member: 'payload', value: (json) => json },
  // Kafka's `template` option still replaces the value, as for Kapacitor's kafka kind.
  kafka: {
    member: 'value',
    value: (json) => `options.template === '' ? ${json} : options.template`,
    replacedBy: 'template',
  },
  smtp: undefined,
  snmptrap: undefined,
};

/**
 * A kind of one's own on a peer transport: the transport's kind (its config section,
 * connection, options, TICKscript arguments and service test) under another name, with the
 * kind's own options and config fields, which go out as a JSON payload.
 */
function specOnPeer(h: HandlerSpec, t: PeerTransport, base: KindSpecFile): KindSpecFile {
  const member = payloadMember[t];
  const own = [
    ...h.config.map((f) => `--config ${f.name}`),
    ...h.options.map((o) => `--option ${o.name}`),
  ];
  if (member === undefined && own.length > 0) {
    throw new SpecError(
      `${own[0]}: a ${t} handler sends what Kapacitor's ${t} sends (${t === 'smtp' ? "a mail's From, To, Subject and HTML body" : "a trap's varbinds, from .data()"}), which has no room for options of its own; use --transport mqtt, kafka or http-json for a payload of your own`,
    );
  }
  const baseFields = base.config?.fields ?? [];
  const fieldNames = new Set(baseFields.map((f) => f.name));
  const optionNames = new Set(base.options.map((o) => o.name));
  for (const f of h.config) {
    if (fieldNames.has(f.name)) {
      throw new SpecError(
        `--config ${f.name}: the ${t} transport's config already has "${f.name}" (generators/catalogue/${t}.yaml)`,
      );
    }
  }
  for (const o of h.options) {
    if (optionNames.has(o.name) || fieldNames.has(o.name)) {
      throw new SpecError(
        `--option ${o.name}: "${o.name}" is already an option or config field of the ${t} transport (generators/catalogue/${t}.yaml)`,
      );
    }
  }
  const config = configFields(h);
  const options = optionsOf(h, new Set(h.config.map((f) => f.name)));
  // The kind's own values, then the message, as one JSON object (keys as written).
  const entries = sentValues(h).map(([name, value]) => `'${name}': ${value}`);
  const requests =
    member === undefined || entries.length === 0
      ? base.requests
      : base.requests.map((r) => ({
          ...r,
          message: {
            ...r.message,
            [member.member]: member.value(
              `jsonString({ ${[...entries, "'message': event.message"].join(', ')} })`,
            ),
          },
        }));
  // A loaded spec also says where it came from (`file`): not part of the new spec.
  const {
    source: _source,
    summary: _summary,
    file: _file,
    ...rest
  } = base as KindSpecFile & { file?: string };
  return {
    ...rest,
    kind: h.kind,
    summary: `the ${h.kind} handler (generated from flags: Kapacitor's ${t} kind under its own name${entries.length > 0 ? `, its ${member?.member} a JSON object of its options and the message` : ''}).`,
    source: `generators/catalogue/${t}.yaml`,
    tick: { ...base.tick, property: h.tickName },
    ...(base.config ? { config: { ...base.config, fields: [...baseFields, ...config] } } : {}),
    options: [
      ...base.options.map((o) =>
        entries.length > 0 && o.name === member?.replacedBy ? { ...o, example: '' } : o,
      ),
      ...options,
    ],
    requests,
  };
}

/** The kind's own config fields (`--config`, `--secret`) in the spec language. */
function configFields(h: HandlerSpec) {
  const optionNames = new Set(h.options.map((o) => o.name));
  return h.config.map((f) => ({
    name: f.name,
    type: valueType(f.type),
    ...(f.default !== undefined ? { default: f.default } : {}),
    description: f.description !== '' ? f.description : `${words(f.name)} of the ${h.kind} handler`,
    ...(f.secret ? { secret: true } : {}),
    ...(h.listKey === f.name ? { effect: { none: 'selects the element' } } : {}),
    // A bool option falls back by OR (`options.x || config.x`): the tests' example config
    // value is false, so that the option alone can change the request.
    ...(f.type === 'bool' && optionNames.has(f.name) ? { example: false } : {}),
  }));
}

/** The kind's own options; one named like a config field in `fallbacks` falls back to it. */
function optionsOf(h: HandlerSpec, fallbacks: ReadonlySet<string>) {
  return h.options.map((o) => {
    const selects = o.name === h.listKey;
    const fallback = !selects && fallbacks.has(o.name) ? o.name : undefined;
    return {
      name: o.name,
      type: valueType(o.type),
      ...(o.default !== undefined && !fallback ? { default: o.default } : {}),
      description:
        o.description !== ''
          ? o.description
          : selects
            ? `Which [[${h.kind}]] element to use (default: the first one)`
            : words(o.name),
      ...(selects ? { selects: 'element' as const } : {}),
      ...(fallback ? { fallback } : {}),
    };
  });
}

/**
 * What the kind sends of its own, name → expression: every option (with its config fallback)
 * and every config field no option falls back to (secrets included: a secret that is never
 * sent is a bug); the list key only selects the element.
 */
function sentValues(h: HandlerSpec): Array<[string, string]> {
  const optionNames = new Set(h.options.map((o) => o.name));
  return [
    ...h.options
      .filter((o) => o.name !== h.listKey)
      .map((o): [string, string] => [o.name, `options.${camelKey(o.name)}`]),
    ...h.config
      .filter((f) => f.name !== h.listKey && !optionNames.has(f.name))
      .map((f): [string, string] => [f.name, `config.${camelKey(f.name)}`]),
  ];
}

function words(name: string): string {
  const s = name.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
