// How a node type is described to the evaluator: its Go type name (for messages), its property
// methods (Go fields set by reflection, or Go methods), which chain methods it has, and its
// validation. One spec per node type lives in src/pipeline/nodes/.

import type { FunctionCall } from '../tick/ast.js';
import type { GraphBuilder, GraphNode } from './graph.js';
import type { GoType } from './go-call.js';
import type { LambdaProp, NodeType } from './model.js';
import type { TickValue } from './values.js';

/** `[deadman]` settings used by `|deadman()` (nodes.md §3). */
export interface DeadmanConfig {
  /** `NODE_NAME` is replaced by the observed node's name */
  id: string;
  /** `INTERVAL` is replaced by Go's string of the interval */
  message: string;
}

export const defaultDeadmanConfig: DeadmanConfig = {
  id: "{{ .Group }}:NODE_NAME for task '{{ .TaskName }}'",
  message:
    '{{ .ID }} is {{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}: {{ index .Fields "emitted" | printf "%0.3f" }} points/INTERVAL.',
};

/** The `[[influxdb]]` clusters a task may name; undefined = no section configured. */
export interface InfluxDBClusterNames {
  names: readonly string[];
  defaultName: string | undefined;
}

export interface EvalContext {
  graph: GraphBuilder;
  deadman: DeadmanConfig;
  influxdb: InfluxDBClusterNames | undefined;
}

/** A Go struct field set by reflection (`.measurement('cpu')`): one value of its type. */
export interface FieldProperty<T extends NodeType> {
  kind: 'field';
  type: GoType;
  set(node: GraphNode<T>, value: TickValue): void;
}

/** A Go property method (`.flapping(0.25, 0.5)`). Returns a new receiver, or nothing for `node`. */
export interface MethodProperty<T extends NodeType> {
  kind: 'method';
  params: readonly GoType[];
  variadic?: boolean;
  apply(node: GraphNode<T>, args: TickValue[], call: FunctionCall): TickValue | void;
}

export type PropertySpec<T extends NodeType> = FieldProperty<T> | MethodProperty<T>;

/** Which chain methods a node type has (Kapacitor's `node`, `chainnode`, FromNode, StreamNode). */
export type ChainSet = 'stream' | 'batch' | 'from' | 'chain' | 'node';

export interface CompiledLambdaCheck {
  lambda: LambdaProp;
  /** Kapacitor's message prefix when the lambda fails to compile */
  context: string;
}

export interface NodeSpec<T extends NodeType> {
  type: T;
  /** Go type name in messages: `*pipeline.WindowNode` */
  goType: string;
  chains: ChainSet;
  /** keyed by the Go name (first letter upper case) */
  properties: Readonly<Record<string, PropertySpec<T>>>;
  /** properties not known statically (alert handlers); undefined = none */
  dynamicProperty?(name: string): PropertySpec<T> | undefined;
  /** Whether `name` is a property that exists in Kapacitor but cannot be used here. */
  knownProperty?(name: string): boolean;
  /**
   * Kapacitor's validate(); also turns raw extras into props. Returns an error message
   * (reported without a position, as Kapacitor does), or throws a located TickEvalError.
   */
  validate?(node: GraphNode<T>, ctx: EvalContext): string | undefined;
  /** lambdas compiled once when the task is defined, with their error context */
  lambdas?(node: GraphNode<T>): CompiledLambdaCheck[];
}

export type NodeSpecs = { readonly [T in NodeType]: NodeSpec<T> };

// ---- helpers for writing specs ------------------------------------------------------------

export function field<T extends NodeType>(
  type: GoType,
  set: (node: GraphNode<T>, value: TickValue) => void,
): FieldProperty<T> {
  return { kind: 'field', type, set };
}

export function method<T extends NodeType>(
  params: readonly GoType[],
  apply: (node: GraphNode<T>, args: TickValue[], call: FunctionCall) => TickValue | void,
  variadic = false,
): MethodProperty<T> {
  return { kind: 'method', params, variadic, apply };
}

/** A no-argument method that sets a flag. */
export function flag<T extends NodeType>(set: (node: GraphNode<T>) => void): MethodProperty<T> {
  return method<T>([], (n) => set(n));
}

/** Values checked by checkCallArgs/checkFieldArgs; these narrow them for the setter. */
export const asString = (v: TickValue | undefined): string => v as string;
export const asBigint = (v: TickValue | undefined): bigint => v as bigint;
export const asNumber = (v: TickValue | undefined): number => v as number;
export const asStrings = (vs: TickValue[]): string[] => vs.map((v) => v as string);
