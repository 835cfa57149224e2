// Go encoding/json, byte for byte: receivers compare Condenser's requests with Kapacitor's.
// - objects encode in insertion order (Go structs); build Go maps with `goMap` (sorted keys)
// - bigint is int64, number is float64 (integral floats print without a decimal point)
// - `<`, `>`, `&`, U+2028 and U+2029 are escaped as Go's HTML-safe encoder does
// - GoTime encodes as RFC3339Nano

import { GoTime } from './gotime.js';
import { setOwn } from './own.js';

export type GoValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | GoTime
  | RawJSON
  | readonly GoValue[]
  | { readonly [key: string]: GoValue };

/**
 * Objects that encode differently from how templates see them (Go's json tags vs field
 * names) expose their JSON form under this symbol.
 */
export const goJSONValue: unique symbol = Symbol.for('condenser.goJSONValue');
export interface HasGoJSON {
  [goJSONValue](): GoValue;
}

/** Pre-encoded JSON inserted verbatim (json.RawMessage). */
export class RawJSON {
  constructor(readonly json: string) {}
}

export class GoJSONError extends Error {}

export interface EncodeOptions {
  /** Escape <, > and & (Go's default for Marshal and Encoder). */
  escapeHTML?: boolean;
}

/** json.Marshal: compact, no trailing newline. */
export function goMarshal(value: GoValue, options: EncodeOptions = {}): string {
  const out: string[] = [];
  encodeValue(value, out, options.escapeHTML ?? true);
  // join makes one flat string: bodies and kept JSON do not hold a tree of pieces
  return out.join('');
}

/** json.Encoder.Encode: compact followed by a newline. */
export function goEncode(value: GoValue, options: EncodeOptions = {}): string {
  return goMarshal(value, options) + '\n';
}

/** Compare strings by code point, which is the byte order of their UTF-8 encodings. */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  for (let i = 0, j = 0; i < la && j < lb;) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** A copy of `record` with keys in Go map order (bytewise sorted). */
export function goMap<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const keys = Object.keys(record).sort(compareBytewise);
  const out: Record<string, T> = {};
  for (const k of keys) setOwn(out, k, record[k]!);
  return out;
}

function encodeValue(v: GoValue, out: string[], html: boolean): void {
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  switch (typeof v) {
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
      out.push(quoteGoString(v, html));
      return;
  }
  if (v instanceof GoTime) {
    out.push('"', v.toRFC3339Nano(), '"');
    return;
  }
  if (v instanceof RawJSON) {
    out.push(v.json);
    return;
  }
  if (goJSONValue in v) {
    encodeValue((v as HasGoJSON)[goJSONValue](), out, html);
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      encodeValue(v[i] as GoValue, out, html);
    }
    out.push(']');
    return;
  }
  const record = v as Record<string, GoValue>;
  out.push('{');
  let first = true;
  for (const k of Object.keys(record)) {
    const val = record[k];
    if (val === undefined) continue; // omitempty-style: callers drop fields by leaving them undefined
    out.push(first ? '' : ',', quoteGoString(k, html), ':');
    first = false;
    encodeValue(val, out, html);
  }
  out.push('}');
}

/** float64 as encoding/json writes it. */
export function formatGoFloat(f: number): string {
  if (!Number.isFinite(f)) throw new GoJSONError(`json: unsupported value: ${goFloatName(f)}`);
  if (Object.is(f, -0)) return '-0';
  // Go switches to exponent form below 1e-6 and at 1e21, like JavaScript, and trims the
  // exponent the same way (1e-7, 1e+21), so String() gives Go's bytes.
  return String(f);
}

function goFloatName(f: number): string {
  return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
}

/** Characters quoteGoString may have to write differently (tested natively, in one pass). */
// eslint-disable-next-line no-control-regex -- control characters are what Go escapes
const mayNeedEscape = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/**
 * Where JSON.stringify's text differs from Go's, besides `<`, `>` and `&`: `\b` and `\f` (Go
 * writes \u0008, \u000c), an escaped lone surrogate (Go writes U+FFFD) and U+2028/U+2029 (Go
 * escapes them). An escaped backslash is matched as a whole, so the `b` of `\\b` is never taken
 * for an escape; `mayDifferFromGo` may say yes for one, never no for the others.
 */
const mayDifferFromGo = /\\[bf]|\\ud[89a-f]|[\u2028\u2029]/;
const differsFromGo = /\\\\|\\[bf]|\\ud[89a-f][0-9a-f]{2}|[\u2028\u2029]/g;

function goEscape(match: string): string {
  switch (match) {
    case '\\\\':
      return match;
    case '\\b':
      return '\\u0008';
    case '\\f':
      return '\\u000c';
    case '\u2028':
      return '\\u2028';
    case '\u2029':
      return '\\u2029';
    default:
      return '\ufffd'; // a lone surrogate: invalid UTF-8 once encoded
  }
}

/** A JSON string literal as Go's encoding/json writes it. */
export function quoteGoString(s: string, html = true): string {
  // Most strings (names, tags, ids, levels) hold none: the common case is one regex test.
  if (!mayNeedEscape.test(s)) return `"${s}"`;
  // Otherwise JSON.stringify (native), then what Go writes differently. Kapacitor's default
  // details are HTML-escaped JSON, hundreds of `&`: replaced natively, not one by one.
  let json = JSON.stringify(s);
  if (mayDifferFromGo.test(json)) json = json.replace(differsFromGo, goEscape);
  if (html) {
    if (json.includes('&')) json = json.replaceAll('&', '\\u0026');
    if (json.includes('<')) json = json.replaceAll('<', '\\u003c');
    if (json.includes('>')) json = json.replaceAll('>', '\\u003e');
  }
  return json;
}
