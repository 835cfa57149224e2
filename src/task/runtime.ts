// A running task: one NodeRuntime per pipeline node, wired parent → children in order.
// Messages flow synchronously from write() through the whole pipeline (async only in
// wall-clock sources and httpPost). The runtime counts collected/emitted per node; emit is a
// closure built once per node, so a point costs no allocation in the runtime itself.

import type { NodeType, Pipeline, PipelineNode } from '../pipeline/model.js';
import { GroupCounts } from './group-counts.js';
import {
  newNodeStats,
  type NodeContext,
  type NodeFactory,
  type NodeRuntime,
  type NodeStats,
  type TaskContext,
} from './node-runtime.js';
import { errorMessage } from './nodes/errors.js';
import { isHttpOutRuntime, type HttpOutput } from './nodes/http-out.js';
import { builtinNodeFactories, type NodeFactories } from './nodes/index.js';
import type { Message, Point } from './point.js';

export type { NodeFactories } from './nodes/index.js';
export type { HttpOutput } from './nodes/http-out.js';

export interface RunningTask {
  readonly pipeline: Pipeline;
  /** Deliver a point to the stream source (which copies it to every from()). */
  write(point: Point): void;
  /** Stop timers and wait for in-flight output (httpPost). */
  stop(): Promise<void>;
  /** Per-node counters, by node name, in node id order (snapshots). */
  stats(): Record<string, NodeStats>;
  /** The cache of the httpOut node with this endpoint name. */
  httpOut(name: string): HttpOutput | undefined;
  /** Resolves once every node's queued asynchronous work is done (httpPost requests). */
  drain(): Promise<void>;
}

interface Wired {
  node: PipelineNode;
  stats: NodeStats;
  runtime: NodeRuntime;
  /** set when a stats node observes this node */
  counts: GroupCounts | undefined;
  children: Wired[];
  /** this node's index among each child's parents, parallel to `children` */
  childSlots: number[];
}

function isDrainable(r: NodeRuntime): r is NodeRuntime & { drain(): Promise<void> } {
  return typeof (r as { drain?: unknown }).drain === 'function';
}

/** Builds the emit function of a node: count, then hand the message to each child. */
function emitterFor(w: Wired): (msg: Message) => void {
  const stats = w.stats;
  return (msg) => {
    stats.emitted++;
    if (w.counts !== undefined) w.counts.record(msg);
    const children = w.children;
    const slots = w.childSlots;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      c.stats.collected++;
      c.runtime.receive(msg, slots[i]!);
    }
  };
}

/**
 * Start a task. `factories` overrides node factories (tests use it for sinks and stubs).
 * Throws when a node type has no factory or a node cannot start
 * (bad lambda, invalid window, unknown httpPost endpoint, ...), after stopping what started.
 */
export function startTask(
  pipeline: Pipeline,
  task: TaskContext,
  factories: Partial<NodeFactories> = {},
): RunningTask {
  const registry: Partial<NodeFactories> = { ...builtinNodeFactories, ...factories };
  const wired = new Map<PipelineNode, Wired>();
  const byId: Wired[] = [];
  const observe = (nodeId: number): GroupCounts => {
    // Stats nodes come after the node they observe (ids are in creation order).
    const target = byId.find((w) => w.node.id === nodeId);
    if (target === undefined) throw new Error(`cannot observe node ${nodeId}: no such node`);
    target.counts ??= new GroupCounts();
    return target.counts;
  };

  try {
    for (const node of pipeline.nodes) {
      const factory = registry[node.type] as NodeFactory<NodeType> | undefined;
      if (factory === undefined) throw new Error(`unsupported node: ${node.type} (${node.name})`);
      const w: Wired = {
        node,
        stats: newNodeStats(),
        runtime: { receive: () => {} },
        counts: undefined,
        children: [],
        childSlots: [],
      };
      const ctx: NodeContext = {
        task,
        node,
        stats: w.stats,
        logger: task.logger.child({ node: node.name }),
        emit: emitterFor(w),
        observe,
      };
      w.runtime = factory(node, ctx);
      wired.set(node, w);
      byId.push(w);
    }
  } catch (err) {
    for (const w of byId) void w.runtime.stop?.();
    throw err;
  }
  for (const w of byId) {
    for (const c of w.node.children) {
      const child = wired.get(c);
      if (child === undefined) continue;
      w.children.push(child);
      w.childSlots.push(c.parents.indexOf(w.node));
    }
  }

  const source = byId[0];
  if (source === undefined) throw new Error('empty pipeline');
  const logger = task.logger;

  return {
    pipeline,
    write(point) {
      source.stats.collected++;
      try {
        source.runtime.receive({ kind: 'point', point }, 0);
      } catch (err) {
        // Nodes must not throw; if one does, lose this point, not the task.
        logger.error({ err: errorMessage(err) }, 'node failed to process a point');
      }
    },
    async stop() {
      await Promise.all(byId.map((w) => w.runtime.stop?.()));
    },
    stats() {
      const out: Record<string, NodeStats> = {};
      for (const w of byId) out[w.node.name] = { ...w.stats, extra: { ...w.stats.extra } };
      return out;
    },
    httpOut(name) {
      for (const w of byId) {
        if (isHttpOutRuntime(w.runtime) && w.runtime.output.endpoint === name) {
          return w.runtime.output;
        }
      }
      return undefined;
    },
    async drain() {
      await Promise.all(byId.map((w) => (isDrainable(w.runtime) ? w.runtime.drain() : undefined)));
    },
  };
}
