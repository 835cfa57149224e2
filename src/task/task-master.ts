// The task master: routes written points to running tasks, and its view of handler services
// (the services TICKscript alert nodes may use, by folder name). Touch point:
// `HandlerServices` is edited by `npm run wire`, which adds and removes entries.

import type { DBRP, PipelineNode } from '../pipeline/model.js';
import type { HttppostService } from '../services/httppost/service.js';
import type { ServiceName } from '../server/config.js';
import { noDimensions, type Point } from './point.js';
import type { RunningTask } from './runtime.js';

export interface HandlerServices {
  httppost: HttppostService;
}

/** Typed completeness check: every service with a config section is here. */
export type MissingHandlerServices = Exclude<ServiceName, keyof HandlerServices>;
const complete: MissingHandlerServices extends never ? true : never = true;
void complete;

/** A point as parsed from line protocol. */
export interface IncomingPoint {
  measurement: string;
  tags: Point['tags'];
  fields: Point['fields'];
  time: bigint;
}

interface Subscriber {
  task: RunningTask;
  /** measurements of its from() nodes; '' = every measurement */
  measurements: ReadonlySet<string>;
}

/**
 * Routes written points to running stream tasks by (db, rp) and measurement, as Kapacitor's
 * TaskMaster does (line-protocol.md §5): a point reaches every task subscribed to its
 * measurement and, separately, every task with a from() that has no measurement.
 */
export class TaskMaster {
  private readonly byDbrp = new Map<string, Map<string, Subscriber>>();
  points = 0;

  private static key(db: string, rp: string): string {
    return `${db}\u0000${rp}`;
  }

  add(taskId: string, dbrps: readonly DBRP[], task: RunningTask): void {
    const measurements = new Set(
      task.pipeline.nodes
        .filter((n): n is PipelineNode<'from'> => n.type === 'from')
        .map((n) => n.props.measurement),
    );
    for (const d of dbrps) {
      const k = TaskMaster.key(d.db, d.rp);
      let subs = this.byDbrp.get(k);
      if (!subs) this.byDbrp.set(k, (subs = new Map()));
      subs.set(taskId, { task, measurements });
    }
  }

  remove(taskId: string): void {
    for (const [k, subs] of this.byDbrp) {
      subs.delete(taskId);
      if (subs.size === 0) this.byDbrp.delete(k);
    }
  }

  /** Deliver points in order; points whose (db, rp) no task wants are dropped silently. */
  writePoints(db: string, rp: string, points: readonly IncomingPoint[]): void {
    const subs = this.byDbrp.get(TaskMaster.key(db, rp));
    this.points += points.length;
    if (!subs) return;
    for (const p of points) {
      for (const sub of subs.values()) {
        const copies =
          (sub.measurements.has(p.measurement) ? 1 : 0) + (sub.measurements.has('') ? 1 : 0);
        for (let i = 0; i < copies; i++) {
          sub.task.write({
            name: p.measurement,
            db,
            rp,
            tags: p.tags,
            fields: p.fields,
            time: p.time,
            group: '',
            dimensions: noDimensions,
          });
        }
      }
    }
  }
}
