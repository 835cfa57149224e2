// Level persistence per (task, node, group), so that a restarted task resumes each group's
// level and episode times and still sends the recovery (alert-node.md §9). Written whenever
// an event is triggered, i.e. the level handlers last saw.

import type { Level } from '../../alert/level.js';
import { errorMessage } from '../../common/errors.js';
import { MIN_INT64 } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import type { Logger } from '../../common/logger.js';
import type { Store } from '../../store/index.js';
import type { RestoredState } from './state.js';

// Go's zero time lies outside the int64 range of the store; MinInt64 stands for it.
const toStored = (t: bigint): bigint => (t < MIN_INT64 ? MIN_INT64 : t);
const fromStored = (t: bigint): bigint => (t === MIN_INT64 ? GoTime.zero.ns : t);

export class AlertStatePersistence {
  private readonly restored = new Map<string, RestoredState>();

  constructor(
    private readonly store: Store,
    private readonly taskId: string,
    private readonly node: string,
    private readonly logger: Logger,
  ) {
    try {
      for (const r of store.alertStates.list(taskId)) {
        if (r.node !== node) continue;
        this.restored.set(r.group, {
          level: r.level as Level,
          firstTriggered: fromStored(r.firstTriggered),
          lastTriggered: fromStored(r.lastTriggered),
        });
      }
    } catch (err) {
      logger.error({ err: errorMessage(err) }, 'failed to load alert states; groups start at OK');
    }
  }

  /** The stored state of a group seen for the first time since the task started. */
  take(group: string): RestoredState | undefined {
    const r = this.restored.get(group);
    this.restored.delete(group);
    return r;
  }

  save(group: string, level: Level, firstTriggered: bigint, lastTriggered: bigint): void {
    try {
      this.store.alertStates.put({
        taskId: this.taskId,
        node: this.node,
        group,
        level,
        firstTriggered: toStored(firstTriggered),
        lastTriggered: toStored(lastTriggered),
      });
    } catch (err) {
      this.logger.error({ group, err: errorMessage(err) }, 'failed to persist alert state');
    }
  }
}
