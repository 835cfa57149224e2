// Chain methods (`node|name(args)`): each creates a child node (nodes.md). Nodes this host does
// not run are known by name so they fail with a clear message instead of "no method".

import { formatGoDuration, type GoDuration } from '../common/duration.js';
import type { BinaryExpr, Expr, FunctionCall, LambdaExpr } from '../tick/ast.js';
import { formatFloatPlain } from '../tick/lambda/go-format.js';
import type { EdgeType } from '../task/point.js';
import { GoPanic } from './eval-error.js';
import type { GoType } from './go-call.js';
import type { GraphNode, NodeShape } from './graph.js';
import { lambdaProp } from './lambda-prop.js';
import type { InfluxQLMethod, NodePropsByType, NodeType } from './model.js';
import {
  asBigint,
  asNumber,
  asString,
  asStrings,
  type ChainSet,
  type EvalContext,
} from './node-spec.js';
import { defaultAlertProps } from './nodes/alert.js';
import { specOf } from './nodes/index.js';
import type { TickValue } from './values.js';

export interface ChainMethod {
  params: readonly GoType[];
  variadic?: boolean;
  create(ctx: EvalContext, parent: GraphNode, args: TickValue[], call: FunctionCall): TickValue;
}

/** A chain method Kapacitor has and this host rejects, with the reason. */
export interface UnsupportedChainMethod {
  unsupported: string;
}

const NS_PER_SECOND = 1_000_000_000n;

function shape(
  type: NodeType,
  desc: string,
  wants: EdgeType | 'none',
  provides: EdgeType,
): NodeShape {
  return { desc, goType: specOf(type).goType, wants, provides };
}

/** A child that wants what its parent provides and provides the same. */
function child<T extends NodeType>(
  ctx: EvalContext,
  parent: GraphNode,
  type: T,
  desc: string,
  props: NodePropsByType[T],
  call: FunctionCall,
): GraphNode<T> {
  return ctx.graph.linkChild(
    parent,
    type,
    shape(type, desc, parent.provides, parent.provides),
    props,
    call.pos,
  );
}

function simple<T extends NodeType>(
  type: T,
  desc: string,
  params: readonly GoType[],
  props: (args: TickValue[]) => NodePropsByType[T],
  variadic = false,
): ChainMethod {
  return {
    params,
    variadic,
    create: (ctx, parent, args, call) => child(ctx, parent, type, desc, props(args), call),
  };
}

// ---- InfluxQL functions -------------------------------------------------------------------

type Output = 'stream' | 'batch' | 'same';

function influxql(
  method: InfluxQLMethod,
  output: Output,
  params: readonly GoType[],
  extra: (args: TickValue[]) => Partial<NodePropsByType['influxql']> = () => ({}),
  variadic = false,
): ChainMethod {
  return {
    params,
    variadic,
    create(ctx, parent, args, call) {
      const field = asString(args[method === 'top' || method === 'bottom' ? 1 : 0]);
      const provides = output === 'same' ? parent.provides : output;
      const props = { method, field, as: method, usePointTimes: false, ...extra(args) };
      return ctx.graph.linkChild(
        parent,
        'influxql',
        shape('influxql', method, parent.provides, provides),
        props,
        call.pos,
      );
    },
  };
}

const reducer = (method: InfluxQLMethod, output: Output = 'stream'): ChainMethod =>
  influxql(method, output, ['string']);

const topBottom = (method: 'top' | 'bottom'): ChainMethod =>
  influxql(
    method,
    'batch',
    ['int64', 'string', 'string'],
    ([n, , ...rest]) => ({ n: Number(asBigint(n)), fieldsAndTags: asStrings(rest) }),
    true,
  );

// ---- stats and deadman --------------------------------------------------------------------

/** `n|stats(interval)`: a new source; a childless `n` gets a noop child to emit to. */
function stats(
  ctx: EvalContext,
  observed: GraphNode,
  interval: bigint,
  call: FunctionCall,
): GraphNode<'stats'> {
  const node = ctx.graph.addSource(
    'stats',
    shape('stats', 'stats', 'none', 'stream'),
    { interval, align: false, sourceId: observed.id },
    call.pos,
  );
  if (observed.children.length === 0) {
    ctx.graph.linkChild(
      observed,
      'noop',
      shape('noop', 'noop', observed.provides, observed.provides),
      {},
      call.pos,
    );
  }
  return node;
}

/** Kapacitor's Deadman(): stats → derivative('emitted') → alert, with the deadman id/message. */
function deadman(
  ctx: EvalContext,
  observed: GraphNode,
  args: TickValue[],
  call: FunctionCall,
): TickValue {
  const [threshold, interval, ...extra] = args;
  const ns = (interval as GoDuration).ns;
  const source = stats(ctx, observed, ns, call);
  source.props.align = true;
  const derivative = child(
    ctx,
    source,
    'derivative',
    'derivative',
    {
      field: 'emitted',
      as: 'emitted',
      unit: ns,
      nonNegative: true,
    },
    call,
  );
  const pos = call.pos;
  let crit: Expr = {
    kind: 'binary',
    pos,
    operator: '<=',
    left: { kind: 'reference', pos, name: 'emitted' },
    right: {
      kind: 'float',
      pos,
      value: asNumber(threshold),
      literal: floatLiteral(asNumber(threshold)),
    },
    parens: false,
    multiLine: false,
  };
  for (const e of extra) {
    crit = {
      kind: 'binary',
      pos,
      operator: 'AND',
      left: crit,
      right: (e as LambdaExpr).expression,
      parens: false,
      multiLine: false,
    } satisfies BinaryExpr;
  }
  const alert = child(ctx, derivative, 'alert', 'alert', defaultAlertProps(), call);
  alert.props.crit = lambdaProp({ kind: 'lambda', pos, expression: crit });
  alert.props.id = ctx.deadman.id.replace('NODE_NAME', observed.name);
  alert.props.message = ctx.deadman.message.replace('INTERVAL', formatGoDuration(ns));
  return alert;
}

function floatLiteral(f: number): string {
  const s = formatFloatPlain(f);
  return s.includes('.') ? s : `${s}.0`;
}

// ---- the tables -----------------------------------------------------------------------------

/** Chain methods every node has (Kapacitor's `node`). */
const nodeMethods: Record<string, ChainMethod> = {
  Stats: {
    params: ['time.Duration'],
    create: (ctx, parent, [interval], call) =>
      stats(ctx, parent, (interval as GoDuration).ns, call),
  },
  Deadman: {
    params: ['float64', 'time.Duration', '*ast.LambdaNode'],
    variadic: true,
    create: deadman,
  },
};

/** The properties of a new `from()` node. */
export function defaultFromProps(): NodePropsByType['from'] {
  return {
    database: '',
    retentionPolicy: '',
    measurement: '',
    where: [],
    groupBy: [],
    groupByStar: false,
    groupByMeasurement: false,
    truncate: 0n,
    round: 0n,
  };
}

const fromMethod: ChainMethod = simple('from', 'from', [], defaultFromProps);

/** `|influxDBOut()`: Kapacitor's defaults (buffer 1000, flushInterval 10s). */
const influxDBOutMethod: ChainMethod = {
  params: [],
  create: (ctx, parent, _args, call) =>
    child(
      ctx,
      parent,
      'influxDBOut',
      'influxdb_out',
      {
        cluster: '',
        database: '',
        retentionPolicy: '',
        measurement: '',
        writeConsistency: '',
        precision: '',
        buffer: 1000,
        flushInterval: 10n * NS_PER_SECOND,
        create: false,
        tags: {},
      },
      call,
    ),
};

/** `batch|query('SELECT ...')`. */
const queryMethod: ChainMethod = {
  params: ['string'],
  create: (ctx, parent, [query], call) =>
    ctx.graph.linkChild(
      parent,
      'query',
      shape('query', 'query', 'none', 'batch'),
      {
        query: asString(query),
        period: 0n,
        every: 0n,
        align: false,
        alignGroup: false,
        offset: 0n,
        groupBy: [],
        groupByStar: false,
        groupByMeasurement: false,
        cluster: '',
      },
      call.pos,
    ),
};

/** `a|join(b, ...)`: a child of every node joined, in argument order. */
const joinMethod: ChainMethod = {
  params: ['pipeline.Node'],
  variadic: true,
  create(ctx, parent, others, call) {
    const node = child(
      ctx,
      parent,
      'join',
      'join',
      { as: [], on: [], delimiter: '.', tolerance: 0n, streamName: '' },
      call,
    );
    for (const other of others as GraphNode[]) ctx.graph.linkParent(node, other);
    return node;
  },
};
const notSupported = (name: string): UnsupportedChainMethod => ({
  unsupported: `${name}() is not supported by this host`,
});

/** Chain methods of Kapacitor's `chainnode` (every node but stream). */
const chainnodeMethods: Record<string, ChainMethod | UnsupportedChainMethod> = {
  ...nodeMethods,
  Where: simple('where', 'where', ['*ast.LambdaNode'], ([l]) => ({ expression: lambdaProp(l) })),
  GroupBy: {
    params: ['interface {}'],
    variadic: true,
    create(ctx, parent, dims, call) {
      const props = { dimensions: [], star: false, exclude: [], byMeasurement: false };
      const node = child(ctx, parent, 'groupBy', 'groupby', props, call);
      node.extras.dimensions = dims;
      return node;
    },
  },
  Window: {
    params: [],
    create(ctx, parent, _args, call) {
      if (parent.provides !== 'stream') throw new GoPanic('cannot Window batch edge');
      const props = {
        period: 0n,
        every: 0n,
        align: false,
        fillPeriod: false,
        periodCount: 0,
        everyCount: 0,
      };
      return ctx.graph.linkChild(
        parent,
        'window',
        shape('window', 'window', 'stream', 'batch'),
        props,
        call.pos,
      );
    },
  },
  Eval: simple(
    'eval',
    'eval',
    ['*ast.LambdaNode'],
    (ls) => ({
      expressions: ls.map(lambdaProp),
      as: [],
      tags: [],
      keep: false,
      keepList: [],
    }),
    true,
  ),
  Default: simple('default', 'default', [], () => ({ fields: {}, tags: {} })),
  Delete: simple('delete', 'delete', [], () => ({ fields: [], tags: [] })),
  ChangeDetect: simple(
    'changeDetect',
    'changeDetect',
    ['string'],
    (fs) => ({ fields: asStrings(fs) }),
    true,
  ),
  Derivative: simple('derivative', 'derivative', ['string'], ([f]) => ({
    field: asString(f),
    as: asString(f),
    unit: NS_PER_SECOND,
    nonNegative: false,
  })),
  StateDuration: simple('stateDuration', 'state_duration', ['*ast.LambdaNode'], ([l]) => ({
    expression: lambdaProp(l),
    as: 'state_duration',
    unit: NS_PER_SECOND,
  })),
  StateCount: simple('stateCount', 'state_count', ['*ast.LambdaNode'], ([l]) => ({
    expression: lambdaProp(l),
    as: 'state_count',
  })),
  HttpOut: simple('httpOut', 'http_out', ['string'], ([e]) => ({ endpoint: asString(e) })),
  HttpPost: {
    params: ['string'],
    variadic: true,
    create(ctx, parent, urls, call) {
      const props = {
        url: '',
        endpoint: '',
        headers: {},
        captureResponse: false,
        codeField: '',
        timeout: 0n,
      };
      const node = child(ctx, parent, 'httpPost', 'http_post', props, call);
      node.extras.urls = asStrings(urls);
      return node;
    },
  },
  Log: simple('log', 'log', [], () => ({ level: 'INFO', prefix: '' })),
  Alert: simple('alert', 'alert', [], defaultAlertProps),

  Count: reducer('count'),
  Sum: reducer('sum'),
  Mean: reducer('mean'),
  Median: reducer('median'),
  Mode: reducer('mode'),
  Spread: reducer('spread'),
  Stddev: reducer('stddev'),
  First: reducer('first'),
  Last: reducer('last'),
  Min: reducer('min'),
  Max: reducer('max'),
  Distinct: reducer('distinct', 'batch'),
  Difference: reducer('difference', 'same'),
  CumulativeSum: reducer('cumulativeSum', 'same'),
  Percentile: influxql('percentile', 'stream', ['string', 'float64'], ([, p]) => ({
    n: asNumber(p),
  })),
  Top: topBottom('top'),
  Bottom: topBottom('bottom'),
  MovingAverage: influxql('movingAverage', 'same', ['string', 'int64'], ([, n]) => ({
    n: Number(asBigint(n)),
  })),
  Elapsed: influxql('elapsed', 'same', ['string', 'time.Duration'], ([, u]) => ({
    unit: (u as GoDuration).ns,
  })),

  InfluxDBOut: influxDBOutMethod,
  Join: joinMethod,
  Shift: simple('shift', 'shift', ['time.Duration'], ([d]) => ({ shift: (d as GoDuration).ns })),
  HoltWinters: notSupported('holtWinters'),
  HoltWintersWithFit: notSupported('holtWintersWithFit'),
  Union: notSupported('union'),
  Combine: notSupported('combine'),
  Flatten: notSupported('flatten'),
  Sample: notSupported('sample'),
  Barrier: notSupported('barrier'),
  Trickle: notSupported('trickle'),
  Sideload: notSupported('sideload'),
  KapacitorLoopback: notSupported('kapacitorLoopback'),
  K8sAutoscale: notSupported('k8sAutoscale'),
  SwarmAutoscale: notSupported('swarmAutoscale'),
  Ec2Autoscale: notSupported('ec2Autoscale'),
};

const chainSets: Record<ChainSet, Record<string, ChainMethod | UnsupportedChainMethod>> = {
  stream: { ...nodeMethods, From: fromMethod },
  batch: { ...nodeMethods, Query: queryMethod, QueryFlux: notSupported('queryFlux') },
  node: nodeMethods,
  from: { ...chainnodeMethods, From: fromMethod },
  chain: chainnodeMethods,
};

export function chainMethod(
  set: ChainSet,
  goName: string,
): ChainMethod | UnsupportedChainMethod | undefined {
  return Object.hasOwn(chainSets[set], goName) ? chainSets[set][goName] : undefined;
}

export function isUnsupported(
  m: ChainMethod | UnsupportedChainMethod,
): m is UnsupportedChainMethod {
  return 'unsupported' in m;
}
