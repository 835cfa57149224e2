// The kind spec of a handler described by flags or prompts (`--option room:string --secret
// token`): a JSON POST (or form POST, or JSON over TCP) of every option, every config field
// that is not an option's fallback, and the event's message. The same spec language and
// templates as the catalogue, so a flags kind is regenerated and checked like any other.

import type { FieldSpec, FieldType, HandlerSpec } from '../spec.js';
import { camelKey } from './expr.js';
import type { KindSpecFile, ValueType } from './schema.js';

function valueType(t: FieldType): ValueType {
  return t;
}

/** The spec file a flags kind is written as (generators/catalogue/<kind>.yaml). */
export function specFromFlags(h: HandlerSpec): KindSpecFile {
  const tcp = h.transport === 'tcp';
  const target = tcp ? 'address' : 'url';
  const optionNames = new Set(h.options.map((o) => o.name));
  const configField = (f: FieldSpec) => ({
    name: f.name,
    type: valueType(f.type),
    ...(f.default !== undefined ? { default: f.default } : {}),
    description: f.description !== '' ? f.description : `${words(f.name)} of the ${h.kind} handler`,
    ...(f.secret ? { secret: true } : {}),
    ...(h.listKey === f.name ? { effect: { none: 'selects the element' } } : {}),
  });
  const config = [
    { name: 'enabled', type: 'bool' as const, description: `Send alerts to ${h.kind}` },
    {
      name: target,
      type: (tcp ? 'address' : 'url') as ValueType,
      required: 'when-enabled' as const,
      description: tcp ? 'host:port alerts are written to' : 'URL alerts are POSTed to',
      ...(h.targetSecret ? { secret: true } : {}),
    },
    ...h.config.map(configField),
  ];
  const configNames = new Set(config.map((c) => c.name));
  const options = h.options.map((o) => {
    const selects = o.name === h.listKey;
    const fallback = !selects && configNames.has(o.name) ? o.name : undefined;
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
  // Everything reaches the request: options (with their config fallbacks), the config fields
  // no option falls back to (secrets included: a secret that is never sent is a bug), and
  // the message.
  const body: Record<string, string> = {};
  for (const o of h.options) if (o.name !== h.listKey) body[o.name] = `options.${camelKey(o.name)}`;
  for (const f of h.config) {
    if (f.name === h.listKey || optionNames.has(f.name)) continue;
    body[f.name] = `config.${camelKey(f.name)}`;
  }
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
    // A config duration is nanoseconds; the test lists it as Go writes it, as its default.
    default: !configNames.has(o.name)
      ? JSON.stringify(o.default)
      : o.type === 'duration'
        ? `durationText(config.${camelKey(o.name)})`
        : `config.${camelKey(o.name)}`,
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

function words(name: string): string {
  const s = name.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
