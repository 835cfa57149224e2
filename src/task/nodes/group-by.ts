// `|groupBy(dims...)`: on a stream re-labels each point's group; on batches splits each batch
// into one batch per new group. Split batches are held until a batch with a different time
// arrives (Kapacitor's behaviour), then emitted in group-creation order.

import type { Tags } from '../../alert/event.js';
import type { GroupByProps } from '../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import { groupId, type Batch, type Dimensions, type Message } from '../point.js';
import { starDimensions } from './from.js';
import { batchMessage, dimensionTags, dimensions, pointMessage } from './messages.js';

class GroupByNode implements NodeRuntime {
  private readonly fixed: Dimensions | undefined;
  /** Batches being split: their tmax and the new groups, in creation order. */
  private pendingTime: bigint | undefined;
  private pending = new Map<string, Batch>();

  constructor(
    private readonly props: GroupByProps,
    private readonly ctx: NodeContext,
  ) {
    this.fixed = props.star ? undefined : dimensions(props.dimensions, props.byMeasurement);
  }

  private dims(tags: Tags): Dimensions {
    return this.fixed ?? starDimensions(tags, this.props.byMeasurement, this.props.exclude);
  }

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      const dims = this.dims(p.tags);
      this.ctx.emit(pointMessage({ ...p, dimensions: dims, group: groupId(p.name, p.tags, dims) }));
      return;
    }
    const b = msg.batch;
    if (this.pendingTime !== b.tmax) {
      this.flush();
      this.pendingTime = b.tmax;
    }
    for (const bp of b.points) {
      const dims = this.dims(bp.tags);
      const id = groupId(b.name, bp.tags, dims);
      let out = this.pending.get(id);
      if (out === undefined) {
        out = { ...b, group: id, tags: dimensionTags(bp.tags, dims), dimensions: dims, points: [] };
        this.pending.set(id, out);
      }
      out.points.push(bp);
    }
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const b of batches.values()) this.ctx.emit(batchMessage(b));
  }
}

export const groupByNodeFactory: NodeFactory<'groupBy'> = (node, ctx) =>
  new GroupByNode(node.props, ctx);
