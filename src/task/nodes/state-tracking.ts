// `|stateDuration(lambda)` and `|stateCount(lambda)`: per group, how long / how many points the
// predicate has been true in a row (−1 when false). A predicate error drops the point and
// leaves the state alone. Batches start fresh.

import type { FieldValue, Fields, Tags } from '../../alert/event.js';
import type { LambdaProp } from '../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { BatchPoint, Message } from '../point.js';
import { reportError } from './errors.js';
import { GroupLambdas } from './group-lambdas.js';
import { batchMessage, pointMessage, withPoints } from './messages.js';
import { PointScope } from './scope.js';

/** One group's run of true points; `update` gives the field value for a point. */
interface Tracker {
  update(isTrue: boolean, time: bigint): FieldValue;
}

class DurationTracker implements Tracker {
  private start: bigint | undefined;
  constructor(private readonly unit: bigint) {}
  update(isTrue: boolean, time: bigint): FieldValue {
    if (!isTrue) {
      this.start = undefined;
      return -1;
    }
    this.start ??= time;
    return Number(time - this.start) / Number(this.unit);
  }
}

class CountTracker implements Tracker {
  private count = 0n;
  update(isTrue: boolean): FieldValue {
    if (!isTrue) {
      this.count = 0n;
      return -1n;
    }
    return ++this.count;
  }
}

class StateTrackingNode implements NodeRuntime {
  private readonly lambdas: GroupLambdas;
  private readonly trackers = new Map<string, Tracker>();
  private readonly scope = new PointScope();

  constructor(
    expression: LambdaProp,
    private readonly as: string,
    private readonly newTracker: () => Tracker,
    private readonly ctx: NodeContext,
  ) {
    this.lambdas = new GroupLambdas(expression);
  }

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      const fields = this.track(p.group, p.fields, p.tags, p.time);
      if (fields !== undefined) this.ctx.emit(pointMessage({ ...p, fields }));
      return;
    }
    const b = msg.batch;
    this.trackers.delete(b.group);
    const points: BatchPoint[] = [];
    for (const bp of b.points) {
      const fields = this.track(b.group, bp.fields, bp.tags, bp.time);
      if (fields !== undefined) points.push({ ...bp, fields });
    }
    this.trackers.delete(b.group);
    this.ctx.emit(batchMessage(withPoints(b, points)));
  }

  private track(group: string, fields: Fields, tags: Tags, time: bigint): Fields | undefined {
    let isTrue: boolean;
    try {
      isTrue = this.lambdas.forGroup(group).evalBool(this.scope.set(fields, tags, time));
    } catch (err) {
      reportError(this.ctx, 'error while evaluating expression', err);
      return undefined;
    }
    let tracker = this.trackers.get(group);
    if (tracker === undefined) {
      tracker = this.newTracker();
      this.trackers.set(group, tracker);
    }
    return { ...fields, [this.as]: tracker.update(isTrue, time) };
  }
}

export const stateDurationNodeFactory: NodeFactory<'stateDuration'> = (node, ctx) => {
  const { expression, as, unit } = node.props;
  const u = unit > 0n ? unit : 1_000_000_000n;
  return new StateTrackingNode(
    expression,
    as || 'state_duration',
    () => new DurationTracker(u),
    ctx,
  );
};

export const stateCountNodeFactory: NodeFactory<'stateCount'> = (node, ctx) => {
  const { expression, as } = node.props;
  return new StateTrackingNode(expression, as || 'state_count', () => new CountTracker(), ctx);
};
