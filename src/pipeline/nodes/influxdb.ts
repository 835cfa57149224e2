// Nodes that talk to InfluxDB (nodes.md §1, §4): the `batch` source, `query()` and
// `influxDBOut()`. Both need an `[[influxdb]]` section; a missing section or an unknown
// `.cluster()` is refused when the task is defined, located at the node's call.

import type { GoDuration } from '../../common/duration.js';
import { InfluxQLError, parseSelect } from '../../influxdb/influxql.js';
import { isWritePrecision } from '../../influxdb/line-protocol.js';
import type { Position } from '../../tick/ast.js';
import { TickEvalError } from '../eval-error.js';
import type { GraphNode } from '../graph.js';
import type { QueryProps } from '../model.js';
import {
  asBigint,
  asString,
  field,
  flag,
  method,
  type EvalContext,
  type NodeSpec,
} from '../node-spec.js';
import { goTypeName, isAstValue, TimeDimension, type TickValue } from '../values.js';

const ns = (v: TickValue): bigint => (v as GoDuration).ns;

/** The cluster a node names must be configured; '' needs a default cluster. */
export function checkCluster(ctx: EvalContext, what: string, cluster: string, pos: Position): void {
  const influx = ctx.influxdb;
  if (influx === undefined || influx.names.length === 0) {
    throw new TickEvalError(
      `${what} needs an InfluxDB server: add an [[influxdb]] section (name, urls) to the host's configuration`,
      pos,
    );
  }
  if (cluster === '') return;
  if (!influx.names.includes(cluster)) {
    throw new TickEvalError(
      `unknown InfluxDB cluster "${cluster}": the [[influxdb]] sections name ${influx.names.map((n) => `"${n}"`).join(', ')}`,
      pos,
    );
  }
}

export const batchSpec: NodeSpec<'batch'> = {
  type: 'batch',
  goType: '*pipeline.BatchNode',
  chains: 'batch',
  properties: {},
};

const fillOptions = ['null', 'none', 'previous', 'linear'] as const;

/** The `.groupBy()` arguments of a query: tag names, `*` and at most one time(). */
function queryDimensions(dims: readonly unknown[], props: QueryProps): string | undefined {
  props.groupBy = [];
  props.groupByStar = false;
  delete props.groupByTime;
  for (const d of dims as TickValue[]) {
    if (typeof d === 'string') {
      props.groupBy.push(d);
    } else if (isAstValue(d) && d.kind === 'star') {
      props.groupByStar = true;
    } else if (d instanceof TimeDimension || goTypeName(d) === 'time.Duration') {
      if (props.groupByTime) return 'groupBy cannot have more than one time dimension';
      props.groupByTime =
        d instanceof TimeDimension
          ? { length: d.length.ns, offset: d.offset?.ns ?? 0n }
          : { length: ns(d), offset: 0n };
    } else {
      return `invalid dimension type:${goTypeName(d)}, must be string or time.Duration`;
    }
  }
  return undefined;
}

export const querySpec: NodeSpec<'query'> = {
  type: 'query',
  goType: '*pipeline.QueryNode',
  chains: 'chain',
  properties: {
    Period: field('time.Duration', (n, v) => void (n.props.period = ns(v))),
    Every: field('time.Duration', (n, v) => void (n.props.every = ns(v))),
    Offset: field('time.Duration', (n, v) => void (n.props.offset = ns(v))),
    Align: flag((n) => void (n.props.align = true)),
    AlignGroup: flag((n) => void (n.props.alignGroup = true)),
    GroupBy: method(['interface {}'], (n, dims) => void (n.extras.dimensions = dims), true),
    GroupByMeasurement: flag((n) => void (n.props.groupByMeasurement = true)),
    Fill: field('interface {}', (n, v) => {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint')
        n.props.fill = v as QueryProps['fill'];
      else n.extras.invalid = `unexpected fill type ${goTypeName(v)}`;
    }),
    Cluster: field('string', (n, v) => void (n.props.cluster = asString(v))),
    Cron: field('string', (n, v) => void (n.extras.cron = asString(v))),
  },
  validate(n, ctx) {
    const p = n.props;
    try {
      parseSelect(p.query);
    } catch (err) {
      const message =
        err instanceof InfluxQLError
          ? `failed to parse InfluxQL query: ${err.message}`
          : (err as Error).message;
      throw new TickEvalError(message, n.pos);
    }
    if (n.extras.invalid !== undefined) throw new TickEvalError(n.extras.invalid, n.pos);
    if (n.extras.cron !== undefined) {
      throw new TickEvalError(
        `.cron('${n.extras.cron}') is not supported by this host; schedule the query with .every()`,
        n.pos,
      );
    }
    if (p.every < 0n) throw new TickEvalError("'every' duration must must non-negative", n.pos);
    if (p.every === 0n) throw new TickEvalError("must define one of 'every' or 'cron'", n.pos);
    if (p.period <= 0n)
      throw new TickEvalError(
        "'period' must be greater than zero: the time range each run queries",
        n.pos,
      );
    if (p.offset < 0n) throw new TickEvalError("'offset' duration must be non-negative", n.pos);
    if (typeof p.fill === 'string' && !(fillOptions as readonly string[]).includes(p.fill)) {
      throw new TickEvalError(`unexpected fill option ${p.fill}`, n.pos);
    }
    const dims = queryDimensions(n.extras.dimensions ?? [], p);
    if (dims !== undefined) throw new TickEvalError(dims, n.pos);
    if (p.groupBy.some((d) => d === ''))
      throw new TickEvalError('dimensions cannot not be the empty string', n.pos);
    checkCluster(ctx, 'a batch query()', p.cluster, n.pos);
    return undefined;
  },
};

export const influxDBOutSpec: NodeSpec<'influxDBOut'> = {
  type: 'influxDBOut',
  goType: '*pipeline.InfluxDBOutNode',
  chains: 'node',
  properties: {
    Cluster: field('string', (n, v) => void (n.props.cluster = asString(v))),
    Database: field('string', (n, v) => void (n.props.database = asString(v))),
    RetentionPolicy: field('string', (n, v) => void (n.props.retentionPolicy = asString(v))),
    Measurement: field('string', (n, v) => void (n.props.measurement = asString(v))),
    WriteConsistency: field('string', (n, v) => void (n.props.writeConsistency = asString(v))),
    Precision: field('string', (n, v) => void (n.props.precision = asString(v))),
    Buffer: field('int64', (n, v) => void (n.props.buffer = Number(asBigint(v)))),
    FlushInterval: field('time.Duration', (n, v) => void (n.props.flushInterval = ns(v))),
    Create: flag((n) => void (n.props.create = true)),
    Tag: method(['string', 'string'], (n, [k, v]) => {
      n.props.tags[asString(k)] = asString(v);
    }),
  },
  validate(n: GraphNode<'influxDBOut'>, ctx) {
    const p = n.props;
    if (!isWritePrecision(p.precision)) {
      throw new TickEvalError(
        `invalid precision "${p.precision}": use one of n, u, ms, s, m, h (empty = ns)`,
        n.pos,
      );
    }
    if (!['', 'any', 'one', 'quorum', 'all'].includes(p.writeConsistency)) {
      throw new TickEvalError(
        `invalid writeConsistency "${p.writeConsistency}": use any, one, quorum or all`,
        n.pos,
      );
    }
    if (p.buffer <= 0)
      throw new TickEvalError(`buffer must be greater than zero, got ${p.buffer}`, n.pos);
    if (p.flushInterval <= 0n)
      throw new TickEvalError('flushInterval must be greater than zero', n.pos);
    if (p.create && p.database === '') {
      throw new TickEvalError('.create() needs .database(): the database to create', n.pos);
    }
    checkCluster(ctx, 'influxDBOut()', p.cluster, n.pos);
    return undefined;
  },
};
