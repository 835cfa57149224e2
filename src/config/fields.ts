// Field builders for config sections and handler options. One zod schema per field carries
// the TypeScript type, validation, the default and the docs; the `fieldInfo` registry adds
// what zod has no slot for (the value kind for rendering, whether it is a secret).

import { z } from 'zod';
import { formatGoDuration, parseGoDuration } from '../common/duration.js';

export type FieldKind =
  'string' | 'bool' | 'int' | 'float' | 'duration' | 'stringList' | 'stringMap' | 'object' | 'list';

export interface FieldInfo {
  kind: FieldKind;
  description: string;
  /** Shown as a boolean by the config API and redacted in `condenser config` and logs. */
  secret: boolean;
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
      if (typeof v === 'number') return v;
      try {
        return Number(parseGoDuration(v));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `invalid duration ${show(v)} (use Go form, e.g. "30s", "1h30m")`,
        });
        return z.NEVER;
      }
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

/** Render a field value the way the config API shows it (durations as Go strings). */
export function apiValue(schema: z.ZodType, value: unknown): unknown {
  const info = infoOf(schema);
  if (info?.secret) return isSet(value);
  if (info?.kind === 'duration' && typeof value === 'number') return formatGoDuration(value);
  return value;
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
      .default(def),
    { kind: 'duration', description, secret: false, defaultText: show(def) },
  );
}
