// Per-group counts of what one node emitted: what `stats`/`deadman` report. Kept only for
// nodes that a stats node observes, so other nodes pay nothing for it.

import type { Tags } from '../alert/event.js';
import type { Dimensions, Message } from './point.js';
import { own, setOwn } from '../common/own.js';

export interface GroupCount {
  /** points or batches emitted for this group */
  emitted: bigint;
  tags: Tags;
  dimensions: Dimensions;
}

export class GroupCounts {
  /** in group-creation order */
  readonly byGroup = new Map<string, GroupCount>();

  record(msg: Message): void {
    const group = msg.kind === 'point' ? msg.point.group : msg.batch.group;
    const known = this.byGroup.get(group);
    if (known !== undefined) {
      known.emitted++;
      return;
    }
    if (msg.kind === 'point') {
      const p = msg.point;
      const tags: Tags = {};
      for (const k of p.dimensions.tagNames) setOwn(tags, k, own(p.tags, k) ?? '');
      this.byGroup.set(group, { emitted: 1n, tags, dimensions: p.dimensions });
    } else {
      const b = msg.batch;
      this.byGroup.set(group, { emitted: 1n, tags: b.tags, dimensions: b.dimensions });
    }
  }
}
