// The pipeline a TICKscript evaluates to: a DAG of nodes, each with its typed properties.
// Produced by the evaluator (src/pipeline/evaluate.ts), consumed by the task runtime
// (src/task/) and by the dot graph / `show` output. Lambdas are kept as syntax trees with
// every identifier already resolved (vars substituted, lambda vars inlined), so the runtime
// compiles them with compileLambda(expr) and no identifier table.

import type { FieldValue } from '../alert/event.js';
import type { Position } from '../tick/ast.js';
import type { LambdaExpr } from '../tick/ast.js';
import type { EdgeType } from '../task/point.js';
import type { AlertHandlerFolder } from './alert.js';
import type { HandlerOptionsDraft } from './handler-property.js';

export interface DBRP {
  db: string;
  rp: string;
}

/** A lambda property: the expression and how to show it back (formatted source). */
export interface LambdaProp {
  expr: LambdaExpr;
  source: string;
}

/** The source node has no properties. */
export type StreamProps = Record<string, never>;

/** The source of a batch task: its `query()` children are the real sources. */
export type BatchProps = Record<string, never>;

/** `batch|query('SELECT ...')`: an InfluxQL query run on a schedule against InfluxDB. */
export interface QueryProps {
  query: string;
  /** ns: the time range each run covers */
  period: bigint;
  /** ns: how often it runs */
  every: bigint;
  align: boolean;
  alignGroup: boolean;
  /** ns: how far back the range ends */
  offset: bigint;
  /** tag names of `.groupBy()`; `*` is `groupByStar` */
  groupBy: string[];
  groupByStar: boolean;
  /** `.groupBy(time(1m[, offset]))` */
  groupByTime?: { length: bigint; offset: bigint };
  groupByMeasurement: boolean;
  /** `.fill()`: null, none, previous, linear or a number; undefined = the query's own */
  fill?: 'null' | 'none' | 'previous' | 'linear' | number | bigint;
  /** `[[influxdb]]` name; '' = the default cluster */
  cluster: string;
}

/** `|influxDBOut()`: writes every point (or batch point) to InfluxDB. */
export interface InfluxDBOutProps {
  cluster: string;
  database: string;
  retentionPolicy: string;
  /** '' = the point's own measurement */
  measurement: string;
  writeConsistency: string;
  /** '', n, ns, u, ms, s, m, h */
  precision: string;
  /** lines per write request */
  buffer: number;
  /** ns */
  flushInterval: bigint;
  create: boolean;
  tags: Record<string, string>;
}

/** `|shift(d)`: moves every point (and batch) forward in time by d. */
export interface ShiftProps {
  shift: bigint;
}

/** `a|join(b, ...)`: one point per group and time from all parents, fields prefixed. */
export interface JoinProps {
  /** one prefix per parent, in parent order */
  as: string[];
  /** join on these dimensions only (one-to-many); empty = the whole group */
  on: string[];
  delimiter: string;
  /** ns; times are rounded to it before matching (0 = exact) */
  tolerance: bigint;
  /** missing parents: undefined = drop (inner join), 'null' = leave out, number = that value */
  fill?: 'null' | number | bigint;
  /** '' = the first point's measurement */
  streamName: string;
}

export interface FromProps {
  database: string;
  retentionPolicy: string;
  measurement: string;
  /** AND-ed in call order */
  where: LambdaProp[];
  groupBy: string[];
  groupByStar: boolean;
  groupByMeasurement: boolean;
  /** ns; 0 = off */
  truncate: bigint;
  round: bigint;
}

export interface WhereProps {
  expression: LambdaProp;
}

export interface GroupByProps {
  dimensions: string[];
  star: boolean;
  exclude: string[];
  byMeasurement: boolean;
}

export interface WindowProps {
  period: bigint;
  every: bigint;
  align: boolean;
  fillPeriod: boolean;
  periodCount: number;
  everyCount: number;
}

export interface EvalProps {
  expressions: LambdaProp[];
  as: string[];
  tags: string[];
  /** `.keep()` given: true; `keepList` empty = keep all fields */
  keep: boolean;
  keepList: string[];
}

export interface DefaultProps {
  fields: Record<string, FieldValue>;
  tags: Record<string, string>;
}

export interface DeleteProps {
  fields: string[];
  tags: string[];
}

export interface ChangeDetectProps {
  fields: string[];
}

export interface DerivativeProps {
  field: string;
  as: string;
  /** ns, default 1s */
  unit: bigint;
  nonNegative: boolean;
}

export interface StateDurationProps {
  expression: LambdaProp;
  as: string;
  unit: bigint;
}

export interface StateCountProps {
  expression: LambdaProp;
  as: string;
}

export type InfluxQLMethod =
  | 'count'
  | 'sum'
  | 'mean'
  | 'median'
  | 'mode'
  | 'spread'
  | 'stddev'
  | 'first'
  | 'last'
  | 'min'
  | 'max'
  | 'percentile'
  | 'distinct'
  | 'top'
  | 'bottom'
  | 'difference'
  | 'cumulativeSum'
  | 'movingAverage'
  | 'elapsed';

export interface InfluxQLProps {
  method: InfluxQLMethod;
  field: string;
  /** output field name (default: the method name) */
  as: string;
  usePointTimes: boolean;
  /** percentile: p; top/bottom: n; movingAverage: n */
  n?: number;
  /** top/bottom: extra fields to keep */
  fieldsAndTags?: string[];
  /** elapsed: unit (ns) */
  unit?: bigint;
}

export interface StatsProps {
  interval: bigint;
  align: boolean;
  /** id of the node whose emitted counts are reported (stats nodes are sources: no parents) */
  sourceId: number;
}

/** Kapacitor links a noop child to a node that `|stats()`/`|deadman()` observes and that has no
 * children, so it has somewhere to emit to; it drops everything it receives. */
export type NoopProps = Record<string, never>;

export interface HttpOutProps {
  endpoint: string;
}

export interface HttpPostProps {
  url: string;
  endpoint: string;
  headers: Record<string, string>;
  captureResponse: boolean;
  codeField: string;
  timeout: bigint;
}

export interface LogProps {
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  prefix: string;
}

/** One handler declared on the alert node (`.post('u').header('k','v')`). */
export interface AlertHandlerDecl {
  folder: AlertHandlerFolder;
  /** API option names, as the property and its chained methods set them */
  options: HandlerOptionsDraft;
  pos: Position;
}

export interface AlertProps {
  id: string;
  message: string;
  details: string;
  info?: LambdaProp;
  warn?: LambdaProp;
  crit?: LambdaProp;
  infoReset?: LambdaProp;
  warnReset?: LambdaProp;
  critReset?: LambdaProp;
  all: boolean;
  noRecoveries: boolean;
  stateChangesOnly: boolean;
  /** ns; 0 = no max interval */
  stateChangesOnlyInterval: bigint;
  flapping?: { low: number; high: number };
  /** default 21, values < 2 become 2 */
  history: number;
  levelTag: string;
  levelField: string;
  messageField: string;
  durationField: string;
  idTag: string;
  idField: string;
  topic: string;
  category: string;
  inhibitors: Array<{ category: string; equalTags: string[] }>;
  handlers: AlertHandlerDecl[];
}

export interface NodePropsByType {
  stream: StreamProps;
  batch: BatchProps;
  query: QueryProps;
  influxDBOut: InfluxDBOutProps;
  shift: ShiftProps;
  join: JoinProps;
  from: FromProps;
  where: WhereProps;
  groupBy: GroupByProps;
  window: WindowProps;
  eval: EvalProps;
  default: DefaultProps;
  delete: DeleteProps;
  changeDetect: ChangeDetectProps;
  derivative: DerivativeProps;
  stateDuration: StateDurationProps;
  stateCount: StateCountProps;
  influxql: InfluxQLProps;
  stats: StatsProps;
  httpOut: HttpOutProps;
  httpPost: HttpPostProps;
  log: LogProps;
  alert: AlertProps;
  noop: NoopProps;
}

export type NodeType = keyof NodePropsByType;

export interface PipelineNode<T extends NodeType = NodeType> {
  /** sequential in creation order, the source is 0 */
  readonly id: number;
  readonly type: T;
  /** `<desc><id>`: `stream0`, `from1`, `window2`, `mean3`, `alert4` (nodes.md §0.3) */
  readonly name: string;
  readonly wants: EdgeType | 'none';
  readonly provides: EdgeType;
  readonly parents: PipelineNode[];
  readonly children: PipelineNode[];
  readonly props: NodePropsByType[T];
  /** `.quiet()`: do not log evaluation errors */
  quiet: boolean;
  /** where the node was created in the script */
  readonly pos: Position;
}

export interface Pipeline {
  /** every node, in id order; nodes[0] is the source */
  nodes: PipelineNode[];
  type: 'stream' | 'batch';
  /** dbrp statements found in the script */
  dbrps: DBRP[];
}

export function isNode<T extends NodeType>(node: PipelineNode, type: T): node is PipelineNode<T> {
  return node.type === type;
}
