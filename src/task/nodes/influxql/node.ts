// InfluxQL function nodes (`|mean('value')`, `|count(...)`, `|top(...)`, `|difference(...)`).
// Batches are reduced whole; on a stream, points of the same group and timestamp accumulate
// and are reduced when a point with another timestamp arrives. Transformations emit as points
// arrive. The value kind is fixed by the first value the node sees.

import type { Fields, Tags } from '../../../alert/event.js';
import type { InfluxQLProps } from '../../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../../node-runtime.js';
import type { Batch, BatchPoint, Dimensions, Message, Point } from '../../point.js';
import { reportError } from '../errors.js';
import { batchMessage, dimensionTags, pointMessage } from '../messages.js';
import { ownField } from '../scope.js';
import {
  acceptsKind,
  reduce,
  reduceEmpty,
  type AggregateMethod,
  type Reduction,
} from './reducers.js';
import {
  newTransform,
  transformMethods,
  type Transform,
  type TransformMethod,
} from './transforms.js';
import { goKindName, kindOf, type Entry, type ValueKind } from './values.js';
import { own, setOwn } from '../../../common/own.js';

/** Where a reduction's output goes: the group it belongs to and its (default) time. */
interface GroupFrame {
  name: string;
  group: string;
  dimensions: Dimensions;
  tags: Tags;
  time: bigint;
}

/** Stream points of one group and timestamp, waiting for a later timestamp. */
interface Pending extends GroupFrame {
  entries: Entry[];
}

class InfluxQLNode implements NodeRuntime {
  private kind: ValueKind | undefined;
  private readonly as: string;
  private readonly transform: boolean;
  private readonly pending = new Map<string, Pending>();
  private readonly transforms = new Map<string, Transform>();

  constructor(
    private readonly props: InfluxQLProps,
    private readonly ctx: NodeContext,
  ) {
    this.as = props.as === '' ? props.method : props.as;
    this.transform = transformMethods.has(props.method);
  }

  receive(msg: Message): void {
    if (msg.kind === 'point') this.point(msg.point);
    else this.batch(msg.batch);
  }

  /** The point's value as an entry, or undefined (logged) when unusable. */
  private entry(fields: Fields, tags: Tags, time: bigint): Entry | undefined {
    const value = ownField(fields, this.props.field);
    if (value === undefined || typeof value === 'object') {
      reportError(this.ctx, `failed to aggregate point: field ${this.props.field} missing`);
      return undefined;
    }
    const v = value as Entry['value'];
    const kind = kindOf(v);
    if (this.kind === undefined) {
      if (!acceptsKind(this.props.method, kind)) {
        reportError(
          this.ctx,
          `failed to aggregate point: unsupported type ${goKindName[kind]} for ${this.props.method}`,
        );
        return undefined;
      }
      this.kind = kind;
    } else if (kind !== this.kind) {
      reportError(
        this.ctx,
        `failed to aggregate point: unexpected field type ${goKindName[kind]}, expected ${goKindName[this.kind]}`,
      );
      return undefined;
    }
    return { value: v, time, fields, tags };
  }

  private point(p: Point): void {
    if (this.transform) {
      const e = this.entry(p.fields, p.tags, p.time);
      if (e === undefined) return;
      let t = this.transforms.get(p.group);
      if (t === undefined) {
        t = newTransform(this.props.method as TransformMethod, this.props);
        this.transforms.set(p.group, t);
      }
      const v = t.push(e);
      if (v === undefined) return;
      this.ctx.emit(pointMessage(this.outPoint(frameOf(p), { [this.as]: v }, p.time)));
      return;
    }
    let pending = this.pending.get(p.group);
    if (pending !== undefined && pending.time !== p.time) {
      this.pending.delete(p.group);
      this.emitReduction(pending, this.reduceEntries(pending.entries));
      pending = undefined;
    }
    if (pending === undefined) {
      pending = { ...frameOf(p), entries: [] };
      this.pending.set(p.group, pending);
    }
    const e = this.entry(p.fields, p.tags, p.time);
    if (e !== undefined) pending.entries.push(e);
  }

  private batch(b: Batch): void {
    const frame: GroupFrame = {
      name: b.name,
      group: b.group,
      dimensions: b.dimensions,
      tags: b.tags,
      time: b.tmax,
    };
    const entries: Entry[] = [];
    for (const bp of b.points) {
      const e = this.entry(bp.fields, bp.tags, bp.time);
      if (e !== undefined) entries.push(e);
    }
    if (this.transform) {
      // A batch is a short stream of its own: fresh state, output keeps the batch shape.
      const t = newTransform(this.props.method as TransformMethod, this.props);
      const points: BatchPoint[] = [];
      for (const e of entries) {
        const v = t.push(e);
        if (v !== undefined) points.push({ time: e.time, fields: { [this.as]: v }, tags: b.tags });
      }
      this.ctx.emit(batchMessage({ ...b, points }));
      return;
    }
    if (b.points.length === 0) {
      this.emitReduction(
        frame,
        reduceEmpty(this.props.method as AggregateMethod, this.kind ?? 'float'),
      );
      return;
    }
    this.emitReduction(frame, this.reduceEntries(entries));
  }

  private reduceEntries(entries: Entry[]): Reduction | undefined {
    if (entries.length === 0 || this.kind === undefined) return undefined;
    return reduce(this.props.method as AggregateMethod, entries, this.kind, this.props);
  }

  private emitReduction(frame: GroupFrame, r: Reduction | undefined): void {
    if (r === undefined) return;
    const usePointTimes = this.props.usePointTimes;
    switch (r.kind) {
      case 'value':
        this.ctx.emit(pointMessage(this.outPoint(frame, { [this.as]: r.value }, frame.time)));
        return;
      case 'selected': {
        // A selector forwards the whole selected point, its field renamed to the output name.
        const { [this.props.field]: value, ...rest } = r.entry.fields;
        const fields = { ...rest, [this.as]: value! };
        const time = usePointTimes ? r.entry.time : frame.time;
        this.ctx.emit(pointMessage({ ...this.outPoint(frame, fields, time), tags: r.entry.tags }));
        return;
      }
      case 'points': {
        const points = r.entries.map((e) => ({
          time: usePointTimes ? e.time : frame.time,
          fields: this.extraFields(e),
          tags: frame.tags,
        }));
        this.ctx.emit(batchMessage(this.outBatch(frame, points)));
      }
    }
  }

  /** top/bottom: the output value plus the requested extra fields of the selected point. */
  private extraFields(e: Entry): Fields {
    const fields: Fields = { [this.as]: e.value };
    for (const name of this.props.fieldsAndTags ?? []) {
      const v = ownField(e.fields, name) ?? own(e.tags, name);
      if (v !== undefined) setOwn(fields, name, v);
    }
    return fields;
  }

  private outPoint(frame: GroupFrame, fields: Fields, time: bigint): Point {
    return {
      name: frame.name,
      db: '',
      rp: '',
      tags: frame.tags,
      fields,
      time,
      group: frame.group,
      dimensions: frame.dimensions,
    };
  }

  private outBatch(frame: GroupFrame, points: BatchPoint[]): Batch {
    const { name, group, dimensions, tags, time } = frame;
    return { name, db: '', rp: '', tmax: time, group, tags, dimensions, points };
  }
}

function frameOf(p: Point): GroupFrame {
  return {
    name: p.name,
    group: p.group,
    dimensions: p.dimensions,
    tags: dimensionTags(p.tags, p.dimensions),
    time: p.time,
  };
}

export const influxqlNodeFactory: NodeFactory<'influxql'> = (node, ctx) =>
  new InfluxQLNode(node.props, ctx);
