// Conversion of literal token text to values, as Kapacitor's AST constructors do it (newNumber,
// newDur, newString, newReference, newRegex, newComment). Errors here carry no position:
// Kapacitor reports them as `parser: <message>` without a line.

import { parseInfluxDuration } from './influxql-duration.js';
import { GoRegexp } from './regex.js';

export type NumberValue = { isInt: true; value: bigint } | { isInt: false; value: number };

const MAX_INT64 = 9_223_372_036_854_775_807n;

/** Integer (a leading 0 means octal) or float; `08` is `illegal number syntax: "08"`. */
export function parseNumberLiteral(text: string): NumberValue {
  if (text.includes('.')) {
    if (/^[0-9]*\.[0-9]*$/.test(text) && text !== '.') return { isInt: false, value: Number(text) };
    throw new Error(`illegal number syntax: ${goQuote(text)}`);
  }
  const octal = text.length > 1 && text.startsWith('0');
  const valid = octal ? /^[0-7]+$/.test(text) : /^[0-9]+$/.test(text);
  if (valid) {
    const value = octal ? BigInt(`0o${text}`) : BigInt(text);
    if (value <= MAX_INT64) return { isInt: true, value };
  }
  throw new Error(`illegal number syntax: ${goQuote(text)}`);
}

export function parseDurationLiteral(text: string): bigint {
  return parseInfluxDuration(text);
}

/** `'...'` (with `\'` unescaped) or `'''...'''` (raw). */
export function parseStringLiteral(text: string): { value: string; tripleQuoted: boolean } {
  if (text.length >= 6 && text.startsWith("'''")) {
    return { value: text.slice(3, -3), tripleQuoted: true };
  }
  return { value: unescapeChar(text.slice(1, -1), "'"), tripleQuoted: false };
}

/** `"..."` with `\"` unescaped. */
export function parseReferenceLiteral(text: string): string {
  return unescapeChar(text.slice(1, -1), '"');
}

/** `/.../` with `\/` unescaped, compiled as RE2. */
export function parseRegexLiteral(text: string): { value: GoRegexp; literal: string } {
  const literal = text.slice(1, -1);
  return { value: new GoRegexp(unescapeChar(literal, '/')), literal };
}

/** Kapacitor's comment text: each line trimmed, `//` and one space removed, blank lines dropped. */
export function commentLines(tokens: string[]): string[] {
  const lines: string[] = [];
  tokens.forEach((token, i) => {
    if (i !== 0) lines.push('\n');
    for (const raw of token.split('\n')) {
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      let line = trimmed.startsWith('//') ? trimmed.slice(2) : trimmed;
      if (line.startsWith(' ')) line = line.slice(1);
      lines.push(line);
    }
  });
  return lines;
}

function unescapeChar(s: string, quote: string): string {
  return s.split(`\\${quote}`).join(quote);
}

/** Go's %q for an ASCII-ish string (enough for number literal text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
