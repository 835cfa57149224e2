// `n|stats(interval)`: a source driven by the wall clock. Every interval it emits, per group
// seen on the observed node (props.sourceId; stats nodes have no parents), a `stats` point with the
// cumulative `emitted` count; a nil-group point with 0 when there is no group yet. With
// `.align()` it starts on a multiple of the interval and rounds the point times to it.

import type { StatsProps } from '../../pipeline/model.js';
import { goRound, goTruncate } from '../gotime-math.js';
import type { GroupCounts } from '../group-counts.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import { noDimensions, type Dimensions } from '../point.js';
import { pointMessage } from './messages.js';

const NS_PER_MS = 1_000_000n;

class StatsNode implements NodeRuntime {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly props: StatsProps,
    private readonly counts: GroupCounts,
    private readonly ctx: NodeContext,
  ) {
    const interval = props.interval;
    if (interval <= 0n) throw new Error('stats interval must be greater than zero');
    const every = Number(interval / NS_PER_MS);
    const startTicking = (): void => {
      if (this.stopped) return;
      this.timer = setInterval(() => this.tick(), every);
      this.timer.unref();
    };
    if (props.align) {
      const now = ctx.task.now();
      const next = goTruncate(now, interval) + interval;
      this.timer = setTimeout(
        () => {
          this.tick();
          startTicking();
        },
        Number((next - now) / NS_PER_MS),
      );
      this.timer.unref();
    } else {
      startTicking();
    }
  }

  /** Data from parents is not what stats is about: it only reads the counts. */
  receive(): void {}

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private tick(): void {
    let time = this.ctx.task.now();
    if (this.props.align) time = goRound(time, this.props.interval);
    const groups = this.counts.byGroup;
    if (groups.size === 0) {
      this.emit('', {}, noDimensions, 0n, time);
      return;
    }
    for (const [group, c] of groups) this.emit(group, c.tags, c.dimensions, c.emitted, time);
  }

  private emit(
    group: string,
    tags: Record<string, string>,
    dimensions: Dimensions,
    emitted: bigint,
    time: bigint,
  ): void {
    this.ctx.emit(
      pointMessage({
        name: 'stats',
        db: '',
        rp: '',
        tags,
        fields: { emitted },
        time,
        group,
        dimensions,
      }),
    );
  }
}

export const statsNodeFactory: NodeFactory<'stats'> = (node, ctx) => {
  if (ctx.observe === undefined) throw new Error(`${node.name}: cannot observe other nodes`);
  return new StatsNode(node.props, ctx.observe(node.props.sourceId), ctx);
};
