// A write body parsed from its bytes (src/ingest/body.ts) gives exactly what parsing its whole
// text gives: the same points in order, the same `now` for timestamp-less points and, for a bad
// body, the same error with line numbers counted from the body's first line, whether the body
// is cut into pieces (large, no quotes or backslashes) or not.

import { describe, expect, it } from 'vitest';
import { parseLineProtocolBody, pieceBytes } from '../../src/ingest/body.js';
import { LineProtocolError, parseLineProtocol } from '../../src/ingest/line-protocol.js';

const options = { precision: 'n', now: 1_700_000_000_123_456_789n };

/** Lines until the body is `bytes` long at least; every 7th point has no timestamp. */
function body(bytes: number, line: (i: number) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

const numeric = (i: number): string =>
  `cpu,host=h${i % 97},région=é${i % 3} value=${i}.5,n=${i}i${i % 7 === 0 ? '' : ` ${1_700_000_000_000_000_000 + i}`}`;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LineProtocolError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('parseLineProtocolBody', () => {
  it('parses a body of several pieces as its whole text (ASCII and UTF-8, blank and comment lines)', () => {
    for (const text of [
      body(pieceBytes * 3.5, (i) => numeric(i).replace(/région=é\d/, 'dc=x')),
      body(pieceBytes * 3.5, numeric),
      body(pieceBytes * 2.2, (i) =>
        i % 11 === 0 ? '# a comment' : i % 13 === 0 ? '' : numeric(i),
      ),
    ]) {
      expect(text.length).toBeGreaterThan(pieceBytes * 2);
      const points = parseLineProtocolBody(Buffer.from(text), options);
      expect(points).toEqual(parseLineProtocol(text, options));
    }
  });

  it('reports a bad line of a later piece with its line number in the whole body', () => {
    const lines = body(pieceBytes * 3, numeric).split('\n');
    const bad = Math.floor(lines.length * 0.8);
    lines[bad] = 'cpu,host=a value=';
    const text = lines.join('\n');
    const message = errorOf(() => parseLineProtocolBody(Buffer.from(text), options));
    expect(message).toBe(errorOf(() => parseLineProtocol(text, options)));
    expect(message).toContain(`(line ${bad + 1})`);
  });

  it('keeps newlines inside quoted field values and after backslashes in one line', () => {
    const text = body(pieceBytes * 2.5, (i) =>
      i % 50 === 0
        ? `log,host=h${i} msg="first\nsecond ${i}",n=${i}i ${i}`
        : i % 51 === 0
          ? `m,t=a\\\nb v=${i} ${i}`
          : numeric(i),
    );
    const points = parseLineProtocolBody(Buffer.from(text), options);
    expect(points).toEqual(parseLineProtocol(text, options));
    expect(points.some((p) => p.fields.msg === 'first\nsecond 50')).toBe(true);
  });
});
