// Where the node's events go (alert-node.md §2, §9, §10): the anonymous topic (only when the
// script declares handlers) and the `.topic()`, unless an active inhibitor drops the event.
// Counts Kapacitor's alert node stats.

import type { AlertEvent } from '../../alert/event.js';
import { Level } from '../../alert/level.js';
import type { TopicPublisher } from '../../alert/handler.js';
import type { NodeStats } from '../node-runtime.js';
import type { InhibitorRegistry } from './inhibitors.js';

export const alertStatNames = [
  'alerts_triggered',
  'oks_triggered',
  'infos_triggered',
  'warns_triggered',
  'crits_triggered',
  'alerts_inhibited',
] as const;

const levelStat: Record<Level, (typeof alertStatNames)[number]> = {
  [Level.OK]: 'oks_triggered',
  [Level.INFO]: 'infos_triggered',
  [Level.WARNING]: 'warns_triggered',
  [Level.CRITICAL]: 'crits_triggered',
};

export class EventPublisher {
  constructor(
    private readonly collector: TopicPublisher,
    /** anonymous topic first, then the named topic; empty = the event goes nowhere */
    private readonly topics: readonly string[],
    private readonly inhibitors: InhibitorRegistry,
    private readonly stats: NodeStats,
  ) {
    for (const name of alertStatNames) stats.extra[name] ??= 0;
  }

  /** Publish to every topic; returns false when the event was inhibited. */
  publish(event: AlertEvent): boolean {
    const extra = this.stats.extra;
    extra.alerts_triggered = (extra.alerts_triggered ?? 0) + 1;
    const perLevel = levelStat[event.state.level];
    extra[perLevel] = (extra[perLevel] ?? 0) + 1;
    if (this.inhibitors.isInhibited(event.data.category, event.data.tags)) {
      extra.alerts_inhibited = (extra.alerts_inhibited ?? 0) + 1;
      return false;
    }
    for (const topic of this.topics) this.collector.collect({ ...event, topic });
    return true;
  }
}
