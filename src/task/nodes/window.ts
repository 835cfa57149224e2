// `|window()`: buffers stream points per group and emits batches, by time (period/every,
// align, fillPeriod) or by count (periodCount/everyCount), exactly as Kapacitor's window.go.

import type { WindowProps } from '../../pipeline/model.js';
import { goTruncate } from '../gotime-math.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Batch, BatchPoint, Message, Point } from '../point.js';
import { reportError } from './errors.js';
import { batchMessage, dimensionTags } from './messages.js';

/** One group's window: takes a point, maybe returns the batch to emit. */
interface GroupWindow {
  insert(p: Point): Batch | undefined;
}

function batchFor(first: Point, tmax: bigint, points: BatchPoint[]): Batch {
  return {
    name: first.name,
    db: first.db,
    rp: first.rp,
    tmax,
    group: first.group,
    tags: dimensionTags(first.tags, first.dimensions),
    dimensions: first.dimensions,
    points,
  };
}

function batchPoint(p: Point): BatchPoint {
  return { time: p.time, fields: p.fields, tags: p.tags };
}

/** Points in arrival order; expired points are dropped from the front only (as upstream). */
class TimeBuffer {
  private points: BatchPoint[] = [];
  private start = 0;

  insert(p: BatchPoint): void {
    this.points.push(p);
  }

  /** Drop leading points older than `oldest` (inclusive: keep t >= oldest; else t > oldest). */
  purge(oldest: bigint, inclusive: boolean): void {
    const pts = this.points;
    let i = this.start;
    while (i < pts.length) {
      const t = pts[i]!.time;
      if (inclusive ? t >= oldest : t > oldest) break;
      i++;
    }
    this.start = i;
    // Compact once the dead prefix dominates, so the array does not grow forever.
    if (i > 1024 && i * 2 > pts.length) {
      this.points = pts.slice(i);
      this.start = 0;
    }
  }

  snapshot(): BatchPoint[] {
    return this.points.slice(this.start);
  }
}

class TimeWindow implements GroupWindow {
  private readonly buf = new TimeBuffer();
  private nextEmit: bigint;

  constructor(
    private readonly first: Point,
    private readonly props: WindowProps,
  ) {
    const { period, every, align, fillPeriod } = props;
    const now = first.time;
    if (fillPeriod) {
      this.nextEmit = now + period;
      if (align) {
        const firstPeriod = this.nextEmit;
        this.nextEmit = goTruncate(this.nextEmit, every);
        // Must be aligned with every and strictly after first + period.
        if (this.nextEmit <= firstPeriod) this.nextEmit += every;
      }
    } else {
      this.nextEmit = now + every;
      if (align) this.nextEmit = goTruncate(this.nextEmit, every);
    }
  }

  insert(p: Point): Batch | undefined {
    const { period, every, align } = this.props;
    let out: Batch | undefined;
    if (every === 0n) {
      // Emit on every point: a right-closed window (time - period, time] including the point.
      this.buf.insert(batchPoint(p));
      if (p.time >= this.nextEmit) {
        this.buf.purge(p.time - period, false);
        out = batchFor(this.first, p.time, this.buf.snapshot());
        this.nextEmit = p.time;
      }
      return out;
    }
    // Later points may share this time, so the window is left-closed [nextEmit - period, nextEmit).
    if (p.time >= this.nextEmit) {
      this.buf.purge(this.nextEmit - period, true);
      out = batchFor(this.first, this.nextEmit, this.buf.snapshot());
      // The schedule restarts from the arriving point: gaps produce no catch-up windows.
      this.nextEmit = p.time + every;
      if (align) this.nextEmit = goTruncate(this.nextEmit, every);
    }
    this.buf.insert(batchPoint(p));
    return out;
  }
}

class CountWindow implements GroupWindow {
  private readonly ring: BatchPoint[] = [];
  private next = 0;
  private count = 0;
  private nextEmit: number;

  constructor(
    private readonly first: Point,
    private readonly props: WindowProps,
  ) {
    this.nextEmit = props.fillPeriod ? props.periodCount : props.everyCount;
  }

  insert(p: Point): Batch | undefined {
    const size = this.props.periodCount;
    this.ring[this.next] = batchPoint(p);
    this.next = (this.next + 1) % size;
    this.count++;
    if (this.count !== this.nextEmit) return undefined;
    this.nextEmit += this.props.everyCount;
    // Oldest first: once the ring is full the oldest entry is at `next`.
    const points =
      this.ring.length < size
        ? this.ring.slice()
        : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return batchFor(this.first, points[points.length - 1]!.time, points);
  }
}

class WindowNode implements NodeRuntime {
  private readonly windows = new Map<string, GroupWindow>();

  constructor(
    private readonly props: WindowProps,
    private readonly ctx: NodeContext,
  ) {
    if (props.period === 0n && props.periodCount === 0) {
      throw new Error('window node must have either a non zero period or non zero period count');
    }
  }

  receive(msg: Message): void {
    if (msg.kind !== 'point') {
      reportError(this.ctx, 'window node cannot window batches');
      return;
    }
    const p = msg.point;
    let w = this.windows.get(p.group);
    if (w === undefined) {
      w = this.props.period !== 0n ? new TimeWindow(p, this.props) : new CountWindow(p, this.props);
      this.windows.set(p.group, w);
    }
    const batch = w.insert(p);
    if (batch !== undefined) this.ctx.emit(batchMessage(batch));
  }
}

export const windowNodeFactory: NodeFactory<'window'> = (node, ctx) =>
  new WindowNode(node.props, ctx);
