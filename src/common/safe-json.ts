// Decoding JSON that a client sent. JSON.parse itself is safe, but the value then travels
// through spreads, JSON patches and schema parsers; a `__proto__` key there can replace an
// object's prototype (or Object.prototype itself, through a patch path) and poison the
// process. Such keys, and nesting deep enough to overflow a recursive walker, are refused
// with a 400 that names where the key is.

import { CondenserError } from './errors.js';
import { describeJSONError } from './json-syntax.js';

/** Keys that reach an object's prototype machinery when assigned or walked. */
export const forbiddenKeys: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deepest nesting accepted in a request body (objects and arrays). */
export const maxJSONDepth = 64;

export class UnsafeJSONError extends CondenserError {
  constructor(message: string) {
    super('json_unsafe', message, 400);
    this.name = 'UnsafeJSONError';
  }
}

function pathText(path: string): string {
  return path === '' ? 'the top level' : path;
}

/**
 * Throw UnsafeJSONError if `value` holds a forbidden key or nests deeper than `maxDepth`.
 * Iterative, so a hostile nesting cannot overflow the stack here.
 */
export function checkJSONValue(value: unknown, maxDepth = maxJSONDepth): void {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [
    { v: value, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      throw new UnsafeJSONError(
        `JSON nested more than ${maxDepth} levels deep at ${pathText(path)}`,
      );
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(v)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (forbiddenKeys.has(key)) {
        throw new UnsafeJSONError(
          `key ${JSON.stringify(key)} is not allowed (at ${at}): it could change the prototype of host objects`,
        );
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
}

/** A syntax error in client JSON, with a located message. */
export class JSONSyntaxError extends CondenserError {
  constructor(message: string) {
    super('json_invalid', message, 400);
    this.name = 'JSONSyntaxError';
  }
}

/** Parse client JSON: a located syntax error, or an UnsafeJSONError, or the checked value. */
export function parseClientJSON(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JSONSyntaxError(text.trim() === '' ? 'empty body' : describeJSONError(text));
  }
  checkJSONValue(value);
  return value;
}
