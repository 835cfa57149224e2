// The `json` and `jsonCompact` template functions Kapacitor adds for details templates and
// inline httppost templates: Go encoding/json of the argument. Like Kapacitor, an encoding
// error (NaN, ±Inf, a func) renders as the empty string rather than failing the template.

import { GoDuration } from '../../common/duration.js';
import {
  goEncode,
  goJSONValue,
  goMap,
  goMarshal,
  type GoValue,
  RawJSON,
} from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import { GoNamedInt } from './values.js';
import { setOwn } from '../../common/own.js';

class UnsupportedType extends Error {}

/** Template data → the value Go's encoding/json would see (maps sorted, durations as ns). */
export function toGoJSONValue(v: unknown): GoValue {
  switch (typeof v) {
    case 'undefined':
      return null;
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return v;
    case 'function':
    case 'symbol':
      throw new UnsupportedType(`json: unsupported type: ${typeof v}`);
  }
  if (v === null) return null;
  if (v instanceof GoTime || v instanceof RawJSON) return v;
  if (v instanceof GoDuration) return v.ns;
  if (v instanceof GoNamedInt) return v.value;
  if (goJSONValue in (v as object)) return (v as { [goJSONValue](): GoValue })[goJSONValue]();
  if (v instanceof Map) {
    const record: Record<string, GoValue> = {};
    for (const [k, val] of v as Map<unknown, unknown>)
      setOwn(record, String(k), toGoJSONValue(val));
    return goMap(record);
  }
  if (Array.isArray(v)) return v.map(toGoJSONValue);
  const out: Record<string, GoValue> = {};
  for (const [k, val] of Object.entries(v as object)) out[k] = toGoJSONValue(val);
  return out;
}

function checkArity(name: string, args: unknown[]): void {
  if (args.length !== 1)
    throw new Error(`wrong number of args for ${name}: want 1 got ${args.length}`);
}

/** `json`: json.NewEncoder(w).Encode(v) — compact JSON followed by a newline. */
export function jsonFunc(...args: unknown[]): string {
  checkArity('json', args);
  try {
    return goEncode(toGoJSONValue(args[0]));
  } catch {
    return '';
  }
}

/** `jsonCompact`: the same without the trailing newline. */
export function jsonCompactFunc(...args: unknown[]): string {
  checkArity('jsonCompact', args);
  try {
    return goMarshal(toGoJSONValue(args[0]));
  } catch {
    return '';
  }
}

/** Both functions, ready to pass as `funcs` to parseTemplate. */
export const jsonTemplateFuncs: Readonly<Record<string, (...args: unknown[]) => string>> = {
  json: jsonFunc,
  jsonCompact: jsonCompactFunc,
};
