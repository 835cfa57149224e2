// Test harness for the alert node: a real AlertService on a temp store, a synchronous
// capture of what each topic collects, and builders for alert props, points and batches.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { AlertEvent, Fields, Tags } from '../../../src/alert/event.js';
import { AlertService } from '../../../src/alert/service.js';
import { SECOND } from '../../../src/common/duration.js';
import { memoryLogger, type LogRecord } from '../../../src/common/logger.js';
import { DeliveryMetricsRegistry } from '../../../src/delivery/metrics.js';
import type {
  AlertHandlerDecl,
  AlertProps,
  LambdaProp,
  PipelineNode,
} from '../../../src/pipeline/model.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { alertNodeFactory } from '../../../src/task/alert/node.js';
import { newNodeStats, type NodeStats, type ServerInfo } from '../../../src/task/node-runtime.js';
import type { HandlerServices } from '../../../src/task/task-master.js';
import {
  groupId,
  type Batch,
  type BatchPoint,
  type Message,
  type Point,
} from '../../../src/task/point.js';
import { parseLambdaExpression } from '../../../src/tick/parser.js';
import { defaultAlertProps } from '../../../src/pipeline/nodes/alert.js';

/** 1971-01-01T00:00:00Z, where the vectors' recordings start. */
export const T0 = 31_536_000n * SECOND;

/** ns of `s` seconds after T0. */
export const at = (s: number): bigint => T0 + BigInt(s) * SECOND;

export const testServerInfo: ServerInfo = {
  Hostname: 'localhost',
  ClusterID: 'f4c77777-a43d-439a-ba56-b08cbb0993fe',
  ServerID: 'af80a060-3226-41e2-b1cd-548a1467b491',
};

export function lambda(source: string): LambdaProp {
  return { expr: parseLambdaExpression(source), source };
}

/** Kapacitor's defaults for |alert() (the evaluator's own), with overrides. */
export function alertProps(overrides: Partial<AlertProps> = {}): AlertProps {
  return { ...defaultAlertProps(), ...overrides };
}

/** A `.log(path)` declared at line 3, column 5. */
export function logHandler(file: string, extra: Record<string, unknown> = {}): AlertHandlerDecl {
  return {
    folder: 'log',
    options: { path: file, ...extra },
    pos: { offset: 0, line: 3, column: 5 },
  };
}

export function alertNode(
  props: AlertProps,
  name = 'alert2',
  quiet = false,
): PipelineNode<'alert'> {
  return {
    id: Number(name.replace(/\D/g, '')) || 2,
    type: 'alert',
    name,
    wants: 'stream',
    provides: 'stream',
    parents: [],
    children: [],
    props,
    quiet,
    pos: { offset: 0, line: 1, column: 1 },
  };
}

export interface PointInit {
  name?: string;
  tags?: Tags;
  fields: Fields;
  /** seconds after T0 */
  t: number;
  /** groupBy dimensions (default none: the nil group) */
  dims?: string[];
}

export function point(init: PointInit): Point {
  const name = init.name ?? 'cpu';
  const tags = init.tags ?? {};
  const dimensions = { tagNames: [...(init.dims ?? [])].sort(), byMeasurement: false };
  return {
    name,
    db: 'dbname',
    rp: 'rpname',
    tags,
    fields: init.fields,
    time: at(init.t),
    group: groupId(name, tags, dimensions),
    dimensions,
  };
}

export function batch(init: {
  name?: string;
  tags?: Tags;
  dims?: string[];
  tmax: number;
  points: BatchPoint[];
}): Batch {
  const name = init.name ?? 'cpu';
  const tags = init.tags ?? {};
  const dimensions = {
    tagNames: [...(init.dims ?? Object.keys(tags))].sort(),
    byMeasurement: false,
  };
  return {
    name,
    db: 'dbname',
    rp: 'rpname',
    tmax: at(init.tmax),
    group: groupId(name, tags, dimensions),
    tags,
    dimensions,
    points: init.points,
  };
}

export const pointMsg = (init: PointInit): Message => ({ kind: 'point', point: point(init) });

export interface RunningNode {
  receive(msg: Message): void;
  stop(): Promise<void>;
  stats: NodeStats;
  /** what the node forwarded */
  emitted: Message[];
}

export interface AlertHarness {
  readonly dir: string;
  store: Store;
  alert: AlertService;
  logs: LogRecord[];
  /** Every event the topic collects from now on, in order, synchronously. */
  capture(topic: string): AlertEvent[];
  start(props: AlertProps, opts?: { taskId?: string; name?: string; quiet?: boolean }): RunningNode;
  /** Close the service and store and open new ones on the same directory (a process restart). */
  restart(): Promise<void>;
  /** A fresh temp file path for a log handler. */
  tempFile(name: string): string;
}

function newAlertService(store: Store, logs: LogRecord[]): AlertService {
  const service = new AlertService({
    store,
    logger: memoryLogger(logs, { service: 'alert' }),
    metrics: new DeliveryMetricsRegistry(),
    service: () => undefined,
    delivery: {
      capacity: 5000,
      attemptTimeoutMs: 5000,
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    },
    persistTopics: true,
  });
  service.open();
  return service;
}

/** One harness per test; everything is closed and removed after the test. */
export function useAlertHarness(): () => AlertHarness {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condenser-alert-'));
    const logs: LogRecord[] = [];
    const nodes: RunningNode[] = [];
    const h: AlertHarness = {
      dir,
      store: openStore(path.join(dir, 'data')),
      alert: undefined as unknown as AlertService,
      logs,
      capture(topic) {
        const events: AlertEvent[] = [];
        h.alert.topics.getOrCreate(topic).subscribers.set('test-capture', {
          id: 'test-capture',
          listed: true,
          offer: (e) => void events.push(e),
        });
        return events;
      },
      start(props, opts = {}) {
        const stats = newNodeStats();
        const emitted: Message[] = [];
        const logger = memoryLogger(logs, { node: opts.name ?? 'alert2' });
        const runtime = alertNodeFactory(alertNode(props, opts.name, opts.quiet), {
          task: {
            taskId: opts.taskId ?? 'task',
            logger,
            alert: h.alert,
            handlerServices: {} as HandlerServices,
            store: h.store,
            serverInfo: testServerInfo,
            now: () => 0n,
          },
          node: alertNode(props, opts.name, opts.quiet),
          stats,
          logger,
          emit: (m) => void emitted.push(m),
        });
        const node: RunningNode = {
          receive: (m) => runtime.receive(m, 0),
          stop: async () => {
            await runtime.stop?.();
          },
          stats,
          emitted,
        };
        nodes.push(node);
        return node;
      },
      async restart() {
        for (const n of nodes.splice(0)) await n.stop();
        await h.alert.close(0);
        h.store.close();
        h.store = openStore(path.join(dir, 'data'));
        h.alert = newAlertService(h.store, logs);
      },
      tempFile: (name) => path.join(dir, name),
    };
    h.alert = newAlertService(h.store, logs);
    cleanups.push(async () => {
      for (const n of nodes.splice(0)) await n.stop();
      await h.alert.close(0);
      h.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return h;
  };
}

/** Wait until `check` passes (handlers deliver asynchronously). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** The lines a log handler wrote so far. */
export function logLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}
