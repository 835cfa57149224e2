// String built-ins with Go `strings` semantics. Positions and lengths are BYTE offsets of the
// UTF-8 encoding, as in Go, so they are converted from JS (UTF-16) indexes.

import type { GoRegexp } from '../../regex.js';
import type { Value } from '../values.js';
import { sig, stateless, type FunctionTable, type LambdaFunction } from './types.js';

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Byte offset of a JS string index, or -1 for "not found". */
const byteIndex = (s: string, index: number): bigint =>
  index < 0 ? -1n : BigInt(byteLength(s.slice(0, index)));

const codePoints = (s: string): string[] => Array.from(s);

function indexAny(s: string, chars: string, last: boolean): number {
  if (chars === '') return -1;
  const set = new Set(codePoints(chars));
  let found = -1;
  let i = 0;
  for (const c of s) {
    if (set.has(c)) {
      found = i;
      if (!last) return found;
    }
    i += c.length;
  }
  return found;
}

function count(s: string, sub: string): bigint {
  if (sub === '') return BigInt(codePoints(s).length + 1);
  return BigInt(s.split(sub).length - 1);
}

/** strings.Replace: at most n replacements (all when n < 0); an empty `old` matches between runes. */
function replace(s: string, old: string, repl: string, n: bigint): string {
  if (old === repl || n === 0n) return s;
  let remaining = n < 0n ? Infinity : Number(n);
  if (old === '') {
    const runes = codePoints(s);
    let out = '';
    for (let i = 0; i <= runes.length; i++) {
      if (remaining > 0) {
        out += repl;
        remaining--;
      }
      if (i < runes.length) out += runes[i];
    }
    return out;
  }
  let out = '';
  let from = 0;
  while (remaining > 0) {
    const at = s.indexOf(old, from);
    if (at === -1) break;
    out += s.slice(from, at) + repl;
    from = at + old.length;
    remaining--;
  }
  return out + s.slice(from);
}

/** s[start:stop] on bytes, with Kapacitor's checks (stop must be < len(s): a real upstream quirk). */
function substring(s: string, start: bigint, stop: bigint): string {
  if (start < 0n) throw new Error(`found negative index for strSubstring: ${start}`);
  if (stop < 0n) throw new Error(`found negative index for strSubstring: ${stop}`);
  const bytes = Buffer.from(s, 'utf8');
  if (stop >= BigInt(bytes.length)) {
    throw new Error(`stop index too large for string in strSubstring: ${stop}`);
  }
  if (start > stop) throw new Error(`slice bounds out of range [${start}:${stop}]`);
  return bytes.subarray(Number(start), Number(stop)).toString('utf8');
}

function trimLeft(s: string, cutset: string): string {
  const cut = new Set(codePoints(cutset));
  const runes = codePoints(s);
  let i = 0;
  while (i < runes.length && cut.has(runes[i]!)) i++;
  return runes.slice(i).join('');
}

function trimRight(s: string, cutset: string): string {
  const cut = new Set(codePoints(cutset));
  const runes = codePoints(s);
  let j = runes.length;
  while (j > 0 && cut.has(runes[j - 1]!)) j--;
  return runes.slice(0, j).join('');
}

// Go's unicode.IsSpace set (JS's trim() would also strip U+FEFF).
const trimSpace = (s: string): string => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

const str1 = (f: (s: string) => Value, returns: 'string' | 'int'): LambdaFunction =>
  stateless([sig(['string'], returns)], (a) => f(a[0] as string));

const str2 = (
  f: (s: string, t: string) => Value,
  returns: 'string' | 'int' | 'bool',
): LambdaFunction =>
  stateless([sig(['string', 'string'], returns)], (a) => f(a[0] as string, a[1] as string));

export const stringFunctions: FunctionTable = {
  strContains: str2((s, t) => s.includes(t), 'bool'),
  strContainsAny: str2((s, t) => indexAny(s, t, false) >= 0, 'bool'),
  strCount: str2(count, 'int'),
  strHasPrefix: str2((s, t) => s.startsWith(t), 'bool'),
  strHasSuffix: str2((s, t) => s.endsWith(t), 'bool'),
  strIndex: str2((s, t) => byteIndex(s, s.indexOf(t)), 'int'),
  strIndexAny: str2((s, t) => byteIndex(s, indexAny(s, t, false)), 'int'),
  strLastIndex: str2((s, t) => byteIndex(s, s.lastIndexOf(t)), 'int'),
  strLastIndexAny: str2((s, t) => byteIndex(s, indexAny(s, t, true)), 'int'),
  strLength: str1((s) => BigInt(byteLength(s)), 'int'),
  strReplace: stateless([sig(['string', 'string', 'string', 'int'], 'string')], (a) =>
    replace(a[0] as string, a[1] as string, a[2] as string, a[3] as bigint),
  ),
  strSubstring: stateless([sig(['string', 'int', 'int'], 'string')], (a) =>
    substring(a[0] as string, a[1] as bigint, a[2] as bigint),
  ),
  strToLower: str1((s) => s.toLowerCase(), 'string'),
  strToUpper: str1((s) => s.toUpperCase(), 'string'),
  strTrim: str2((s, t) => trimRight(trimLeft(s, t), t), 'string'),
  strTrimLeft: str2(trimLeft, 'string'),
  strTrimRight: str2(trimRight, 'string'),
  strTrimPrefix: str2((s, p) => (p !== '' && s.startsWith(p) ? s.slice(p.length) : s), 'string'),
  strTrimSuffix: str2((s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s), 'string'),
  strTrimSpace: str1(trimSpace, 'string'),
  regexReplace: stateless([sig(['regex', 'string', 'string'], 'string')], (a) =>
    (a[0] as GoRegexp).replaceAll(a[1] as string, a[2] as string),
  ),
};
