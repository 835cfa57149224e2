// `from()`: selects db/rp/measurement, filters with `.where()` lambdas (one instance shared by
// all groups), truncates/rounds the time with Go's zero-time semantics and sets the group.
// Hot path: a point that passes unchanged is forwarded as the same message object.

import type { Tags } from '../../alert/event.js';
import type { FromProps } from '../../pipeline/model.js';
import { compileLambda, type CompiledLambda } from '../../tick/lambda/index.js';
import { goRound, goTruncate } from '../gotime-math.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import { groupId, type Dimensions, type Message, type Point } from '../point.js';
import { reportError } from './errors.js';
import { dimensions, pointMessage, sortedNames } from './messages.js';
import { PointScope } from './scope.js';

class FromNode implements NodeRuntime {
  private readonly where: CompiledLambda[];
  private readonly scope = new PointScope();
  /** Fixed dimensions, or undefined with groupBy('*') (computed from each point's tags). */
  private readonly dims: Dimensions | undefined;
  private readonly regroups: boolean;

  constructor(
    private readonly props: FromProps,
    private readonly ctx: NodeContext,
  ) {
    this.where = props.where.map((w) => compileLambda(w.expr));
    this.dims = props.groupByStar ? undefined : dimensions(props.groupBy, props.groupByMeasurement);
    // A point written to the task has no group; only a grouping from() changes it.
    this.regroups = props.groupByStar || props.groupBy.length > 0 || props.groupByMeasurement;
  }

  receive(msg: Message): void {
    if (msg.kind !== 'point') return;
    const p = msg.point;
    const props = this.props;
    if (props.measurement !== '' && p.name !== props.measurement) return;
    if (props.database !== '' && p.db !== props.database) return;
    if (props.retentionPolicy !== '' && p.rp !== props.retentionPolicy) return;
    if (this.where.length > 0 && !this.matches(p)) return;

    let time = p.time;
    if (props.truncate > 0n) time = goTruncate(time, props.truncate);
    if (props.round > 0n) time = goRound(time, props.round);
    if (!this.regroups && time === p.time && p.group === '' && p.dimensions.tagNames.length === 0) {
      this.ctx.emit(msg);
      return;
    }
    const dims = this.dims ?? starDimensions(p.tags, props.groupByMeasurement);
    // Written out rather than spread: this runs for every point of a grouped stream.
    this.ctx.emit(
      pointMessage({
        name: p.name,
        db: p.db,
        rp: p.rp,
        tags: p.tags,
        fields: p.fields,
        time,
        group: groupId(p.name, p.tags, dims),
        dimensions: dims,
      }),
    );
  }

  private matches(p: Point): boolean {
    const scope = this.scope.set(p.fields, p.tags, p.time);
    try {
      for (const w of this.where) if (!w.evalBool(scope)) return false;
      return true;
    } catch (err) {
      reportError(this.ctx, 'failed to evaluate where expression', err);
      return false;
    }
  }
}

/** groupBy('*'): every tag of the point, sorted. */
export function starDimensions(
  tags: Tags,
  byMeasurement: boolean,
  exclude: readonly string[] = [],
): Dimensions {
  const names = Object.keys(tags).filter((k) => !exclude.includes(k));
  return { tagNames: sortedNames(names), byMeasurement };
}

export const fromNodeFactory: NodeFactory<'from'> = (node, ctx) => new FromNode(node.props, ctx);
