// Splitting a body into lines as InfluxDB's scanLine does: a `\n` ends a line unless it is
// inside a quoted field value or escaped by a backslash.

const NUL = 0;
const TAB = 9;
const NL = 10;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const BACKSLASH = 92;

/** Skips spaces, tabs and NUL bytes (Go's skipWhitespace). */
export function skipWhitespace(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== NUL) break;
    i++;
  }
  return i;
}

/**
 * Finds line ends. Only a quote or a backslash can carry a line past a `\n`, so while the
 * next newline comes before both, it is found with native indexOf instead of char by char.
 */
export class LineSplitter {
  private nextQuote = -1;
  private nextBackslash = -1;

  constructor(private readonly s: string) {
    this.nextQuote = s.indexOf('"');
    this.nextBackslash = s.indexOf('\\');
  }

  /** Where the line starting at `pos` ends: a `\n` index or the body length (or one more). */
  lineEnd(pos: number): number {
    const s = this.s;
    let newline = s.indexOf('\n', pos);
    if (newline < 0) newline = s.length;
    if (this.nextQuote >= 0 && this.nextQuote < pos) this.nextQuote = s.indexOf('"', pos);
    if (this.nextBackslash >= 0 && this.nextBackslash < pos) {
      this.nextBackslash = s.indexOf('\\', pos);
    }
    const quoteBefore = this.nextQuote >= 0 && this.nextQuote < newline;
    const backslashBefore = this.nextBackslash >= 0 && this.nextBackslash < newline;
    return quoteBefore || backslashBefore ? scanLineEnd(s, pos, s.length) : newline;
  }
}

/**
 * Where the line starting at `i` ends (Go's scanLine): the next `\n` outside a quoted field
 * value. A backslash skips the next character, a `\n` included. May return `end + 1`.
 */
export function scanLineEnd(s: string, i: number, end: number): number {
  let quoted = false;
  let inFields = false;
  let equals = 0;
  let commas = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === SPACE) inFields = true;
    if (inFields) {
      if (!quoted && c === EQUALS) {
        i++;
        equals++;
        continue;
      } else if (!quoted && c === COMMA) {
        i++;
        commas++;
        continue;
      } else if (c === QUOTE && equals > commas) {
        i++;
        quoted = !quoted;
        continue;
      }
    }
    if (c === NL && !quoted) break;
    i++;
  }
  return i;
}
