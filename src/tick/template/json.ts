// The `json` and `jsonCompact` template functions Kapacitor adds for details templates and
// inline httppost templates: Go encoding/json of the argument. Like Kapacitor, an encoding
// error (NaN, ±Inf, a func) renders as the empty string rather than failing the template.

import { GoDuration } from '../../common/duration.js';
import {
  compareBytewise,
  formatGoFloat,
  goJSONValue,
  goMarshal,
  type GoValue,
  quoteGoString,
  RawJSON,
} from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import { GoNamedInt } from './values.js';
import { setOwn } from '../../common/own.js';

class UnsupportedType extends Error {}

/**
 * Template data as Go's encoding/json writes it (maps sorted, durations as ns), encoded in
 * one pass without an intermediate tree: details templates (`{{ json . }}`, Kapacitor's
 * default) run it for every event.
 */
export function marshalTemplateValue(v: unknown): string {
  const out: string[] = [];
  encodeTemplateValue(v, out);
  return out.join('');
}

function encodeTemplateValue(v: unknown, out: string[]): void {
  switch (typeof v) {
    case 'undefined':
      out.push('null');
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'number':
      out.push(formatGoFloat(v));
      return;
    case 'bigint':
      out.push(v.toString());
      return;
    case 'string':
      out.push(quoteGoString(v));
      return;
    case 'function':
    case 'symbol':
      throw new UnsupportedType(`json: unsupported type: ${typeof v}`);
  }
  if (v === null) out.push('null');
  else if (v instanceof GoTime || v instanceof RawJSON) out.push(goMarshal(v));
  else if (v instanceof GoDuration) out.push(v.ns.toString());
  else if (v instanceof GoNamedInt) out.push(v.value.toString());
  else if (goJSONValue in (v as object))
    out.push(goMarshal((v as { [goJSONValue](): GoValue })[goJSONValue]()));
  else if (v instanceof Map) {
    // Go sorts map keys; keys that print alike collapse to the last, as in a Go map.
    const record: Record<string, unknown> = {};
    for (const [k, val] of v as Map<unknown, unknown>) setOwn(record, String(k), val);
    out.push('{');
    const keys = Object.keys(record).sort(compareBytewise);
    for (let i = 0; i < keys.length; i++) {
      out.push(i === 0 ? '' : ',', quoteGoString(keys[i]!), ':');
      encodeTemplateValue(record[keys[i]!], out);
    }
    out.push('}');
  } else if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      encodeTemplateValue(v[i], out);
    }
    out.push(']');
  } else {
    const struct = v as Record<string, unknown>;
    const keys = Object.keys(struct);
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      out.push(i === 0 ? '' : ',', quoteGoString(keys[i]!), ':');
      encodeTemplateValue(struct[keys[i]!], out);
    }
    out.push('}');
  }
}

function checkArity(name: string, args: unknown[]): void {
  if (args.length !== 1)
    throw new Error(`wrong number of args for ${name}: want 1 got ${args.length}`);
}

/** `json`: json.NewEncoder(w).Encode(v) — compact JSON followed by a newline. */
export function jsonFunc(...args: unknown[]): string {
  checkArity('json', args);
  try {
    return marshalTemplateValue(args[0]) + '\n';
  } catch {
    return '';
  }
}

/** `jsonCompact`: the same without the trailing newline. */
export function jsonCompactFunc(...args: unknown[]): string {
  checkArity('jsonCompact', args);
  try {
    return marshalTemplateValue(args[0]);
  } catch {
    return '';
  }
}

/** Both functions, ready to pass as `funcs` to parseTemplate. */
export const jsonTemplateFuncs: Readonly<Record<string, (...args: unknown[]) => string>> = {
  json: jsonFunc,
  jsonCompact: jsonCompactFunc,
};
