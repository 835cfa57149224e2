// `a|join(b, ...)`: for each group and time (rounded to `.tolerance()`), one point from every
// parent becomes one point whose fields are `<as>.<field>`. With `.on(dims)` a point of a
// parent grouped only by `dims` joins every more specific group sharing those values
// (one-to-many). A set still incomplete when every parent has moved past its time is emitted
// with `.fill()` (null: the missing fields left out; a number: that value) or dropped.

import type { Fields, FieldValue, Tags } from '../../alert/event.js';
import type { JoinProps } from '../../pipeline/model.js';
import { goRound } from '../gotime-math.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Dimensions, Message, Point } from '../point.js';
import { pointMessage } from './messages.js';

/** The points of one (join key, time): shared ones (grouped by the on dims) and specific ones. */
interface Bucket {
  time: bigint;
  shared: Array<Point | undefined>;
  specific: Map<string, Array<Point | undefined>>;
  emitted: Set<string>;
}

class JoinNode implements NodeRuntime {
  private readonly buckets = new Map<string, Bucket>();
  /** the latest time each parent has sent; a set older than all of them is complete or never will be */
  private readonly latest: Array<bigint | undefined>;
  private readonly on: readonly string[];
  private readonly onSorted: string;

  constructor(
    private readonly props: JoinProps,
    private readonly parents: number,
    private readonly ctx: NodeContext,
  ) {
    this.latest = new Array<bigint | undefined>(parents).fill(undefined);
    this.on = [...props.on].sort();
    this.onSorted = this.on.join('\u0000');
  }

  receive(msg: Message, from: number): void {
    if (msg.kind !== 'point') return;
    const p = msg.point;
    const time = this.props.tolerance > 0n ? goRound(p.time, this.props.tolerance) : p.time;
    const prev = this.latest[from];
    if (prev === undefined || time > prev) this.latest[from] = time;

    const shared = this.on.length === 0 || p.dimensions.tagNames.join('\u0000') === this.onSorted;
    const key =
      this.on.length === 0 ? p.group : this.on.map((d) => `${d}=${p.tags[d] ?? ''}`).join(',');
    const bucketKey = `${key}\u0001${time}`;
    let bucket = this.buckets.get(bucketKey);
    if (bucket === undefined) {
      bucket = {
        time,
        shared: new Array(this.parents).fill(undefined),
        specific: new Map(),
        emitted: new Set(),
      };
      this.buckets.set(bucketKey, bucket);
    }
    if (shared) {
      bucket.shared[from] = p;
      if (bucket.specific.size === 0) this.tryEmit(bucketKey, bucket, '');
      else for (const g of bucket.specific.keys()) this.tryEmit(bucketKey, bucket, g);
    } else {
      let values = bucket.specific.get(p.group);
      if (values === undefined)
        bucket.specific.set(p.group, (values = new Array(this.parents).fill(undefined)));
      values[from] = p;
      this.tryEmit(bucketKey, bucket, p.group);
    }
    this.expire();
  }

  private values(bucket: Bucket, group: string): Array<Point | undefined> {
    const specific = bucket.specific.get(group);
    return bucket.shared.map((s, i) => specific?.[i] ?? s);
  }

  private tryEmit(bucketKey: string, bucket: Bucket, group: string): void {
    if (bucket.emitted.has(group)) return;
    const values = this.values(bucket, group);
    if (values.some((v) => v === undefined)) return;
    bucket.emitted.add(group);
    this.emit(bucket.time, values);
    // Without .on() a set is complete once: nothing else can join it.
    if (this.on.length === 0) this.buckets.delete(bucketKey);
  }

  /** Sets every parent has moved past: fill or drop what is incomplete. */
  private expire(): void {
    let low: bigint | undefined;
    for (const t of this.latest) {
      if (t === undefined) return;
      if (low === undefined || t < low) low = t;
    }
    for (const [key, bucket] of this.buckets) {
      if (bucket.time >= low!) continue;
      this.buckets.delete(key);
      if (this.props.fill === undefined) continue;
      const groups = bucket.specific.size === 0 ? [''] : [...bucket.specific.keys()];
      for (const g of groups)
        if (!bucket.emitted.has(g)) this.emit(bucket.time, this.values(bucket, g));
    }
  }

  private emit(time: bigint, values: Array<Point | undefined>): void {
    const present = values.filter((v): v is Point => v !== undefined);
    // The most specific point gives the group (one-to-many joins keep the specific groups).
    const lead = present.reduce((a, b) =>
      b.dimensions.tagNames.length > a.dimensions.tagNames.length ? b : a,
    );
    const fields: Fields = {};
    const { as, delimiter, fill } = this.props;
    values.forEach((v, i) => {
      const prefix = `${as[i]}${delimiter}`;
      if (v !== undefined) {
        for (const [k, value] of Object.entries(v.fields)) fields[prefix + k] = value;
      } else if (fill !== undefined && fill !== 'null') {
        const fillValue: FieldValue = typeof fill === 'bigint' ? Number(fill) : fill;
        for (const k of Object.keys(present[0]!.fields)) fields[prefix + k] = fillValue;
      }
    });
    const dims: Dimensions = lead.dimensions;
    const tags: Tags = {};
    for (const d of dims.tagNames) tags[d] = lead.tags[d] ?? '';
    this.ctx.emit(
      pointMessage({
        name: this.props.streamName || present[0]!.name,
        db: lead.db,
        rp: lead.rp,
        tags,
        fields,
        time,
        group: lead.group,
        dimensions: dims,
      }),
    );
  }
}

export const joinNodeFactory: NodeFactory<'join'> = (node, ctx) =>
  new JoinNode(node.props, node.parents.length, ctx);
