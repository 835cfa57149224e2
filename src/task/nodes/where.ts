// `|where(lambda)`: keeps the points (or batch points) the predicate accepts. Stateful
// functions keep state per group. Empty batches still pass.

import type { Fields, Tags } from '../../alert/event.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Message } from '../point.js';
import { reportError } from './errors.js';
import { GroupLambdas } from './group-lambdas.js';
import { batchMessage, withPoints } from './messages.js';
import { PointScope } from './scope.js';

class WhereNode implements NodeRuntime {
  private readonly scope = new PointScope();

  constructor(
    private readonly lambdas: GroupLambdas,
    private readonly ctx: NodeContext,
  ) {}

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      if (this.accepts(p.group, p.fields, p.tags, p.time)) this.ctx.emit(msg);
      return;
    }
    const b = msg.batch;
    const points = b.points.filter((bp) => this.accepts(b.group, bp.fields, bp.tags, bp.time));
    this.ctx.emit(points.length === b.points.length ? msg : batchMessage(withPoints(b, points)));
  }

  private accepts(group: string, fields: Fields, tags: Tags, time: bigint): boolean {
    try {
      return this.lambdas.forGroup(group).evalBool(this.scope.set(fields, tags, time));
    } catch (err) {
      reportError(this.ctx, 'error while evaluating expression', err);
      return false;
    }
  }
}

export const whereNodeFactory: NodeFactory<'where'> = (node, ctx) =>
  new WhereNode(new GroupLambdas(node.props.expression), ctx);
