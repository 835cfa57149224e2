// Byte-based positions over a TICKscript source. Kapacitor reports positions as byte offsets of
// the UTF-8 text (a multi-byte character counts as several columns), so every position here is
// a byte offset, with line/column derived from it exactly as Kapacitor's lexer does.

export interface Position {
  /** Byte offset from the start of the source. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based byte column. */
  column: number;
}

const NEWLINE = 0x0a;

export class SourceText {
  readonly bytes: Buffer;
  /** Byte offsets of every newline, ascending: a position is a binary search, not a scan. */
  private readonly newlines: number[] = [];

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    for (let i = this.bytes.indexOf(NEWLINE); i !== -1; i = this.bytes.indexOf(NEWLINE, i + 1))
      this.newlines.push(i);
  }

  position(offset: number): Position {
    const end = Math.min(offset, this.bytes.length);
    // The number of newlines before `end`.
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.newlines[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    const lastNewline = lo === 0 ? -1 : this.newlines[lo - 1]!;
    return { offset, line: lo + 1, column: offset - lastNewline };
  }

  /** Up to 10 bytes either side of `offset`, clipped to its line (the `in "..."` of parse errors). */
  context(offset: number): string {
    const radius = 10;
    const len = this.bytes.length;
    const at = Math.min(offset, len);
    let start = Math.max(0, at - radius);
    const before = this.bytes.subarray(start, at).lastIndexOf(NEWLINE);
    if (before !== -1) start += before + 1;
    let stop = Math.min(len, at + radius);
    const after = this.bytes.subarray(at, stop).indexOf(NEWLINE);
    if (after !== -1) stop = at + after;
    return this.bytes.subarray(start, stop).toString('utf8');
  }

  /** True if the byte range contains a newline. */
  hasNewline(from: number, to: number): boolean {
    return from < to && this.bytes.subarray(from, to).indexOf(NEWLINE) !== -1;
  }
}

/** UTF-8 length of one code point. */
export function utf8Width(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
