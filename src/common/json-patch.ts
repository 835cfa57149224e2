// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) for PATCH on topic handlers.
// Paths only ever walk own properties, and `__proto__`, `constructor` and `prototype`
// tokens are refused: a patch must not reach Object.prototype through the document.

import { checkJSONValue, forbiddenKeys } from './safe-json.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export class PatchError extends Error {}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}"`);
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const bad = tokens.find((t) => forbiddenKeys.has(t));
  if (bad !== undefined)
    throw new PatchError(`path "${pointer}": key ${JSON.stringify(bad)} is not allowed`);
  return tokens;
}

/** A child of a container: array index or own property, never an inherited one. */
function child(cur: Container, token: string): unknown {
  if (Array.isArray(cur)) return /^(0|[1-9]\d*)$/.test(token) ? cur[Number(token)] : undefined;
  return Object.hasOwn(cur, token) ? cur[token] : undefined;
}

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function resolveParent(
  doc: unknown,
  tokens: string[],
  pointer: string,
): { parent: Container; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (!isContainer(cur)) throw new PatchError(`path "${pointer}" does not exist`);
    cur = child(cur, t);
  }
  if (!isContainer(cur)) throw new PatchError(`path "${pointer}" does not exist`);
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function get(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const t of parsePointer(pointer)) {
    if (!isContainer(cur)) throw new PatchError(`path "${pointer}" does not exist`);
    const next: unknown = child(cur, t);
    if (next === undefined) throw new PatchError(`path "${pointer}" does not exist`);
    cur = next;
  }
  return cur;
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean, pointer: string): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw new PatchError(`invalid array index in "${pointer}"`);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new PatchError(`array index out of range in "${pointer}"`);
  return i;
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, value);
  else
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false, pointer), 1);
  else {
    if (!Object.hasOwn(parent, key)) throw new PatchError(`path "${pointer}" does not exist`);
    delete parent[key];
  }
  return doc;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Apply the operations to a deep copy of `doc`. Throws PatchError on any failure. */
export function applyPatch<T>(doc: T, operations: unknown): T {
  if (!Array.isArray(operations))
    throw new PatchError('a JSON patch must be an array of operations');
  let out: unknown = structuredClone(doc);
  for (const raw of operations) {
    if (
      !isContainer(raw) ||
      Array.isArray(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new PatchError('each operation needs "op" and "path"');
    }
    const op = raw as unknown as PatchOperation;
    if (op.value !== undefined) {
      try {
        checkJSONValue(op.value);
      } catch (err) {
        throw new PatchError((err as Error).message);
      }
    }
    switch (op.op) {
      case 'add':
        out = add(out, op.path, structuredClone(op.value));
        break;
      case 'remove':
        out = remove(out, op.path);
        break;
      case 'replace':
        get(out, op.path);
        out = add(remove(out, op.path), op.path, structuredClone(op.value));
        break;
      case 'move': {
        const v = get(out, op.from ?? '');
        out = add(remove(out, op.from ?? ''), op.path, v);
        break;
      }
      case 'copy':
        out = add(out, op.path, structuredClone(get(out, op.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(get(out, op.path), op.value))
          throw new PatchError(`test failed at "${op.path}"`);
        break;
      default:
        throw new PatchError(`unknown operation "${String((op as { op: unknown }).op)}"`);
    }
  }
  return out as T;
}
