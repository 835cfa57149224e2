// The per-group state machine of the alert node (alert-node.md §5–§8): the level history
// ring buffer, change/flap/expiry flags and the trigger times that give event durations.

import { Level } from '../../alert/level.js';
import { MAX_INT64, MIN_INT64 } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import { nextFlapping, percentChange } from './flapping.js';

export interface StateOptions {
  /** ring buffer length, at least 2 */
  history: number;
  flapping?: { low: number; high: number };
  stateChangesOnly: boolean;
  /** ns; 0 = no max interval */
  maxInterval: bigint;
}

/** What a group restores on task start (alert-node.md §9). */
export interface RestoredState {
  level: Level;
  firstTriggered: bigint;
  lastTriggered: bigint;
}

export class AlertGroupState {
  private readonly history: Level[];
  /** slot of the newest level */
  private idx = 0;
  changed = false;
  flapping = false;
  expired = false;
  /** Start of the current non-OK episode; Go's zero time until the first trigger. */
  firstTriggered = GoTime.zero.ns;
  /** Time of the last triggered event (sent, inhibited or noRecoveries-suppressed). */
  lastTriggered = GoTime.zero.ns;

  constructor(private readonly options: StateOptions) {
    // Only flapping detection reads past the previous level: without it two slots do, which
    // keeps a group small (10k groups are 10k of these).
    const slots = options.flapping ? Math.max(2, options.history) : 2;
    this.history = new Array<Level>(slots).fill(Level.OK);
  }

  get currentLevel(): Level {
    return this.history[this.idx]!;
  }

  /** The level before the newest one (wrapping), which decides whether an episode starts. */
  private get previousLevel(): Level {
    return this.history[this.idx === 0 ? this.history.length - 1 : this.idx - 1]!;
  }

  /** Record an evaluated level (every evaluation, sent or not). */
  addEvent(time: bigint, level: Level): void {
    this.changed = this.currentLevel !== level;
    this.idx = (this.idx + 1) % this.history.length;
    this.history[this.idx] = level;
    const flap = this.options.flapping;
    if (flap) {
      this.flapping = nextFlapping(this.flapping, this.percentChange(), flap.low, flap.high);
    }
    const max = this.options.maxInterval;
    this.expired = !this.changed && max !== 0n && saturatingSub(time, this.lastTriggered) >= max;
  }

  /** The ring buffer in slot order (the newest level sits at slot `newestSlot`). */
  historySlots(): readonly Level[] {
    return [...this.history];
  }

  get newestSlot(): number {
    return this.idx;
  }

  percentChange(): number {
    return percentChange(this.history, this.idx);
  }

  /** Stream rule: flapping or an unchanged level under stateChangesOnly sends nothing, nor does a steady OK. */
  sendsPoint(level: Level): boolean {
    if (this.suppressed()) return false;
    return level !== Level.OK || this.changed;
  }

  /** Batch rule: a recovery is always sent (even while flapping); other levels as on streams. */
  sendsBatch(level: Level): boolean {
    if (level === Level.OK) return this.changed;
    return !this.suppressed();
  }

  private suppressed(): boolean {
    return (
      (this.options.flapping !== undefined && this.flapping) ||
      (this.options.stateChangesOnly && !this.changed && !this.expired)
    );
  }

  /** An event is triggered at `time`: a new episode starts if the previous level was OK. */
  triggered(time: bigint): void {
    this.lastTriggered = time;
    if (this.previousLevel === Level.OK) this.firstTriggered = time;
  }

  /** lastTriggered − firstTriggered, saturating like Go's Time.Sub. */
  duration(): bigint {
    return saturatingSub(this.lastTriggered, this.firstTriggered);
  }

  /**
   * Resume a non-OK level after a restart: like Kapacitor, the level enters the history as
   * an evaluation at `time` (the group's first point), then the trigger times are restored.
   */
  restore(time: bigint, restored: RestoredState): void {
    if (restored.level === Level.OK) return;
    this.addEvent(time, restored.level);
    this.firstTriggered = restored.firstTriggered;
    this.lastTriggered = restored.lastTriggered;
  }
}

/** a − b as Go's Time.Sub: clamped to the int64 range. */
export function saturatingSub(a: bigint, b: bigint): bigint {
  const d = a - b;
  if (d > MAX_INT64) return MAX_INT64;
  if (d < MIN_INT64) return MIN_INT64;
  return d;
}
