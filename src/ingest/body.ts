// A write body as bytes, parsed as parseLineProtocol parses its text. A large body is decoded
// and parsed in pieces of at most pieceBytes, cut at newlines: V8 puts a string over about
// 128 KB in its large-object space, where making one costs more than parsing it (a 200 KB body
// took 3.5 ms to decode whole and 0.1 ms in four pieces). Cutting is exact only where every
// newline ends a line, so only bodies without quotes and backslashes are cut (only those can
// carry a line past a newline); any failure parses the whole body again, so error messages
// and their line numbers are the same as for the whole text.

import { isAscii } from 'node:buffer';
import { parseLineProtocol, type ParseOptions, type ParsedPoint } from './line-protocol.js';

const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Pieces stay well under V8's large-object threshold (kMaxRegularHeapObjectSize, 128 KB). */
export const pieceBytes = 64 * 1024;

/**
 * Parses a body of UTF-8 bytes (line protocol is nearly always ASCII, decoded as latin1: the
 * same string, several times faster). Throws LineProtocolError as parseLineProtocol does.
 */
export function parseLineProtocolBody(body: Buffer, options: ParseOptions): ParsedPoint[] {
  const encoding = isAscii(body) ? 'latin1' : 'utf8';
  if (body.length <= pieceBytes || body.includes(QUOTE) || body.includes(BACKSLASH)) {
    return parseLineProtocol(body.toString(encoding), options);
  }
  const points: ParsedPoint[] = [];
  let start = 0;
  try {
    while (start < body.length) {
      // the last newline of the next piece (a newline is never inside a UTF-8 sequence)
      let end = body.length;
      if (end - start > pieceBytes) {
        const cut = body.lastIndexOf(NL, start + pieceBytes - 1);
        end = cut > start ? cut + 1 : body.length;
      }
      const parsed = parseLineProtocol(body.toString(encoding, start, end), options);
      for (let i = 0; i < parsed.length; i++) points.push(parsed[i]!);
      start = end;
    }
  } catch {
    // the whole text, for messages whose line numbers count from the body's first line
    return parseLineProtocol(body.toString(encoding), options);
  }
  return points;
}
