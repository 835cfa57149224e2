// The template data model: how JavaScript values stand in for Go values.
//
//   undefined / null      nil (an untyped nil interface; a missing map entry)
//   boolean               bool
//   number                float64
//   bigint                int64 (also Go `int`: template literals, `len`, range indexes)
//   string                string
//   GoTime                time.Time (a struct with methods)
//   GoDuration            time.Duration (an int64 with methods)
//   Map                   map: a GoMap declares its element type; a plain Map whose values are all
//                         strings (or that is empty) is map[string]string, otherwise
//                         map[string]interface {}. The element type decides what `index` returns
//                         for a missing key: "" for string maps, nil otherwise.
//   array                 slice
//   function              func value (only `call` invokes it)
//   any other object      struct: its own string-keyed properties are the fields, in order.
//                         Name the Go type for error messages with the `goTypeName` symbol.
//
// Methods are attached per class with registerTemplateMethods (GoTime and GoDuration are
// registered in methods.ts), so data classes in src/common need not know about templates.

import { GoDuration } from '../../common/duration.js';
import { compareBytewise } from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';

/** Optional Go type name of a struct-like object, used in error messages (`kapacitor.messageInfo`). */
export const goTypeName: unique symbol = Symbol.for('condenser.goTypeName');

export type MapElemType = 'string' | 'interface';

/** A Go map with a declared element type (string maps give "" for a missing `index` key). */
export class GoMap<V = unknown> extends Map<string, V> {
  readonly elemType: MapElemType;
  constructor(elemType: MapElemType, entries?: Iterable<readonly [string, V]>) {
    super(entries);
    this.elemType = elemType;
  }
}

/** An integer of a named Go type that prints through its String method (time.Month, time.Weekday). */
export class GoNamedInt {
  constructor(
    readonly value: bigint,
    readonly typeName: string,
    readonly text: string,
  ) {}
}

export type Kind =
  'invalid' | 'bool' | 'int' | 'float' | 'string' | 'map' | 'slice' | 'struct' | 'func';

export type TemplateFunc = (...args: unknown[]) => unknown;

export function isNil(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (v === null) return 'invalid';
      if (v instanceof GoDuration || v instanceof GoNamedInt) return 'int';
      if (v instanceof Map) return 'map';
      if (Array.isArray(v)) return 'slice';
      return 'struct';
    default:
      return 'invalid';
  }
}

/** The int64 inside an int-kind value. */
export function intOf(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoDuration) return v.ns;
  if (v instanceof GoNamedInt) return v.value;
  throw new TypeError('not an integer');
}

export function mapElemType(m: ReadonlyMap<unknown, unknown>): MapElemType {
  if (m instanceof GoMap) return m.elemType;
  for (const v of m.values()) if (typeof v !== 'string') return 'interface';
  return 'string';
}

/** Go's reflect type string of a value, as it appears in error messages and `%!v(T=...)`. */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'func':
      return 'func(...interface {}) interface {}';
    case 'int':
      if (v instanceof GoDuration) return 'time.Duration';
      if (v instanceof GoNamedInt) return v.typeName;
      return 'int64';
    case 'map': {
      const m = v as ReadonlyMap<unknown, unknown>;
      return mapElemType(m) === 'string' ? 'map[string]string' : 'map[string]interface {}';
    }
    case 'slice':
      return '[]interface {}';
    case 'struct': {
      const set = methodSetOf(v);
      if (set) return set.typeName;
      const named = (v as { [goTypeName]?: unknown })[goTypeName];
      return typeof named === 'string' ? named : 'struct';
    }
  }
}

/** Go's truth test for if/with/and/or/not: zero values and empty collections are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid':
      return false;
    case 'bool':
      return v as boolean;
    case 'int':
      return intOf(v) !== 0n;
    case 'float':
      return (v as number) !== 0;
    case 'string':
      return (v as string).length > 0;
    case 'map':
      return (v as ReadonlyMap<unknown, unknown>).size > 0;
    case 'slice':
      return (v as readonly unknown[]).length > 0;
    case 'func':
    case 'struct':
      return true;
  }
}

/** Own string-keyed fields of a struct-like object, in declaration order. */
export function structFields(v: object): [string, unknown][] {
  return Object.entries(v);
}

export function hasField(v: object, name: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(v, name);
}

/** Map entries in Go's sorted order (fmt and range sort keys: numbers numerically, strings bytewise). */
export function sortedMapEntries(m: ReadonlyMap<unknown, unknown>): [unknown, unknown][] {
  return [...m.entries()].sort(([a], [b]) => compareKeys(a, b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareBytewise(a, b);
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareBytewise(String(a), String(b));
}

// ---------------------------------------------------------------------------------------------
// Methods

/** What a method parameter accepts; the executor checks and converts arguments before the call. */
export type ParamType = 'string' | 'int' | 'float' | 'time' | 'duration' | 'any';

export interface TemplateMethod<R = unknown> {
  readonly params: readonly ParamType[];
  /** Returns the method's result; throwing makes it an `error calling <name>: ...` exec error. */
  call(receiver: R, args: unknown[]): unknown;
}

/** The Go methods a class exposes to templates, and its Go type name. */
export interface TemplateMethods<R = unknown> {
  readonly typeName: string;
  readonly methods: Readonly<Record<string, TemplateMethod<R>>>;
}

const methodRegistry = new WeakMap<object, TemplateMethods>();

/** Expose Go methods of instances of `ctor` (and subclasses) to templates. */
export function registerTemplateMethods<R extends object>(
  ctor: abstract new (...args: never[]) => R,
  set: TemplateMethods<R>,
): void {
  methodRegistry.set(ctor.prototype as object, set as TemplateMethods);
}

export function methodSetOf(v: unknown): TemplateMethods | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  for (
    let p = Object.getPrototypeOf(v) as object | null;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    const set = methodRegistry.get(p);
    if (set) return set;
  }
  return undefined;
}

export function lookupMethod(v: unknown, name: string): TemplateMethod | undefined {
  const set = methodSetOf(v);
  return set && Object.prototype.hasOwnProperty.call(set.methods, name)
    ? set.methods[name]
    : undefined;
}

/** The String() result of a value with a niladic String method (Go's fmt.Stringer), if any. */
export function stringerText(v: unknown): string | undefined {
  if (v instanceof GoNamedInt) return v.text;
  if (v instanceof GoTime) return v.toGoString();
  if (v instanceof GoDuration) return v.toString();
  const m = lookupMethod(v, 'String');
  if (m && m.params.length === 0) return String(m.call(v, []));
  return undefined;
}
