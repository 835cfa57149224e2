// Parsing a write body of InfluxDB line protocol the way Kapacitor does (InfluxDB v1.9.6
// ParsePointsWithPrecision): lines split outside quoted strings, blank and `#` comment lines
// skipped, every bad line reported, and all-or-nothing — one bad line fails the body.

import { LineSplitter, skipWhitespace } from './line-splitter.js';
import { PointScanner, type ParsedPoint } from './point-scanner.js';
import { precisionUnitNanos, truncateToPrecision } from './precision.js';

export type { ParsedPoint } from './point-scanner.js';
export { MAX_KEY_LENGTH } from './point-scanner.js';

export interface ParseOptions {
  /** `n` (default), `u`, `ms`, `s`, `m`, `h`; anything else means nanoseconds. */
  precision: string;
  /** The server's current time in ns; timestamp-less points get it truncated to the precision. */
  now: bigint;
}

/** One line that failed to parse. */
export interface LineFailure {
  /** 1-based number of the line's first character in the body */
  line: number;
  /** the line as received, leading blanks stripped */
  text: string;
  /** InfluxDB's reason, e.g. `missing field value` */
  reason: string;
}

/**
 * Every failed line of a body. The message is Kapacitor's `unable to parse '<line>': <reason>`
 * per line joined with `\n`, plus ` (line N)` after each reason: Kapacitor's text has no line
 * number, but a body of thousands of lines is hard to fix without one.
 */
export class LineProtocolError extends Error {
  constructor(readonly failures: readonly LineFailure[]) {
    super(failures.map(describeFailure).join('\n'));
    this.name = 'LineProtocolError';
  }
}

export function describeFailure(f: LineFailure): string {
  return `unable to parse '${f.text}': ${f.reason} (line ${f.line})`;
}

const NL = 10;
const HASH = 35;

/** Parses a whole body; throws LineProtocolError listing every bad line. */
export function parseLineProtocol(body: string, options: ParseOptions): ParsedPoint[] {
  const scanner = new PointScanner(
    body,
    truncateToPrecision(options.now, options.precision),
    precisionUnitNanos(options.precision),
  );
  const points: ParsedPoint[] = [];
  const failures: LineFailure[] = [];
  const splitter = new LineSplitter(body);
  const lines = new LineCounter(body);
  const n = body.length;
  let pos = 0;
  while (pos < n) {
    const blockStart = pos;
    const lineEnd = splitter.lineEnd(pos);
    pos = lineEnd + 1;
    let end = lineEnd < n ? lineEnd : n;
    const start = skipWhitespace(body, blockStart, end);
    if (start >= end || body.charCodeAt(start) === HASH) continue;
    // an escaped newline ends up inside the block; Go strips one at the end
    if (body.charCodeAt(end - 1) === NL) end--;
    const point = scanner.parse(start, end);
    if (point !== undefined) {
      points.push(point);
    } else {
      failures.push({
        line: lines.lineAt(blockStart),
        text: body.slice(start, end),
        reason: scanner.reason,
      });
    }
  }
  if (failures.length > 0) throw new LineProtocolError(failures);
  return points;
}

/** Line numbers on demand: failures are rare, so newlines are only counted when one occurs. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly body: string) {}

  /** The line number of `offset`; offsets must not decrease between calls. */
  lineAt(offset: number): number {
    for (let i = this.body.indexOf('\n', this.pos); i >= 0 && i < offset;) {
      this.line++;
      i = this.body.indexOf('\n', i + 1);
    }
    this.pos = offset;
    return this.line;
  }
}
