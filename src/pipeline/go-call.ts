// How Kapacitor passes TICKscript arguments to Go methods and fields by reflection. The checks
// are Go's (count, then types, in that order), so the same call fails where Kapacitor's does,
// in Kapacitor's frame (`error calling func "period" on obj *pipeline.WindowNode: ...`), but the
// text says what was expected (`value must be time.Duration, got int64`) instead of a
// Go-runtime panic text.

import { GoCallError, GoPanic } from './eval-error.js';
import { GraphNode } from './graph.js';
import { goTypeName, type TickValue } from './values.js';

/** The Go parameter types TICKscript properties use. `interface {}` accepts anything. */
export type GoType =
  | 'string'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'time.Duration'
  | '*ast.LambdaNode'
  | 'interface {}'
  /** any pipeline node (join's other parents) */
  | 'pipeline.Node';

function assignable(v: TickValue, t: GoType): boolean {
  if (t === 'pipeline.Node') return v instanceof GraphNode;
  return t === 'interface {}' || goTypeName(v) === t;
}

/** What a signature takes, for messages: `1 argument (string)`, `at least 1 argument (string...)`. */
export function describeParams(params: readonly GoType[], variadic: boolean, optional = 0): string {
  const required = variadic ? params.length - 1 : params.length - optional;
  const list = params.map((t, i) => (variadic && i === params.length - 1 ? `${t}...` : t));
  const count = variadic
    ? `at least ${required}`
    : optional > 0
      ? `${required} to ${params.length}`
      : `${required}`;
  const noun = (variadic || optional === 0) && required === 1 ? 'argument' : 'arguments';
  return list.length === 0 ? 'no arguments' : `${count} ${noun} (${list.join(', ')})`;
}

/**
 * reflect.Value.Call's checks: argument count first, then each argument's type. The texts
 * say what was expected instead of Go's `reflect: Call with too few input arguments`.
 */
export function checkCallArgs(
  params: readonly GoType[],
  variadic: boolean,
  args: TickValue[],
  optional = 0,
): void {
  const n = params.length;
  const min = variadic ? n - 1 : n - optional;
  if (args.length < min) {
    throw new GoPanic(
      `too few arguments: takes ${describeParams(params, variadic, optional)}, got ${args.length}`,
    );
  }
  if (!variadic && args.length > n) {
    throw new GoPanic(
      `too many arguments: takes ${describeParams(params, variadic, optional)}, got ${args.length}`,
    );
  }
  args.forEach((arg, i) => {
    const t = !variadic || i < n - 1 ? params[i]! : params[n - 1]!;
    if (assignable(arg, t)) return;
    throw new GoPanic(`argument ${i + 1} must be ${t}, got ${goTypeName(arg)}`);
  });
}

/** Setting an exported struct field: exactly one value of the field's type. */
export function checkFieldArgs(
  goName: string,
  objType: string,
  t: GoType,
  args: TickValue[],
): TickValue {
  if (args.length !== 1) {
    throw new GoCallError(`too many arguments to set property ${goName} on ${objType}`);
  }
  const v = args[0]!;
  if (!assignable(v, t)) {
    throw new GoPanic(`value must be ${t}, got ${goTypeName(v)}`);
  }
  return v;
}

/** Go's method and field names are matched after upper-casing the first letter. */
export function capitalizeFirst(name: string): string {
  const cp = name.codePointAt(0);
  if (cp === undefined) return name;
  const first = String.fromCodePoint(cp);
  return first.toUpperCase() + name.slice(first.length);
}
