// `|derivative('field')`: (cur − prev) / (elapsed / unit) per group. The first point only
// becomes "previous"; every numeric point does, even when its own result is dropped (zero
// elapsed time, or negative with nonNegative). Batches start fresh.

import type { Fields } from '../../alert/event.js';
import type { DerivativeProps } from '../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { BatchPoint, Message } from '../point.js';
import { reportError } from './errors.js';
import { batchMessage, pointMessage, withPoints } from './messages.js';
import { own } from '../../common/own.js';

interface Previous {
  value: number;
  time: bigint;
}

class DerivativeNode implements NodeRuntime {
  private readonly previous = new Map<string, Previous>();
  private readonly as: string;

  constructor(
    private readonly props: DerivativeProps,
    private readonly ctx: NodeContext,
  ) {
    this.as = props.as === '' ? props.field : props.as;
  }

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      const fields = this.derive(p.group, p.fields, p.time);
      if (fields !== undefined) this.ctx.emit(pointMessage({ ...p, fields }));
      return;
    }
    const b = msg.batch;
    this.previous.delete(b.group);
    const points: BatchPoint[] = [];
    for (const bp of b.points) {
      const fields = this.derive(b.group, bp.fields, bp.time);
      if (fields !== undefined) points.push({ ...bp, fields });
    }
    this.previous.delete(b.group);
    this.ctx.emit(batchMessage(withPoints(b, points)));
  }

  /** The output fields, or undefined when this point produces no result. */
  private derive(group: string, fields: Fields, time: bigint): Fields | undefined {
    const raw = own(fields, this.props.field);
    if (typeof raw !== 'number' && typeof raw !== 'bigint') {
      reportError(this.ctx, `field ${this.props.field} missing or not a float or int`);
      return undefined;
    }
    const value = Number(raw);
    const prev = this.previous.get(group);
    this.previous.set(group, { value, time });
    if (prev === undefined) return undefined;
    const elapsed = time - prev.time;
    if (elapsed === 0n) {
      reportError(this.ctx, 'cannot perform derivative elapsed time was 0');
      return undefined;
    }
    const diff = value - prev.value;
    if (this.props.nonNegative && diff < 0) return undefined;
    const result = diff / (Number(elapsed) / Number(this.props.unit));
    return { ...fields, [this.as]: result };
  }
}

export const derivativeNodeFactory: NodeFactory<'derivative'> = (node, ctx) =>
  new DerivativeNode(node.props, ctx);
