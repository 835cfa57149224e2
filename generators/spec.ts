// HandlerSpec: everything the templates need to generate one handler kind, validated once,
// whether it came from flags, prompts or a --spec file. Every refusal says why and what to do.

import { z } from 'zod';
import { tickKey, type Inventory } from './inventory.js';

export const fieldTypes = [
  'string',
  'int',
  'float',
  'bool',
  'duration',
  'string-list',
  'string-map',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const transports = [
  'http-json',
  'http-form',
  'tcp',
  'smtp',
  'mqtt',
  'snmptrap',
  'kafka',
] as const;
export type Transport = (typeof transports)[number];

/**
 * Transports that keep a connection (src/delivery/peers.ts). A kind on one of them takes its
 * config section, connection and message from the catalogue kind of the same name
 * (generators/kind/from-flags.ts).
 */
export const peerTransportNames = ['smtp', 'mqtt', 'snmptrap', 'kafka'] as const;
export type PeerTransport = (typeof peerTransportNames)[number];

export function isPeerTransport(t: Transport): t is PeerTransport {
  return (peerTransportNames as readonly string[]).includes(t);
}

export type FieldValue = string | number | boolean | string[] | Record<string, string>;

export interface FieldSpec {
  /** kebab-case key in TOML, the config API and handler options */
  name: string;
  type: FieldType;
  default: FieldValue;
  description: string;
  secret: boolean;
}

export interface HandlerSpec {
  /** folder, config section, API kind and service-test name */
  kind: string;
  /** the TICKscript property: `.fooBar()` */
  tickName: string;
  transport: Transport;
  /** `[[kind]]` keyed by this field (like slack's `workspace`), or a single `[kind]` table */
  listKey: string | undefined;
  /** config fields besides `enabled` and the transport's target (`url` / `address`) */
  config: FieldSpec[];
  /** handler options; each is also a TICKscript chained method */
  options: FieldSpec[];
  /** `--secret url` (or address): the target itself is redacted */
  targetSecret: boolean;
  /** `--success 200,204`: the statuses that mean success (default: any 2xx) */
  success?: number[];
}

export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

/** The 27 handler kinds of Kapacitor (spec/handlers.md): their wire formats are fixed. */
export const kapacitorKinds = [
  'aggregate', 'alerta', 'bigpanda', 'discord', 'exec', 'hipchat', 'kafka', 'log', 'mqtt', 'opsgenie',
  'opsgenie2', 'pagerduty', 'pagerduty2', 'post', 'publish', 'pushover', 'sensu', 'servicenow', 'slack',
  'smtp', 'snmptrap', 'talk', 'tcp', 'teams', 'telegram', 'victorops', 'zenoss',
] as const; // prettier-ignore

/** Host built-ins and the folders/sections the host itself owns. */
export const hostNames = [
  'httppost',
  'email',
  'http',
  'auth',
  'storage',
  'logging',
  'alert',
  'config',
  'task',
  'tasks',
];

const reservedWords = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/** |alert() properties (alert-node.md §1) and TICKscript words a property name must not shadow. */
export const alertNodeProperties = new Set(
  (
    'id message details info warn crit infoReset warnReset critReset all noRecoveries stateChangesOnly flapping ' +
    'history levelTag levelField messageField durationField idTag idField topic category inhibit quiet ' +
    'stream batch lambda var dbrp'
  )
    .split(' ')
    .map((s) => s.toLowerCase()),
);

/** `condenser` CLI verbs. */
export const cliVerbs = new Set(
  (
    'serve config hash-password define-topic-handler show-topic-handler delete-topic-handler list show-topic ' +
    'delete-topic service-tests ping define enable disable delete show reload help version'
  ).split(' '),
);

/**
 * Names every JavaScript object already answers to (`constructor`, `toString`, `__proto__`,
 * ...). A kind, property, option or config field named like one would be found on objects
 * that do not have it, or shadow what the host relies on.
 */
export const objectBuiltins: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
]);

const kindPattern = /^[a-z][a-z0-9]*$/;
const tickNamePattern = /^[a-z][a-zA-Z0-9]*$/;
const fieldNamePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why `kind` cannot be a handler name, or undefined when it can. */
export function kindProblem(kind: string, inventory: Inventory): string | undefined {
  if (kind === '') return 'the handler name is empty: give one, e.g. `npm run new-handler foo`';
  if (/[/\\.]|\s/.test(kind)) {
    return `"${kind}" contains path or space characters: use lower-case letters and digits only, e.g. "foo2"`;
  }
  if (!kindPattern.test(kind)) {
    return `"${kind}" must match ^[a-z][a-z0-9]*$ (lower-case letter first, then letters and digits): it names a folder, a config section and an API kind`;
  }
  if (inventory.folders.includes(kind)) {
    return `"${kind}" already exists in src/services/${kind}: pick another name, or remove it first with \`npm run remove-handler ${kind}\``;
  }
  if (objectBuiltins.has(kind)) {
    return `"${kind}" is a name every JavaScript object already has (Object.prototype): pick another name (e.g. "${kind}hook")`;
  }
  const apiOwner = inventory.apiKinds.get(kind);
  if (apiOwner !== undefined) {
    return `"${kind}" is already the API kind of src/services/${apiOwner}: pick another name`;
  }
  if ((kapacitorKinds as readonly string[]).includes(kind)) {
    return `"${kind}" is one of Kapacitor's 27 handler kinds, whose wire format is fixed: pick another name (e.g. "my${kind}")`;
  }
  if (hostNames.includes(kind))
    return `"${kind}" is used by the host itself (a built-in or a config section): pick another name`;
  if (reservedWords.has(kind))
    return `"${kind}" is a JavaScript reserved word: pick another name (e.g. "${kind}hook")`;
  if (alertNodeProperties.has(kind)) {
    return `"${kind}" is already a property of |alert() in TICKscript: pick another name (e.g. "${kind}hook")`;
  }
  if (cliVerbs.has(kind))
    return `"${kind}" is a condenser CLI verb: pick another name (e.g. "${kind}hook")`;
  return undefined;
}

export function tickNameProblem(tickName: string, inventory: Inventory): string | undefined {
  if (!tickNamePattern.test(tickName)) {
    return `--tick-name "${tickName}" must be a camelCase identifier starting with a lower-case letter, e.g. "fooBar"`;
  }
  if (objectBuiltins.has(tickName)) {
    return `--tick-name "${tickName}" is a name every JavaScript object already has (Object.prototype)`;
  }
  const owner = inventory.tickProperties.get(tickKey(tickName));
  if (owner !== undefined) {
    return `--tick-name "${tickName}" is already the TICKscript property of src/services/${owner} (.${tickName}()): pick another`;
  }
  if (reservedWords.has(tickName)) return `--tick-name "${tickName}" is a JavaScript reserved word`;
  if (alertNodeProperties.has(tickName.toLowerCase())) {
    return `--tick-name "${tickName}" is already a property of |alert() in TICKscript`;
  }
  if (['log', 'post', 'tcp', 'exec', 'email'].includes(tickName.toLowerCase())) {
    return `--tick-name "${tickName}" is the TICKscript property of a built-in handler`;
  }
  return undefined;
}

/** camelCase of a kebab-case name: `chat-id` → `chatId`. */
export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function pascal(name: string): string {
  const c = camel(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

function parseDefault(type: FieldType, text: string, where: string): FieldValue {
  switch (type) {
    case 'string':
      return text;
    case 'int': {
      if (!/^-?\d+$/.test(text)) throw new SpecError(`${where}: default "${text}" is not an int`);
      return Number(text);
    }
    case 'float': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n))
        throw new SpecError(`${where}: default "${text}" is not a float`);
      return n;
    }
    case 'bool':
      if (text !== 'true' && text !== 'false')
        throw new SpecError(`${where}: default "${text}" is not true or false`);
      return text === 'true';
    case 'duration':
      if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^0$/.test(text)) {
        throw new SpecError(`${where}: default "${text}" is not a Go duration (e.g. 10s, 1m30s)`);
      }
      return text;
    case 'string-list':
      return text === '' ? [] : text.split(',').map((s) => s.trim());
    case 'string-map': {
      const out: Record<string, string> = {};
      for (const pair of text.split(',').filter((p) => p !== '')) {
        const i = pair.indexOf('=');
        if (i <= 0)
          throw new SpecError(
            `${where}: default "${text}" must be key=value pairs separated by commas`,
          );
        out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
      }
      return out;
    }
  }
}

export function zeroValue(type: FieldType): FieldValue {
  switch (type) {
    case 'string':
      return '';
    case 'duration':
      return '0s';
    case 'int':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'string-list':
      return [];
    case 'string-map':
      return {};
  }
}

const typeAliases: Record<string, FieldType> = {
  str: 'string',
  integer: 'int',
  number: 'float',
  boolean: 'bool',
  list: 'string-list',
  'string list': 'string-list',
  strings: 'string-list',
  map: 'string-map',
  'string map': 'string-map',
};

/** Parse `name:type[=default]` (the --option / --config flag syntax). */
export function parseFieldFlag(text: string, flag: string): FieldSpec {
  const m = /^([^:=]+):([^=]+)(?:=(.*))?$/s.exec(text);
  if (!m)
    throw new SpecError(
      `${flag} "${text}": expected name:type[=default], e.g. room:string=general`,
    );
  const name = m[1]!.trim();
  const typeText = m[2]!.trim();
  const type = (fieldTypes as readonly string[]).includes(typeText)
    ? (typeText as FieldType)
    : typeAliases[typeText];
  if (!fieldNamePattern.test(name)) {
    throw new SpecError(
      `${flag} "${text}": name "${name}" must be kebab-case (lower-case letters, digits, dashes), e.g. chat-id`,
    );
  }
  if (!type)
    throw new SpecError(
      `${flag} "${text}": unknown type "${typeText}" (types: ${fieldTypes.join(', ')})`,
    );
  if (objectBuiltins.has(name) || objectBuiltins.has(camel(name))) {
    throw new SpecError(
      `${flag} ${name}: "${camel(name)}" is a name every JavaScript object already has (Object.prototype); pick another`,
    );
  }
  const where = `${flag} ${name}`;
  return {
    name,
    type,
    default: m[3] === undefined ? zeroValue(type) : parseDefault(type, m[3], where),
    description: '',
    secret: false,
  };
}

/** Raw answers from flags, prompts or a spec file, before validation. */
export interface SpecInput {
  kind?: string;
  tickName?: string;
  transport?: string;
  listSection?: string;
  options?: Array<string | FieldSpec>;
  config?: Array<string | FieldSpec>;
  secrets?: string[];
  success?: string;
}

const fieldSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  default: z
    .union([
      z.string(),
      z.number(),
      z.boolean(),
      z.array(z.string()),
      z.record(z.string(), z.string()),
    ])
    .optional(),
  description: z.string().optional(),
  secret: z.boolean().optional(),
});

/** The --spec file format (YAML or JSON): the same answers as the flags. */
export const specFileSchema = z.strictObject({
  kind: z.string().optional(),
  'tick-name': z.string().optional(),
  transport: z.string().optional(),
  'list-section': z.string().optional(),
  options: z.array(z.union([z.string(), fieldSchema])).optional(),
  config: z.array(z.union([z.string(), fieldSchema])).optional(),
  secrets: z.array(z.string()).optional(),
});

function toField(f: string | z.infer<typeof fieldSchema>, flag: string): FieldSpec {
  if (typeof f === 'string') return parseFieldFlag(f, flag);
  const parsed = parseFieldFlag(`${f.name}:${f.type}`, flag);
  const value = f.default;
  let def = parsed.default;
  if (value !== undefined) {
    def =
      typeof value === 'string' && parsed.type !== 'string' && parsed.type !== 'duration'
        ? parseDefault(parsed.type, value, `${flag} ${f.name}`)
        : value;
    checkDefaultType(parsed.type, def, `${flag} ${f.name}`);
  }
  return { ...parsed, default: def, description: f.description ?? '', secret: f.secret ?? false };
}

function checkDefaultType(type: FieldType, v: FieldValue, where: string): void {
  const ok =
    (type === 'string' && typeof v === 'string') ||
    (type === 'duration' && typeof v === 'string') ||
    (type === 'int' && typeof v === 'number' && Number.isInteger(v)) ||
    (type === 'float' && typeof v === 'number') ||
    (type === 'bool' && typeof v === 'boolean') ||
    (type === 'string-list' && Array.isArray(v)) ||
    (type === 'string-map' && typeof v === 'object' && v !== null && !Array.isArray(v));
  if (!ok) throw new SpecError(`${where}: default ${JSON.stringify(v)} is not a ${type}`);
}

/** Kapacitor's contributor-guide handler: `[foo]` enabled/url/room, option room, `.foo().room('x')`. */
function guideExample(): Pick<SpecInput, 'config' | 'options'> {
  return {
    config: [
      {
        name: 'room',
        type: 'string',
        default: '',
        description: 'Default room for alerts',
        secret: false,
      },
    ],
    options: [
      {
        name: 'room',
        type: 'string',
        default: '',
        description: 'Room to send the alert to (default: the configured room)',
        secret: false,
      },
    ],
  };
}

/** Fields every generated config has, per transport (a peer transport's come from its kind). */
export function builtinConfigFields(transport: Transport): string[] {
  if (isPeerTransport(transport)) return ['enabled'];
  return ['enabled', transport === 'tcp' ? 'address' : 'url'];
}

export function buildSpec(input: SpecInput, inventory: Inventory): HandlerSpec {
  const kind = input.kind ?? '';
  const kp = kindProblem(kind, inventory);
  if (kp) throw new SpecError(kp);
  const tickName = input.tickName ?? kind;
  const tp = tickNameProblem(tickName, inventory);
  if (tp) throw new SpecError(tp);
  const transport = (input.transport ?? 'http-json') as Transport;
  if (!transports.includes(transport)) {
    throw new SpecError(
      `--transport "${input.transport}": use one of ${transports.join(', ')}` +
        (input.transport === 'custom'
          ? '; for any other protocol write a kind spec (--spec), which may name a hand-written module'
          : ''),
    );
  }
  const peer = isPeerTransport(transport);
  if (peer && input.listSection !== undefined) {
    throw new SpecError(
      `--list-section: a ${transport} handler's config section is the ${transport} kind's (generators/catalogue/${transport}.yaml); drop this flag`,
    );
  }
  const plain =
    input.options === undefined &&
    input.config === undefined &&
    input.secrets === undefined &&
    input.listSection === undefined;
  // The guide's example options show what an HTTP body carries; a peer kind starts as its
  // transport's kind is.
  const source = plain && !peer ? { ...input, ...guideExample() } : input;
  const config = (source.config ?? []).map((f) => toField(f, '--config'));
  const options = (source.options ?? []).map((f) => toField(f, '--option'));
  const fixed = builtinConfigFields(transport);

  for (const [list, flag] of [
    [config, '--config'],
    [options, '--option'],
  ] as const) {
    const seen = new Set<string>();
    for (const f of list) {
      if (seen.has(f.name)) throw new SpecError(`${flag} ${f.name}: given twice`);
      seen.add(f.name);
      if (flag === '--config' && fixed.includes(f.name)) {
        throw new SpecError(
          `--config ${f.name}: every generated handler already has "${f.name}"; drop this flag`,
        );
      }
      // A handler's own method shadows an |alert() property of the same name after it, as in
      // Kapacitor (kafka's .topic()); only JavaScript's reserved words are refused.
      if (flag === '--option' && reservedWords.has(camel(f.name))) {
        throw new SpecError(
          `--option ${f.name}: "${camel(f.name)}" is a JavaScript reserved word and cannot be a chained TICKscript method`,
        );
      }
      // The request already carries the alert's message under this key, and the service
      // test has an option of this name: a field of the same name would collide with both.
      if (f.name === 'message') {
        throw new SpecError(
          `${flag} message: the request already carries the alert's message as "message" (and the service test has a "message" option); pick another name, e.g. "text"`,
        );
      }
    }
  }
  // An option with a config field of the same name falls back to it when not given.
  for (const o of options) {
    const field = config.find((f) => f.name === o.name);
    if (field && field.type !== o.type && o.name !== input.listSection) {
      throw new SpecError(
        `--option ${o.name}: the config field "${o.name}" is its default when a task does not give it, so both need one type (the option is ${o.type}, --config ${o.name} is ${field.type})`,
      );
    }
  }

  let targetSecret = false;
  for (const name of input.secrets ?? []) {
    if (fixed.includes(name) && name === 'enabled')
      throw new SpecError('--secret enabled: a boolean switch cannot be a secret');
    if (fixed.includes(name)) {
      targetSecret = true;
      continue;
    }
    const field = config.find((f) => f.name === name);
    if (field) {
      if (field.type !== 'string')
        throw new SpecError(
          `--secret ${name}: only string config fields can be secrets (it is ${field.type})`,
        );
      field.secret = true;
    } else if (!fixed.includes(name)) {
      if (!fieldNamePattern.test(name))
        throw new SpecError(`--secret "${name}": must be a kebab-case config field name`);
      config.push({ name, type: 'string', default: '', description: '', secret: true });
    }
  }

  let listKey: string | undefined;
  if (input.listSection !== undefined) {
    listKey = input.listSection;
    if (!fieldNamePattern.test(listKey))
      throw new SpecError(
        `--list-section "${listKey}": the element key must be a kebab-case name, e.g. workspace`,
      );
    if (fixed.includes(listKey))
      throw new SpecError(
        `--list-section ${listKey}: "${listKey}" is already a config field; pick a key like "workspace" or "name"`,
      );
    const existing = config.find((f) => f.name === listKey);
    if (existing && existing.type !== 'string')
      throw new SpecError(`--list-section ${listKey}: the key field must be a string`);
    if (!existing)
      config.unshift({
        name: listKey,
        type: 'string',
        default: '',
        description: `Name of this [[${kind}]] element`,
        secret: false,
      });
    if (!options.some((o) => o.name === listKey)) {
      options.unshift({
        name: listKey,
        type: 'string',
        default: '',
        description: `Which [[${kind}]] element to use (default: the first one)`,
        secret: false,
      });
    }
  }
  let success: number[] | undefined;
  if (input.success !== undefined) {
    if (transport !== 'http-json' && transport !== 'http-form') {
      throw new SpecError(`--success: a ${transport} handler has no HTTP status`);
    }
    success = input.success.split(',').map((t) => {
      const n = Number(t.trim());
      if (!Number.isInteger(n) || n < 100 || n > 599) {
        throw new SpecError(`--success "${input.success}": give HTTP statuses, e.g. 200,204`);
      }
      return n;
    });
  }
  return {
    kind,
    tickName,
    transport,
    listKey,
    config,
    options,
    targetSecret,
    ...(success ? { success } : {}),
  };
}
