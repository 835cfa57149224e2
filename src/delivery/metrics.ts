// Per-handler delivery counters and the registry that exposes them on
// /kapacitor/v1/debug/vars, in Kapacitor's stat shape: { name, tags, values }.

import { deliveryReasons, type DeliveryReason } from './errors.js';

export class HandlerMetrics {
  readonly handlerId: string;
  readonly tags: Readonly<Record<string, string>>;
  sent = 0;
  /** Attempts that failed and were retried (not counted in `failed`). */
  retried = 0;
  /** Events refused because the queue was full. */
  dropped = 0;
  /** Events given up on, by the reason of their last attempt. */
  readonly failed: Record<DeliveryReason, number>;
  /** Reads the live queue length; set by the queue that owns these metrics. */
  queueLength: () => number = () => 0;

  constructor(handlerId: string, tags: Readonly<Record<string, string>> = {}) {
    this.handlerId = handlerId;
    this.tags = tags;
    this.failed = Object.fromEntries(deliveryReasons.map((r) => [r, 0])) as Record<
      DeliveryReason,
      number
    >;
  }

  get failedTotal(): number {
    let total = 0;
    for (const r of deliveryReasons) total += this.failed[r];
    return total;
  }

  snapshot(): HandlerStat {
    const values: Record<string, number> = {
      sent: this.sent,
      failed: this.failedTotal,
      retried: this.retried,
      dropped: this.dropped,
      queue_length: this.queueLength(),
    };
    // Only reasons that happened, so the output stays readable.
    for (const r of deliveryReasons) {
      if (this.failed[r] > 0) values[`failed_${r.replace(/-/g, '_')}`] = this.failed[r];
    }
    return { name: 'delivery', tags: { ...this.tags, handler: this.handlerId }, values };
  }
}

export interface HandlerStat {
  name: 'delivery';
  tags: Record<string, string>;
  values: Record<string, number>;
}

export class DeliveryMetricsRegistry {
  private readonly handlers = new Map<string, HandlerMetrics>();

  /** The metrics of `handlerId`, created on first use (tags apply only then). */
  forHandler(handlerId: string, tags: Readonly<Record<string, string>> = {}): HandlerMetrics {
    let m = this.handlers.get(handlerId);
    if (m === undefined) {
      m = new HandlerMetrics(handlerId, tags);
      this.handlers.set(handlerId, m);
    }
    return m;
  }

  remove(handlerId: string): void {
    this.handlers.delete(handlerId);
  }

  /**
   * Stats keyed like Kapacitor's debug/vars entries (`delivery:<handler>`), sorted by
   * handler id so the output is stable; the server merges this into its vars object.
   */
  snapshot(): Record<string, HandlerStat> {
    const out: Record<string, HandlerStat> = {};
    for (const id of [...this.handlers.keys()].sort()) {
      out[`delivery:${id}`] = (this.handlers.get(id) as HandlerMetrics).snapshot();
    }
    return out;
  }
}
