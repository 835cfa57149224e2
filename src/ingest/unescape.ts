// The escape rules of each part of a line, as InfluxDB 1.9 applies them when it reads a
// parsed point back (escape.Unescape, unescapeTag, unescapeStringField). Each rule is a
// single left-to-right pass; a backslash before any other character stays.

const BACKSLASH = 92;
const COMMA = 44;
const SPACE = 32;
const EQUALS = 61;
const QUOTE = 34;

/** Measurement names and field keys: `\,` `\ ` `\=` `\"` lose their backslash. */
export function unescapeKey(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : dropBackslashes(raw, true);
}

/** Tag keys and values: `\,` `\ ` `\=` lose their backslash. */
export function unescapeTag(raw: string): string {
  return raw.indexOf('\\') < 0 ? raw : dropBackslashes(raw, false);
}

function dropBackslashes(raw: string, quoteToo: boolean): string {
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i >= 0 && i + 1 < raw.length; i = raw.indexOf('\\', i + 1)) {
    const next = raw.charCodeAt(i + 1);
    if (next === COMMA || next === SPACE || next === EQUALS || (quoteToo && next === QUOTE)) {
      out += raw.slice(from, i);
      from = i + 1;
      i++; // the escaped character is taken as is
    }
  }
  return out + raw.slice(from);
}

/** String field values (between the quotes): `\"` → `"`, `\\` → `\`. */
export function unescapeStringValue(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('\\'); i >= 0 && i + 1 < raw.length; i = raw.indexOf('\\', i + 1)) {
    const next = raw.charCodeAt(i + 1);
    if (next === QUOTE || next === BACKSLASH) {
      out += raw.slice(from, i);
      from = i + 1;
      i++;
    }
  }
  return out + raw.slice(from);
}
