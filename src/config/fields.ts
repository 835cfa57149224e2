// Field builders for config sections and handler options. One zod schema per field carries
// the TypeScript type, validation, the default and the docs; the `fieldInfo` registry adds
// what zod has no slot for (the value kind for rendering, whether it is a secret).

import { z } from 'zod';
import { formatGoDuration, parseGoDuration } from '../common/duration.js';
import { parseTemplate } from '../tick/template/index.js';
import { redactValue, type FieldLookup } from './redact.js';
import {
  fileModeProblem,
  headerMapProblem,
  headerValueProblem,
  hostPortProblem,
  httpURLProblem,
  type HostPortRules,
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

/**
 * An http(s) URL (parsed, no spaces or control characters); `''` means unset. With
 * `template`, Go template actions (`{{ .ID }}`) may stand anywhere but the scheme. The
 * password of its userinfo and credential-like query parameters are redacted when read back.
 */
export function httpURL(def: string, description: string, opts: { template?: boolean } = {}) {
  return withInfo(
    refined(z.string(), (v) => httpURLProblem(v, opts.template ?? false)).default(def),
    {
      kind: 'string',
      description,
      secret: false,
      redaction: 'url',
      destination: true,
      defaultText: show(def),
    },
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
