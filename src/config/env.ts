// Kapacitor-style environment overrides: KAPACITOR_<SECTION>_<KEY>, with `-` and `.` written
// as `_`; list elements by index (KAPACITOR_HTTPPOST_0_URL); nested tables by key
// (KAPACITOR_HTTPPOST_0_BASIC_AUTH_USERNAME). Unknown KAPACITOR_ variables are ignored, as
// Kapacitor does (KAPACITOR_URL, KAPACITOR_CONFIG_PATH are for other things).

import type { z } from 'zod';
import { ConfigError, type SectionDef } from './section.js';

export type RawTable = Record<string, unknown>;

const norm = (s: string): string => s.toUpperCase().replace(/[-.]/g, '_');

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } };
  for (;;) {
    const t = s.def.type;
    if (
      (t === 'default' || t === 'optional' || t === 'nullable' || t === 'prefault') &&
      s.def.innerType
    ) {
      s = s.def.innerType as typeof s;
    } else if (t === 'pipe' && s.def.in) {
      s = s.def.in as typeof s;
    } else return s;
  }
}

function typeOf(schema: z.ZodType): string {
  return (unwrap(schema) as unknown as { def: { type: string } }).def.type;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const inner = unwrap(schema) as unknown as {
    def: { type: string; shape?: Record<string, z.ZodType> };
  };
  return inner.def.type === 'object' ? inner.def.shape : undefined;
}

/** Convert an environment string to the field's type; throws a message on bad input. */
function convert(schema: z.ZodType, text: string, envName: string): unknown {
  switch (typeOf(schema)) {
    case 'boolean':
      if (/^(true|1|t)$/i.test(text)) return true;
      if (/^(false|0|f)$/i.test(text)) return false;
      throw new ConfigError(envName, `expected true or false, got "${text}"`, 'environment');
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) {
        throw new ConfigError(envName, `expected a number, got "${text}"`, 'environment');
      }
      return n;
    }
    case 'array':
      return text === '' ? [] : text.split(',').map((s) => s.trim());
    case 'record':
      return Object.fromEntries(
        text
          .split(',')
          .filter((p) => p !== '')
          .map((pair) => {
            const i = pair.indexOf('=');
            if (i <= 0)
              throw new ConfigError(
                envName,
                `expected key=value pairs, got "${text}"`,
                'environment',
              );
            return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
          }),
      );
    default:
      return text;
  }
}

/** Apply every matching environment variable to one element's raw table, in place. */
function applyToElement(
  shape: Record<string, z.ZodType>,
  prefix: string,
  target: RawTable,
  env: Record<string, string | undefined>,
  applied: Map<string, string>,
  path: string,
): void {
  for (const [key, fieldSchema] of Object.entries(shape)) {
    const name = `${prefix}_${norm(key)}`;
    const nested = shapeOf(fieldSchema);
    if (nested) {
      const hasAny = Object.keys(env).some((k) => k.startsWith(`${name}_`));
      if (!hasAny) continue;
      const sub = (
        typeof target[key] === 'object' && target[key] !== null ? target[key] : {}
      ) as RawTable;
      target[key] = sub;
      applyToElement(nested, name, sub, env, applied, `${path}.${key}`);
      continue;
    }
    const value = env[name];
    if (value === undefined) continue;
    target[key] = convert(fieldSchema, value, name);
    applied.set(`${path}.${key}`, name);
  }
}

/**
 * Apply KAPACITOR_* variables to the raw (TOML) config. Returns which key paths came from
 * which variable, so validation errors can name the variable.
 */
export function applyEnvOverrides(
  raw: RawTable,
  sections: Record<string, SectionDef>,
  env: Record<string, string | undefined>,
): Map<string, string> {
  const applied = new Map<string, string>();
  for (const [name, def] of Object.entries(sections)) {
    const prefix = `KAPACITOR_${norm(name)}`;
    const shape = def.schema.shape as Record<string, z.ZodType>;
    if (!def.list) {
      const hasAny = Object.keys(env).some((k) => k.startsWith(`${prefix}_`));
      if (!hasAny) continue;
      const table = (raw[name] && typeof raw[name] === 'object' ? raw[name] : {}) as RawTable;
      raw[name] = table;
      applyToElement(shape, prefix, table, env, applied, name);
      continue;
    }
    const indexes = new Set<number>();
    for (const k of Object.keys(env)) {
      const m = new RegExp(`^${prefix}_(\\d+)_`).exec(k);
      if (m) indexes.add(Number(m[1]));
    }
    if (indexes.size === 0) continue;
    let list = raw[name];
    if (list === undefined) list = def.list.defaults.map((d) => ({ ...(d as RawTable) }));
    else if (!Array.isArray(list)) list = [list];
    const items = list as RawTable[];
    for (const i of [...indexes].sort((a, b) => a - b)) {
      if (i > items.length) {
        throw new ConfigError(
          `${prefix}_${i}_...`,
          `index ${i} skips elements: [[${name}]] has ${items.length}; use index ${items.length} to add one`,
          'environment',
        );
      }
      if (i === items.length) items.push({});
      applyToElement(shape, `${prefix}_${i}`, items[i]!, env, applied, `${name}[${i}]`);
    }
    raw[name] = items;
  }
  return applied;
}
