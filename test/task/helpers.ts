// Builders for task runtime tests: pipelines without the evaluator, points, a task context,
// and a capturing sink node.

import type { AlertService } from '../../src/alert/service.js';
import type { Fields, Tags } from '../../src/alert/event.js';
import { memoryLogger, type LogRecord } from '../../src/common/logger.js';
import type {
  LambdaProp,
  NodePropsByType,
  NodeType,
  Pipeline,
  PipelineNode,
} from '../../src/pipeline/model.js';
import type { HttppostService } from '../../src/services/httppost/service.js';
import type { Store } from '../../src/store/index.js';
import {
  newNodeStats,
  type NodeFactory,
  type NodeStats,
  type TaskContext,
} from '../../src/task/node-runtime.js';
import { builtinNodeFactories } from '../../src/task/nodes/index.js';
import {
  groupId,
  noDimensions,
  type Dimensions,
  type Message,
  type Point,
} from '../../src/task/point.js';
import { startTask, type NodeFactories, type RunningTask } from '../../src/task/runtime.js';
import type { HandlerServices } from '../../src/task/task-master.js';
import { parseLambdaExpression } from '../../src/tick/parser.js';
import { defaultFromProps } from '../../src/pipeline/chains.js';

export const SECOND = 1_000_000_000n;
export const MS = 1_000_000n;
export const s = (n: number): bigint => BigInt(n) * SECOND;

export function lambda(src: string): LambdaProp {
  return { expr: parseLambdaExpression(src), source: src };
}

type MutableNode = {
  -readonly [K in keyof PipelineNode]: PipelineNode[K];
};

const descs: Partial<Record<NodeType, string>> = {
  groupBy: 'groupby',
  stateDuration: 'state_duration',
  stateCount: 'state_count',
  httpOut: 'http_out',
  httpPost: 'http_post',
};

/** Builds a pipeline node by node; `add` links the new node under a parent. */
export class PipelineBuilder {
  readonly nodes: PipelineNode[] = [];

  constructor() {
    this.make('stream', {}, undefined);
  }

  get stream(): PipelineNode<'stream'> {
    return this.nodes[0] as PipelineNode<'stream'>;
  }

  add<T extends NodeType>(
    parent: PipelineNode | undefined,
    type: T,
    props: NodePropsByType[T],
    quiet = false,
  ): PipelineNode<T> {
    const node = this.make(type, props, parent);
    node.quiet = quiet;
    return node;
  }

  /** A linear chain under `parent`; returns the last node. */
  chain(
    parent: PipelineNode,
    ...steps: { [T in NodeType]: [T, NodePropsByType[T]] }[NodeType][]
  ): PipelineNode {
    let cur = parent;
    for (const [type, props] of steps) cur = this.add(cur, type, props as never);
    return cur;
  }

  build(): Pipeline {
    return { nodes: this.nodes, type: 'stream', dbrps: [{ db: 'db', rp: 'rp' }] };
  }

  private make<T extends NodeType>(
    type: T,
    props: NodePropsByType[T],
    parent: PipelineNode | undefined,
  ): PipelineNode<T> {
    const id = this.nodes.length;
    const desc =
      type === 'influxql' ? (props as NodePropsByType['influxql']).method : (descs[type] ?? type);
    const node: MutableNode = {
      id,
      type,
      name: `${desc}${id}`,
      wants: parent === undefined ? 'none' : parent.provides,
      provides: 'stream',
      parents: parent ? [parent] : [],
      children: [],
      props,
      quiet: false,
      pos: { offset: 0, line: 1, column: 1 },
    };
    if (type === 'window') node.provides = 'batch';
    else if (type === 'influxql') {
      const m = (props as NodePropsByType['influxql']).method;
      const batchOut = ['distinct', 'top', 'bottom'].includes(m);
      const transform = ['difference', 'cumulativeSum', 'movingAverage', 'elapsed'].includes(m);
      node.provides = batchOut
        ? 'batch'
        : transform
          ? node.wants === 'batch'
            ? 'batch'
            : 'stream'
          : 'stream';
    } else if (parent !== undefined) node.provides = parent.provides;
    parent?.children.push(node as PipelineNode);
    this.nodes.push(node as PipelineNode);
    return node as PipelineNode<T>;
  }
}

export function fromProps(over: Partial<NodePropsByType['from']> = {}): NodePropsByType['from'] {
  return { ...defaultFromProps(), ...over };
}

export function windowProps(
  over: Partial<NodePropsByType['window']> = {},
): NodePropsByType['window'] {
  return {
    period: 0n,
    every: 0n,
    align: false,
    fillPeriod: false,
    periodCount: 0,
    everyCount: 0,
    ...over,
  };
}

export function influxql(
  method: NodePropsByType['influxql']['method'],
  field = 'value',
  over: Partial<NodePropsByType['influxql']> = {},
): NodePropsByType['influxql'] {
  return { method, field, as: method, usePointTimes: false, ...over };
}

export function point(init: {
  name?: string;
  db?: string;
  rp?: string;
  tags?: Tags;
  fields: Fields;
  time: bigint;
  dims?: Dimensions;
}): Point {
  const name = init.name ?? 'cpu';
  const tags = init.tags ?? {};
  const dims = init.dims ?? noDimensions;
  return {
    name,
    db: init.db ?? 'db',
    rp: init.rp ?? 'rp',
    tags,
    fields: init.fields,
    time: init.time,
    group: groupId(name, tags, dims),
    dimensions: dims,
  };
}

export interface TestTask {
  task: RunningTask;
  /** messages that reached the sink (noop) nodes, in order */
  out: Message[];
  logs: LogRecord[];
  context: TaskContext;
}

export function taskContext(logs: LogRecord[] = [], over: Partial<TaskContext> = {}): TaskContext {
  return {
    taskId: 'test',
    logger: memoryLogger(logs),
    alert: {} as AlertService,
    // Only the services a test uses; the rest of HandlerServices grows with every handler.
    handlerServices: {
      httppost: { endpoint: () => undefined } as unknown as HttppostService,
    } as HandlerServices,
    store: {} as Store,
    serverInfo: { Hostname: 'localhost', ClusterID: 'c', ServerID: 's' },
    now: () => BigInt(Date.now()) * MS,
    ...over,
  };
}

/** A factory whose nodes record every message they receive. */
export function captureFactory(out: Message[]): NodeFactory<'noop'> {
  return () => ({ receive: (msg) => void out.push(msg) });
}

/**
 * Start the pipeline with `noop` nodes as capturing sinks. Pass `sinkUnder` to add one sink
 * under that node first.
 */
export function run(
  b: PipelineBuilder,
  sinkUnder?: PipelineNode,
  options: { factories?: Partial<NodeFactories>; context?: Partial<TaskContext> } = {},
): TestTask {
  if (sinkUnder) b.add(sinkUnder, 'noop', {});
  const out: Message[] = [];
  const logs: LogRecord[] = [];
  const context = taskContext(logs, options.context);
  const task = startTask(b.build(), context, { noop: captureFactory(out), ...options.factories });
  return { task, out, logs, context };
}

export function points(out: Message[]): Point[] {
  return out.map((m) => {
    if (m.kind !== 'point') throw new Error('expected a point');
    return m.point;
  });
}

export function batches(out: Message[]) {
  return out.map((m) => {
    if (m.kind !== 'batch') throw new Error('expected a batch');
    return m.batch;
  });
}

/** A point's field, for compact expectations. */
export function field(m: Message | Point, name: string): unknown {
  const p = 'kind' in m ? (m.kind === 'point' ? m.point : undefined) : m;
  if (!p) throw new Error('expected a point');
  return p.fields[name];
}

/** One node run directly: feed it messages, see what it emits. */
export interface NodeHarness {
  receive(msg: Message): void;
  out: Message[];
  logs: LogRecord[];
  stats: NodeStats;
}

export function nodeHarness<T extends NodeType>(
  type: T,
  props: NodePropsByType[T],
  options: { quiet?: boolean; context?: Partial<TaskContext> } = {},
): NodeHarness {
  const b = new PipelineBuilder();
  const node = b.add(b.stream, type, props, options.quiet ?? false);
  const out: Message[] = [];
  const logs: LogRecord[] = [];
  const context = taskContext(logs, options.context);
  const stats = newNodeStats();
  const factory = builtinNodeFactories[type] as NodeFactory<T>;
  const runtime = factory(node, {
    task: context,
    node,
    stats,
    logger: context.logger,
    emit: (msg) => {
      stats.emitted++;
      out.push(msg);
    },
  });
  return { receive: (msg) => runtime.receive(msg, 0), out, logs, stats };
}

export function batch(init: {
  name?: string;
  tags?: Tags;
  dims?: Dimensions;
  tmax: bigint;
  points: Array<{ time: bigint; fields: Fields; tags?: Tags }>;
}): Message {
  const name = init.name ?? 'cpu';
  const tags = init.tags ?? {};
  const dims = init.dims ?? { tagNames: Object.keys(tags).sort(), byMeasurement: false };
  return {
    kind: 'batch',
    batch: {
      name,
      db: '',
      rp: '',
      tmax: init.tmax,
      group: groupId(name, tags, dims),
      tags,
      dimensions: dims,
      points: init.points.map((p) => ({ time: p.time, fields: p.fields, tags: p.tags ?? tags })),
    },
  };
}

export function pointMsg(init: Parameters<typeof point>[0]): Message {
  return { kind: 'point', point: point(init) };
}
