// How Kapacitor passes TICKscript arguments to Go methods and fields by reflection, and the
// panic texts Go's reflect package produces when they don't fit. Reproducing these keeps error
// messages such as `error calling func "period" on obj *pipeline.WindowNode: reflect.Set: value
// of type int64 is not assignable to type time.Duration` identical to Kapacitor's.

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

/** reflect.Value.Call: argument count first, then each argument's type. */
export function checkCallArgs(
  params: readonly GoType[],
  variadic: boolean,
  args: TickValue[],
): void {
  const n = params.length;
  if (variadic ? args.length < n - 1 : args.length < n) {
    throw new GoPanic('reflect: Call with too few input arguments');
  }
  if (!variadic && args.length > n)
    throw new GoPanic('reflect: Call with too many input arguments');
  args.forEach((arg, i) => {
    const fixed = !variadic || i < n - 1;
    const t = fixed ? params[i]! : params[n - 1]!;
    if (assignable(arg, t)) return;
    throw new GoPanic(
      fixed
        ? `reflect: Call using ${goTypeName(arg)} as type ${t}`
        : `reflect: cannot use ${goTypeName(arg)} as type ${t} in Call`,
    );
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
    throw new GoPanic(`reflect.Set: value of type ${goTypeName(v)} is not assignable to type ${t}`);
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
