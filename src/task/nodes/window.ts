// `|window()`: buffers stream points per group and emits batches, by time (period/every,
// align, fillPeriod) or by count (periodCount/everyCount), as Kapacitor's window.go.
//
// Memory (where this host differs from Kapacitor, which keeps every group's window forever):
// a time window keeps only the points a future batch can still contain, and a group that
// receives nothing while the stream's time (the newest point time this node has seen)
// advances by the expiry (twice the window, at least a minute; see windowExpiry) loses its
// window. If it sends again, its window starts afresh as a new group's would, instead of
// emitting the batch of stale points Kapacitor would emit then. Stream time, not the group's
// own point times, measures the silence, so a group whose points arrive late keeps its window
// as long as it keeps sending. Count windows keep their last periodCount points: they have no
// time to expire by.

import type { WindowProps } from '../../pipeline/model.js';
import { goTruncate } from '../gotime-math.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Tags } from '../../alert/event.js';
import { MAX_INT64, MIN_INT64 } from '../../common/duration.js';
import type { Batch, BatchPoint, Dimensions, Message, Point } from '../point.js';
import { reportError } from './errors.js';
import { batchMessage, dimensionTags } from './messages.js';

/** One group's window: takes a point, maybe returns the batch to emit. */
interface GroupWindow {
  insert(p: Point): Batch | undefined;
  /** The node's stream time when the group's last point arrived. */
  lastSeen: bigint;
}

/** What every batch of a group carries, taken from the group's first point. */
interface GroupInfo {
  name: string;
  db: string;
  rp: string;
  group: string;
  tags: Tags;
  dimensions: Dimensions;
}

function groupInfo(first: Point): GroupInfo {
  return {
    name: first.name,
    db: first.db,
    rp: first.rp,
    group: first.group,
    tags: dimensionTags(first.tags, first.dimensions),
    dimensions: first.dimensions,
  };
}

function batchFor(info: GroupInfo, tmax: bigint, points: BatchPoint[]): Batch {
  return {
    name: info.name,
    db: info.db,
    rp: info.rp,
    tmax,
    group: info.group,
    tags: info.tags,
    dimensions: info.dimensions,
    points,
  };
}

function batchPoint(p: Point): BatchPoint {
  return { time: p.time, fields: p.fields, tags: p.tags };
}

/** Points in arrival order; expired points are dropped from the front only (as upstream). */
class TimeBuffer {
  private points: Array<BatchPoint | undefined> = [];
  private start = 0;

  get size(): number {
    return this.points.length - this.start;
  }

  /** Array slots in use, dead ones included (what the buffer costs). */
  get slots(): number {
    return this.points.length;
  }

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
      pts[i] = undefined; // let the point go now, not at the next compaction
      i++;
    }
    this.start = i;
    if (i === pts.length) {
      this.points = [];
      this.start = 0;
    } else if (i * 2 > pts.length) {
      // Compact once the dead prefix is the larger part: amortized O(1) per point.
      this.points = pts.slice(i);
      this.start = 0;
    }
  }

  snapshot(): BatchPoint[] {
    return this.points.slice(this.start) as BatchPoint[];
  }
}

export class TimeWindow implements GroupWindow {
  lastSeen = 0n;
  private readonly buf = new TimeBuffer();
  private readonly info: GroupInfo;
  private nextEmit: bigint;

  constructor(
    first: Point,
    private readonly props: WindowProps,
  ) {
    this.info = groupInfo(first);
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

  /** What the window holds: live points, and array slots (dead ones included). */
  retained(): { points: number; slots: number } {
    return { points: this.buf.size, slots: this.buf.slots };
  }

  insert(p: Point): Batch | undefined {
    const { period, every, align } = this.props;
    let out: Batch | undefined;
    if (every === 0n) {
      // Emit on every point: a right-closed window (time - period, time] including the point.
      this.buf.insert(batchPoint(p));
      if (p.time >= this.nextEmit) {
        this.buf.purge(p.time - period, false);
        out = batchFor(this.info, p.time, this.buf.snapshot());
        this.nextEmit = p.time;
      }
      return out;
    }
    // Later points may share this time, so the window is left-closed [nextEmit - period, nextEmit).
    if (p.time >= this.nextEmit) {
      this.buf.purge(this.nextEmit - period, true);
      out = batchFor(this.info, this.nextEmit, this.buf.snapshot());
      // The schedule restarts from the arriving point: gaps produce no catch-up windows.
      this.nextEmit = p.time + every;
      if (align) this.nextEmit = goTruncate(this.nextEmit, every);
      // Points before the next window's start can never be emitted again (every > period
      // leaves gaps between windows): drop them now rather than at the next emission.
      this.buf.purge(this.nextEmit - period, true);
    }
    // A point that would sit at the front of the buffer before the next window's start
    // would be purged before it is ever emitted (purges only drop from the front).
    if (this.buf.size > 0 || p.time >= this.nextEmit - period) this.buf.insert(batchPoint(p));
    return out;
  }
}

class CountWindow implements GroupWindow {
  lastSeen = 0n;
  private readonly ring: BatchPoint[] = [];
  private readonly info: GroupInfo;
  private next = 0;
  private count = 0;
  private nextEmit: number;

  constructor(
    first: Point,
    private readonly props: WindowProps,
  ) {
    this.info = groupInfo(first);
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
    return batchFor(this.info, points[points.length - 1]!.time, points);
  }
}

/** How long (in stream time) a group may receive nothing before its time window is dropped. */
export function windowExpiry(props: WindowProps): bigint {
  const longest = props.period > props.every ? props.period : props.every;
  const twice = 2n * longest;
  // At least a minute: agents that flush late must not lose windows of short periods.
  return twice > MIN_EXPIRY ? twice : MIN_EXPIRY;
}

const MIN_EXPIRY = 60_000_000_000n;

class WindowNode implements NodeRuntime {
  private readonly windows = new Map<string, GroupWindow>();
  /** undefined for count windows, which do not expire. */
  private readonly expiryAfter: bigint | undefined;
  private streamTime = MIN_INT64;
  /** The stream time of the next sweep for expired groups. */
  private nextSweep = MAX_INT64;

  constructor(
    private readonly props: WindowProps,
    private readonly ctx: NodeContext,
  ) {
    if (props.period === 0n && props.periodCount === 0) {
      throw new Error('window node must have either a non zero period or non zero period count');
    }
    this.expiryAfter = props.period !== 0n ? windowExpiry(props) : undefined;
  }

  receive(msg: Message): void {
    if (msg.kind !== 'point') {
      reportError(this.ctx, 'window node cannot window batches');
      return;
    }
    const p = msg.point;
    if (p.time > this.streamTime) this.streamTime = p.time;
    let window = this.windows.get(p.group);
    if (window === undefined) {
      window =
        this.props.period !== 0n ? new TimeWindow(p, this.props) : new CountWindow(p, this.props);
      this.windows.set(p.group, window);
      if (this.expiryAfter !== undefined && this.nextSweep === MAX_INT64) {
        this.nextSweep = this.streamTime + this.expiryAfter;
      }
    }
    window.lastSeen = this.streamTime;
    const batch = window.insert(p);
    if (batch !== undefined) this.ctx.emit(batchMessage(batch));
    if (this.streamTime >= this.nextSweep) this.sweep();
  }

  /**
   * Drop the windows of groups idle for longer than expiryAfter. Sweeps run every half
   * expiry of stream time, so a group goes between 1 and 1.5 expiries after its last point,
   * at a cost of one pass over the groups per half expiry (nothing per point).
   */
  private sweep(): void {
    const limit = this.expiryAfter!;
    for (const [group, window] of this.windows) {
      if (this.streamTime - window.lastSeen > limit) this.windows.delete(group);
    }
    this.nextSweep = this.windows.size === 0 ? MAX_INT64 : this.streamTime + limit / 2n;
  }
}

export const windowNodeFactory: NodeFactory<'window'> = (node, ctx) =>
  new WindowNode(node.props, ctx);
