// The contract between a running task and its nodes. Messages flow synchronously, parent to
// children, in arrival order (Kapacitor's per-edge ordering); only wall-clock nodes (stats,
// deadman) and outputs that do I/O (httpPost) have asynchronous parts.

import type { AlertService } from '../alert/service.js';
import type { DeliveryMetricsRegistry } from '../delivery/metrics.js';
import type { RetryPolicy } from '../delivery/retry.js';
import type { InfluxDBService } from '../influxdb/service.js';
import type { Logger } from '../common/logger.js';
import type { NodeType, PipelineNode } from '../pipeline/model.js';
import type { Store } from '../store/index.js';
import type { HandlerServices } from './task-master.js';
import type { GroupCounts } from './group-counts.js';
import type { Message } from './point.js';

/** Per-node counters shown by `condenser show` and /debug/vars. */
export interface NodeStats {
  collected: number;
  emitted: number;
  errors: number;
  /** node-specific extra values (e.g. alert: warns_triggered, crits_triggered, ...) */
  extra: Record<string, number>;
}

export function newNodeStats(): NodeStats {
  return { collected: 0, emitted: 0, errors: 0, extra: {} };
}

export interface ServerInfo {
  Hostname: string;
  ClusterID: string;
  ServerID: string;
}

/** How nodes that write elsewhere (influxDBOut) deliver: the host's [alert] delivery settings. */
export interface TaskOutputs {
  /** The [[influxdb]] clusters (absent when none is configured). */
  influxdb: InfluxDBService | undefined;
  metrics: DeliveryMetricsRegistry;
  retryPolicy: RetryPolicy;
  /** ms; 0 = none */
  attemptTimeoutMs: number;
  /** write batches waiting per node before new ones are dropped */
  queueCapacity: number;
  /** ms a stopping task waits for its queued writes */
  drainTimeoutMs: number;
}

/** What every node of one task shares. */
export interface TaskContext {
  taskId: string;
  logger: Logger;
  alert: AlertService;
  handlerServices: HandlerServices;
  store: Store;
  serverInfo: ServerInfo;
  /** wall clock, ns */
  now(): bigint;
  /** Delivery to InfluxDB; absent in contexts built by hand in tests of other nodes. */
  outputs?: TaskOutputs;
}

export interface NodeContext {
  task: TaskContext;
  node: PipelineNode;
  stats: NodeStats;
  logger: Logger;
  /** Send a message to every child, in order. */
  emit(msg: Message): void;
  /**
   * Per-group emitted counts of another node of the task, counted from now on (stats and
   * deadman). Optional so contexts built by hand in tests need not provide it.
   */
  observe?(nodeId: number): GroupCounts;
}

export interface NodeRuntime {
  /**
   * A message from a parent (`from`: the parent's index among this node's parents, which only
   * nodes with several parents, such as join, need). Must not throw for bad data: log, count
   * an error, drop.
   */
  receive(msg: Message, from: number): void;
  /** Stop timers and release resources (task disabled or deleted). */
  stop?(): void | Promise<void>;
}

export type NodeFactory<T extends NodeType = NodeType> = (
  node: PipelineNode<T>,
  ctx: NodeContext,
) => NodeRuntime;
