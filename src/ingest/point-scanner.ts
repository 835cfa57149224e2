// One line of line protocol → one point, ported step by step from InfluxDB v1.9.6
// models/points.go (parsePoint, scanKey, scanFields, scanNumber, scanBoolean, scanTime,
// walkFields and the field iterator), the parser Kapacitor links. The quirks are kept on
// purpose: escapes are "preceded by a backslash" tests, not proper pairs; validation
// (scanFields) and value extraction (the iterator) split fields slightly differently.
// Positions index the whole body string; nothing is sliced until a value is needed.

import type { FieldValue, Fields, Tags } from '../alert/event.js';
import { setOwn } from '../common/own.js';
import {
  INT64_MAX,
  INT64_MIN,
  MAX_NANO_TIME,
  MIN_NANO_TIME,
  timeOutOfRangeReason,
} from './precision.js';
import { skipWhitespace } from './line-splitter.js';
import { unescapeKey, unescapeStringValue, unescapeTag } from './unescape.js';

/** A parsed line: tags sorted by key, field values with Go's types, time in ns. */
export interface ParsedPoint {
  measurement: string;
  tags: Tags;
  fields: Fields;
  /** ns since the epoch */
  time: bigint;
}

/** Longest measurement + tags (+ 4 + a field key), in bytes. */
export const MAX_KEY_LENGTH = 65535;

const NL = 10;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const EQUALS = 61;
const UPPER_E = 69;
const UPPER_F = 70;
const UPPER_N = 78;
const UPPER_T = 84;
const BACKSLASH = 92;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_I = 105;
const LOWER_N = 110;
const LOWER_T = 116;
const LOWER_U = 117;

/** Go's isNumeric: a digit or a decimal point. */
function isNumeric(c: number): boolean {
  return (c >= ZERO && c <= NINE) || c === DOT;
}

/** UTF-8 length of s[a:b]; the key length limit is in bytes. */
function byteLength(s: string, a: number, b: number): number {
  return Buffer.byteLength(s.slice(a, b), 'utf8');
}

/**
 * Parses lines of one body. `parse(a, b)` returns the point of s[a:b] or undefined, in which
 * case `reason` holds Go's error text. Scratch arrays are reused from line to line.
 */
export class PointScanner {
  reason = '';
  private readonly tagKeys: string[] = [];
  private readonly tagValues: string[] = [];
  private readonly order: number[] = [];
  // Lines of a body usually repeat their keys: reusing last line's strings avoids a slice
  // and, for object keys, a string-table lookup per key.
  private readonly measurementCache = new SlotCache(unescapeKey);
  private readonly tagKeyCache = new SlotCache(unescapeTag);
  private readonly tagValueCache = new SlotCache(unescapeTag);
  private readonly fieldKeyCache = new SlotCache(unescapeKey);

  constructor(
    private readonly s: string,
    /** Time of points without a timestamp (already truncated to the precision). */
    private readonly defaultTime: bigint,
    /** ns per timestamp unit */
    private readonly unitNanos: bigint,
  ) {}

  parse(a: number, b: number): ParsedPoint | undefined {
    const s = this.s;
    // --- measurement (scanMeasurement)
    if (s.charCodeAt(a) === COMMA) return this.fail('missing measurement');
    let i = a;
    let measurementEnd: number;
    let hasTags: boolean;
    for (;;) {
      i++;
      if (i >= b) return this.fail('missing fields');
      if (s.charCodeAt(i - 1) === BACKSLASH) continue;
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        measurementEnd = i;
        hasTags = true;
        i++;
        break;
      }
      if (c === SPACE) {
        measurementEnd = i;
        hasTags = false;
        break;
      }
    }
    // --- tags (scanTags)
    let tagCount = 0;
    if (hasTags) {
      for (;;) {
        i = this.scanTag(i, b, tagCount);
        if (i < 0) return undefined;
        tagCount++;
        if (s.charCodeAt(i) === SPACE) break;
        i++; // the comma before the next tag
      }
    }
    const keyEnd = i;
    if (tagCount > 1 && !this.sortTags(tagCount)) return this.fail('duplicate tags');
    // A UTF-16 unit is at most 3 UTF-8 bytes: measure exactly only near the limit.
    if ((keyEnd - a) * 3 > MAX_KEY_LENGTH) {
      const keyBytes = byteLength(s, a, keyEnd);
      if (keyBytes > MAX_KEY_LENGTH) {
        return this.fail(`max key length exceeded: ${keyBytes} > ${MAX_KEY_LENGTH}`);
      }
    }
    // --- fields (scanFields validates, walkFields/the iterator extract)
    const fieldsStart = skipWhitespace(s, keyEnd, b);
    const fieldsEnd = this.scanFields(fieldsStart, b);
    if (fieldsEnd < 0) return undefined;
    const fields = this.extractFields(fieldsStart, fieldsEnd, a, keyEnd);
    if (fields === undefined) return undefined;
    // --- timestamp (scanTime)
    const time = this.scanTime(fieldsEnd, b);
    if (time === undefined) return undefined;

    const tags: Tags = {};
    for (let t = 0; t < tagCount; t++) {
      const k = tagCount > 1 ? this.order[t]! : t;
      setOwn(tags, this.tagKeys[k]!, this.tagValues[k]!);
    }
    const measurement = this.measurementCache.get(s, 0, a, measurementEnd);
    return { measurement, tags, fields, time };
  }

  private fail(reason: string): undefined {
    this.reason = reason;
    return undefined;
  }

  /** scanTagsKey + scanTagsValue from `i`; returns the position of the `,`/` ` after it. */
  private scanTag(i: number, b: number, index: number): number {
    const s = this.s;
    const keyStart = i;
    let c = i < b ? s.charCodeAt(i) : -1;
    if (c === -1 || c === SPACE || c === COMMA || c === EQUALS)
      return this.failAt('missing tag key');
    for (;;) {
      i++;
      if (i >= b) return this.failAt('missing tag value');
      c = s.charCodeAt(i);
      const escaped = s.charCodeAt(i - 1) === BACKSLASH;
      if ((c === SPACE || c === COMMA) && !escaped) return this.failAt('missing tag value');
      if (c === EQUALS && !escaped) break;
    }
    const keyEnd = i;
    i++;
    const valueStart = i;
    c = i < b ? s.charCodeAt(i) : -1;
    if (c === -1 || c === COMMA || c === SPACE) return this.failAt('missing tag value');
    for (;;) {
      i++;
      if (i >= b) return this.failAt('missing fields');
      c = s.charCodeAt(i);
      if (s.charCodeAt(i - 1) === BACKSLASH) continue;
      if (c === EQUALS) return this.failAt('invalid tag format');
      if (c === COMMA || c === SPACE) break;
    }
    this.tagKeys[index] = this.tagKeyCache.get(s, index, keyStart, keyEnd);
    this.tagValues[index] = this.tagValueCache.get(s, index, valueStart, i);
    return i;
  }

  private failAt(reason: string): number {
    this.reason = reason;
    return -1;
  }

  /**
   * Orders `this.order` by tag key; false on a duplicate key. (UTF-16 order, which is
   * UTF-8 byte order except astral vs U+E000–U+FFFF; order is cosmetic for a record.)
   */
  private sortTags(count: number): boolean {
    const keys = this.tagKeys;
    const order = this.order;
    order.length = count;
    for (let t = 0; t < count; t++) order[t] = t;
    // insertion sort: lines are usually sorted already, and tag sets are small
    for (let t = 1; t < count; t++) {
      const moving = order[t]!;
      const key = keys[moving]!;
      let j = t - 1;
      while (j >= 0 && keys[order[j]!]! > key) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = moving;
    }
    for (let t = 1; t < count; t++) {
      if (keys[order[t]!] === keys[order[t - 1]!]) return false;
    }
    return true;
  }

  /** Go's scanFields: validates the field section; returns its end or -1. */
  private scanFields(i: number, b: number): number {
    const s = this.s;
    let quoted = false;
    let equals = 0;
    let commas = 0;
    while (i < b) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < b) {
        i += 2;
        continue;
      }
      if (c === QUOTE && equals > commas) {
        quoted = !quoted;
        i++;
        continue;
      }
      if (c === EQUALS && !quoted) {
        equals++;
        const before = s.charCodeAt(i - 1);
        const escaped = s.charCodeAt(i - 2) === BACKSLASH;
        if ((before === SPACE || before === COMMA) && !escaped) {
          return this.failAt('missing field key');
        }
        if (i + 1 >= b) return this.failAt('missing field value');
        const next = s.charCodeAt(i + 1);
        if (next === COMMA || next === SPACE) return this.failAt('missing field value');
        if (isNumeric(next) || next === MINUS || next === UPPER_N || next === LOWER_N) {
          i = this.scanNumber(i + 1, b);
          if (i < 0) return -1;
          continue;
        }
        if (next !== QUOTE) {
          i = this.scanBoolean(i + 1, b);
          if (i < 0) return -1;
          continue;
        }
      }
      if (c === COMMA && !quoted) commas++;
      if (c === SPACE && !quoted) break;
      i++;
    }
    if (quoted) return this.failAt('unbalanced quotes');
    if (equals === 0 || commas !== equals - 1) return this.failAt('invalid field format');
    return i;
  }

  /** Go's scanNumber: a float, an `i` integer, or (rejected) a `u` unsigned. */
  private scanNumber(i: number, b: number): number {
    const s = this.s;
    const start = i;
    let isInt = false;
    let isUnsigned = false;
    if (i < b && s.charCodeAt(i) === MINUS) {
      i++;
      if (i === b) return this.failAt('invalid number'); // a lone '-'
    }
    let decimal = false;
    let scientific = false;
    while (i < b) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === SPACE) break;
      if ((c === LOWER_I || c === LOWER_U) && i > start && !(isInt || isUnsigned)) {
        if (c === LOWER_I) isInt = true;
        else isUnsigned = true;
        i++;
        continue;
      }
      if (c === DOT) {
        if (decimal) return this.failAt('invalid number');
        decimal = true;
      }
      if (i > start && (c === LOWER_E || c === UPPER_E)) {
        scientific = true;
        i++;
        continue;
      }
      if (c === PLUS || c === MINUS) {
        const prev = s.charCodeAt(i - 1);
        if (prev === LOWER_E || prev === UPPER_E) {
          i++;
          continue;
        }
      }
      if (i + 2 < b && (c === UPPER_N || c === LOWER_N)) return this.failAt('invalid number');
      if (!isNumeric(c)) return this.failAt('invalid number');
      i++;
    }
    if ((isInt || isUnsigned) && (decimal || scientific)) return this.failAt('invalid number');
    let digits = i - start;
    if (isInt) digits--;
    if (decimal) digits--;
    if (s.charCodeAt(start) === MINUS) digits--;
    if (digits === 0) return this.failAt('invalid number');
    if (isInt) {
      if (s.charCodeAt(i - 1) !== LOWER_I) return this.failAt('invalid number');
      // 19+ characters may overflow int64 (Go parses only then)
      if (i - 1 - start >= 19) {
        const text = s.slice(start, i - 1);
        const value = BigInt(text);
        if (value < INT64_MIN || value > INT64_MAX) {
          return this.failAt(
            `unable to parse integer ${text}: strconv.ParseInt: parsing "${text}": value out of range`,
          );
        }
      }
    } else if (isUnsigned) {
      // Kapacitor's parser build leaves uint64 support disabled
      return this.failAt('invalid number');
    } else if (scientific || i - start >= 25) {
      // 25+ characters may overflow float64; anything scientific may be malformed ("1e")
      if (!Number.isFinite(Number(s.slice(start, i)))) return this.failAt('invalid float');
    }
    return i;
  }

  /** Go's scanBoolean: t T true True TRUE f F false False FALSE. */
  private scanBoolean(i: number, b: number): number {
    const s = this.s;
    const start = i;
    const first = s.charCodeAt(i);
    if (first !== LOWER_T && first !== LOWER_F && first !== UPPER_T && first !== UPPER_F) {
      return this.failAt('invalid boolean');
    }
    i++;
    while (i < b) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === SPACE) break;
      i++;
    }
    const length = i - start;
    if (length === 1) return i;
    let valid: boolean;
    switch (first) {
      case LOWER_T:
        valid = length === 4 && s.startsWith('true', start);
        break;
      case LOWER_F:
        valid = length === 5 && s.startsWith('false', start);
        break;
      case UPPER_T:
        valid = length === 4 && (s.startsWith('TRUE', start) || s.startsWith('True', start));
        break;
      default:
        valid = length === 5 && (s.startsWith('FALSE', start) || s.startsWith('False', start));
    }
    return valid ? i : this.failAt('invalid boolean');
  }

  /**
   * walkFields (max key length per field) and the field iterator: key up to the first
   * unescaped `=`, value up to the first `,` outside quotes; empty keys are skipped and a
   * repeated key keeps its last value, as Go's Fields() map does.
   */
  private extractFields(
    i: number,
    end: number,
    seriesKeyStart: number,
    seriesKeyEnd: number,
  ): Fields | undefined {
    const s = this.s;
    const fields: Fields = {};
    const seriesKeyChars = seriesKeyEnd - seriesKeyStart;
    for (let slot = 0; i < end; slot++) {
      const keyStart = i;
      while (i < end) {
        if (s.charCodeAt(i) === EQUALS && (i === keyStart || s.charCodeAt(i - 1) !== BACKSLASH)) {
          break;
        }
        i++;
      }
      const keyEnd = i;
      const keyChars = keyEnd - keyStart;
      if ((seriesKeyChars + keyChars) * 3 + 4 > MAX_KEY_LENGTH) {
        const size =
          byteLength(s, seriesKeyStart, seriesKeyEnd) + 4 + byteLength(s, keyStart, keyEnd);
        if (size > MAX_KEY_LENGTH) {
          return this.fail(`max key length exceeded: ${size} > ${MAX_KEY_LENGTH}`);
        }
      }
      i++; // '='
      const valueStart = i;
      let quoted = false;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (c === BACKSLASH && i + 1 < end) {
          const next = s.charCodeAt(i + 1);
          if (next === QUOTE || next === BACKSLASH) {
            i += 2;
            continue;
          }
        }
        if (c === QUOTE) quoted = !quoted;
        else if (c === COMMA && !quoted) break;
        i++;
      }
      const valueEnd = Math.min(i, end);
      i++; // ','
      if (keyChars === 0 || valueEnd <= valueStart) continue;
      const key = this.fieldKeyCache.get(s, slot, keyStart, keyEnd);
      if (key === '') continue;
      setOwn(fields, key, this.fieldValue(valueStart, valueEnd));
    }
    return fields;
  }

  /** The iterator's typing: by first character, then the suffix for numbers. */
  private fieldValue(a: number, b: number): FieldValue {
    const s = this.s;
    const first = s.charCodeAt(a);
    if (first === QUOTE) return unescapeStringValue(s.slice(a + 1, b - 1));
    if (isNumeric(first) || first === MINUS) {
      return s.charCodeAt(b - 1) === LOWER_I ? parseInt64(s, a, b - 1) : parseFloat64(s, a, b);
    }
    // validated by scanBoolean; the first letter decides
    return first === LOWER_T || first === UPPER_T;
  }

  /** Go's scanTime plus the conversion (SafeCalcTime) and the trailing-garbage check. */
  private scanTime(i: number, b: number): bigint | undefined {
    const s = this.s;
    const start = skipWhitespace(s, i, b);
    i = start;
    while (i < b) {
      const c = s.charCodeAt(i);
      if (c === NL || c === SPACE) break;
      if (!(i === start && c === MINUS) && (c < ZERO || c > NINE)) {
        return this.fail('bad timestamp');
      }
      i++;
    }
    if (i === start) return this.defaultTime;
    const text = s.slice(start, i);
    if (text === '-') return this.fail('strconv.ParseInt: parsing "-": invalid syntax');
    const value = parseInt64(s, start, i);
    if (value < INT64_MIN || value > INT64_MAX) {
      return this.fail(`strconv.ParseInt: parsing "${text}": value out of range`);
    }
    const time = value * this.unitNanos;
    if (time < MIN_NANO_TIME || time > MAX_NANO_TIME) return this.fail(timeOutOfRangeReason);
    for (; i < b; i++) {
      if (s.charCodeAt(i) !== SPACE) return this.fail('point is invalid');
    }
    return time;
  }
}

/** Per position (nth tag key, nth field key…): last line's raw text and its unescaped string. */
class SlotCache {
  private readonly raw: string[] = [];
  private readonly cooked: string[] = [];
  constructor(private readonly unescape: (raw: string) => string) {}

  /** The unescaped string of s[a:b], reused when slot held the same text last time. */
  get(s: string, slot: number, a: number, b: number): string {
    const last = this.raw[slot];
    if (last !== undefined && last.length === b - a && s.startsWith(last, a)) {
      return this.cooked[slot]!;
    }
    const raw = s.slice(a, b);
    const cooked = this.unescape(raw);
    this.raw[slot] = raw;
    this.cooked[slot] = cooked;
    return cooked;
  }
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A validated float literal in s[a:b]. Plain decimals with at most 15 digits take the exact
 * fast path (an integer below 2^53 divided by an exact power of ten rounds correctly, as
 * Go's ParseFloat); anything else goes through Number().
 */
function parseFloat64(s: string, a: number, b: number): number {
  if (b - a <= 17) {
    const negative = s.charCodeAt(a) === MINUS;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1;
    let i = negative ? a + 1 : a;
    for (; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      } else if (c === DOT) {
        fraction = digits;
      } else {
        break; // an exponent
      }
    }
    if (i === b && digits <= 15) {
      const value = fraction < 0 ? mantissa : mantissa / POWERS_OF_TEN[digits - fraction]!;
      return negative ? -value : value;
    }
  }
  return Number(s.slice(a, b));
}

/**
 * An optionally signed run of digits in s[a:b] as a bigint (not range-checked). Up to 15
 * characters fit a double exactly, which is much faster than BigInt(string).
 */
function parseInt64(s: string, a: number, b: number): bigint {
  if (b - a > 15) return BigInt(s.slice(a, b));
  const negative = s.charCodeAt(a) === MINUS;
  let n = 0;
  for (let i = negative ? a + 1 : a; i < b; i++) n = n * 10 + (s.charCodeAt(i) - ZERO);
  return BigInt(negative ? -n : n);
}
