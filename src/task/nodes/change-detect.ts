// `|changeDetect(fields...)`: per group, forwards a point only when one of the fields differs
// (Go `!=`, so 1i and 1.0 differ) from the last forwarded point. Batches start fresh.

import type { FieldValue, Fields } from '../../alert/event.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Message } from '../point.js';
import { reportError } from './errors.js';
import { batchMessage, withPoints } from './messages.js';
import { ownField } from './scope.js';

class ChangeDetectNode implements NodeRuntime {
  /** Last forwarded values per group (one entry per watched field; undefined = never seen). */
  private readonly last = new Map<string, (FieldValue | undefined)[]>();

  constructor(
    private readonly fields: readonly string[],
    private readonly ctx: NodeContext,
  ) {}

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      if (this.changed(p.group, p.fields)) this.ctx.emit(msg);
      return;
    }
    const b = msg.batch;
    this.last.delete(b.group);
    const points = b.points.filter((bp) => this.changed(b.group, bp.fields));
    this.last.delete(b.group);
    this.ctx.emit(batchMessage(withPoints(b, points)));
  }

  private changed(group: string, fields: Fields): boolean {
    let prev = this.last.get(group);
    const first = prev === undefined;
    prev ??= new Array<FieldValue | undefined>(this.fields.length);
    let changed = first;
    for (let i = 0; i < this.fields.length; i++) {
      const name = this.fields[i]!;
      const v = ownField(fields, name) as FieldValue | undefined;
      if (v === undefined) {
        reportError(this.ctx, `field ${name} missing from point`);
        continue;
      }
      // Go `!=`: NaN differs from itself, as with `!==`.
      if (first || prev[i] !== v) changed = true;
    }
    if (!changed) return false;
    for (let i = 0; i < this.fields.length; i++) {
      const v = ownField(fields, this.fields[i]!) as FieldValue | undefined;
      if (v !== undefined) prev[i] = v;
    }
    this.last.set(group, prev);
    return true;
  }
}

export const changeDetectNodeFactory: NodeFactory<'changeDetect'> = (node, ctx) =>
  new ChangeDetectNode(node.props.fields, ctx);
