// Describe a strict object schema (a config section element, handler options, service-test
// options) field by field for the schema API: type, default, docs, secret. Fields made with
// the builders of fields.ts carry their docs in `fieldInfo`; anything else (e.g. [auth] users)
// is described from the zod schema itself.

import { z } from 'zod';
import type { FieldSchema, FieldType } from '../api/condenser.js';
import { apiValue, infoOf, type FieldKind } from './fields.js';

const kindTypes: Record<FieldKind, FieldType> = {
  string: 'string',
  bool: 'bool',
  int: 'int',
  float: 'float',
  duration: 'duration',
  stringList: 'stringList',
  stringMap: 'stringMap',
  object: 'object',
  list: 'list',
};

/** Strip the wrappers that do not change the value's shape. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; hasDefault: boolean } {
  let inner = schema;
  let optional = false;
  let hasDefault = false;
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      hasDefault = true;
      inner = inner.def.innerType as z.ZodType;
    } else if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.def.innerType as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      inner = inner.def.in as z.ZodType;
    } else return { inner, optional: optional && !hasDefault, hasDefault };
  }
}

function isStringRecord(s: z.ZodType): boolean {
  return (
    s instanceof z.ZodRecord && unwrap(s.def.valueType as z.ZodType).inner instanceof z.ZodString
  );
}

/** The type of a schema that was not made by a builder. */
function structuralType(inner: z.ZodType): FieldType {
  if (inner instanceof z.ZodString) return 'string';
  if (inner instanceof z.ZodBoolean) return 'bool';
  if (inner instanceof z.ZodNumber) return inner.format === 'safeint' ? 'int' : 'float';
  if (inner instanceof z.ZodEnum) return 'enum';
  if (inner instanceof z.ZodObject) return 'object';
  if (inner instanceof z.ZodRecord) return isStringRecord(inner) ? 'stringMap' : 'unknown';
  if (inner instanceof z.ZodArray) {
    const el = unwrap(inner.def.element as z.ZodType).inner;
    if (el instanceof z.ZodString) return 'stringList';
    if (el instanceof z.ZodObject) return 'list';
  }
  return 'unknown';
}

function defaultOf(schema: z.ZodType): unknown {
  const r = schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

/** One field of an object schema. */
export function describeField(name: string, schema: z.ZodType): FieldSchema {
  const info = infoOf(schema);
  const { inner, optional, hasDefault } = unwrap(schema);
  let type = info ? kindTypes[info.kind] : structuralType(inner);
  // A builder's `object` kind (secretObject) may wrap a list or a map: say what it holds.
  if (type === 'object' && !(inner instanceof z.ZodObject)) type = structuralType(inner);
  // `duration()` accepts Go strings (a pipe over string | number); `nanoseconds()` a number.
  const nanoseconds = type === 'duration' && inner instanceof z.ZodNumber;
  const value = hasDefault ? defaultOf(schema) : undefined;
  const shown = nanoseconds ? value : apiValue(schema, value);
  const field: FieldSchema = {
    name,
    type,
    default: shown === undefined ? null : shown,
    description: info?.description ?? inner.description ?? '',
    secret: info?.secret ?? false,
    optional,
  };
  if (type === 'duration') field.durationFormat = nanoseconds ? 'nanoseconds' : 'go';
  if (inner instanceof z.ZodEnum) field.values = inner.options.map(String);
  if (inner instanceof z.ZodObject) field.fields = describeFields(inner);
  if (inner instanceof z.ZodArray) {
    const el = unwrap(inner.def.element as z.ZodType).inner;
    if (el instanceof z.ZodObject) field.fields = describeFields(el);
  }
  return field;
}

/** Every field of a strict object schema, in declaration order. */
export function describeFields(schema: z.ZodObject): FieldSchema[] {
  return Object.entries(schema.shape).map(([name, s]) => describeField(name, s as z.ZodType));
}
