// The values a TICKscript evaluates to outside lambdas, and how Kapacitor names their Go types
// in error messages (`reflect: Call using int64 as type float64`).

import { GoDuration } from '../common/duration.js';
import type { LambdaExpr, ReferenceExpr, StarExpr } from '../tick/ast.js';
import { formatExpr } from '../tick/format.js';
import { formatFloatV } from '../tick/lambda/go-format.js';
import { GoRegexp } from '../tick/regex.js';
import type { TickHandlerDef } from './handler-property.js';
import type { AlertHandlerFolder } from './alert.js';
import { GraphNode } from './graph.js';
import type { AlertHandlerDecl } from './model.js';

/** A handler sub-object returned by `.post(url)` etc.: its own methods, then the alert node's. */
export class HandlerObject {
  constructor(
    readonly alert: GraphNode<'alert'>,
    readonly folder: AlertHandlerFolder,
    readonly def: TickHandlerDef,
    readonly decl: AlertHandlerDecl,
  ) {}

  get goType(): string {
    const p = this.def.property;
    return `*pipeline.${p.charAt(0).toUpperCase()}${p.slice(1)}Handler`;
  }
}

/** `time(1m)`, the only global function Kapacitor predefines (for batch `query().groupBy()`). */
export class TimeDimension {
  constructor(
    readonly length: GoDuration,
    readonly offset?: GoDuration,
  ) {}
}

export class GlobalFunction {
  constructor(
    readonly name: string,
    readonly call: (args: TickValue[]) => TickValue,
  ) {}
}

export type TickValue =
  | bigint
  | number
  | string
  | boolean
  | GoDuration
  | GoRegexp
  | LambdaExpr
  | ReferenceExpr
  | StarExpr
  | TickValue[]
  | GraphNode
  | HandlerObject
  | GlobalFunction
  | TimeDimension;

export function isAstValue(v: TickValue): v is LambdaExpr | ReferenceExpr | StarExpr {
  return typeof v === 'object' && !Array.isArray(v) && 'kind' in v;
}

/** Go's `%T` of the value Kapacitor would hold. */
export function goTypeName(v: TickValue): string {
  switch (typeof v) {
    case 'bigint':
      return 'int64';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoDuration) return 'time.Duration';
  if (v instanceof GoRegexp) return '*regexp.Regexp';
  if (v instanceof GraphNode) return v.shape.goType;
  if (v instanceof HandlerObject) return v.goType;
  if (v instanceof GlobalFunction) return 'func(...interface {}) (interface {}, error)';
  if (v instanceof TimeDimension) return '*pipeline.TimeDimension';
  switch (v.kind) {
    case 'lambda':
      return '*ast.LambdaNode';
    case 'reference':
      return '*ast.ReferenceNode';
    case 'star':
      return '*ast.StarNode';
  }
}

/** Go's `%v` of a value, for messages such as `invalid arugument to '-' abc`. */
export function goValueString(v: TickValue): string {
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatV(v);
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (v instanceof GoDuration || v instanceof GoRegexp) return v.toString();
  if (v instanceof GraphNode) return v.name;
  if (v instanceof HandlerObject) return v.def.property;
  if (v instanceof GlobalFunction) return v.name;
  if (v instanceof TimeDimension) return `time(${v.length.toString()})`;
  return formatExpr(v);
}
