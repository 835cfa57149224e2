// Per-handler delivery counters and the registry that exposes them on
// /kapacitor/v1/debug/vars, in Kapacitor's stat shape: { name, tags, values }.

import type { DeliveryFigures } from '../api/condenser.js';
import { deliveryReasons, type DeliveryReason } from './errors.js';

/** Why an event was not delivered: a failure's reason, or the queue refusing it. */
export type UndeliveredReason = DeliveryReason | 'queue full' | 'queue closed';

/** The last event a handler did not deliver (secrets already removed from the message). */
export interface LastDeliveryError {
  /** Unix ms */
  time: number;
  reason: UndeliveredReason;
  message: string;
  /** The alert event id. */
  event: string;
  /** Attempts made (0 when the queue refused the event). */
  attempts: number;
  /** The HTTP status the peer answered with, if any. */
  status?: number;
}

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
  /** Shown by `condenser show-topic-handler`; not part of the debug/vars stat. */
  lastError: LastDeliveryError | undefined;
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

  /** The counters and the last error as `condenser show-topic-handler` shows them. */
  figures(): DeliveryFigures {
    const failedByReason: Record<string, number> = {};
    for (const r of deliveryReasons) if (this.failed[r] > 0) failedByReason[r] = this.failed[r];
    const last = this.lastError;
    return {
      sent: this.sent,
      failed: this.failedTotal,
      dropped: this.dropped,
      retried: this.retried,
      queued: this.queueLength(),
      failedByReason,
      lastError: last === undefined ? null : { ...last, time: new Date(last.time).toISOString() },
    };
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

/**
 * Counters of one peer (an MQTT broker, a Kafka cluster and topic, a mail server, a trap
 * receiver), beside the per-handler ones: what went over that connection from all handlers,
 * its connection state, and failures by reason.
 */
export class PeerMetrics {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  private readonly counters = new Map<string, number>();
  private readonly gauges = new Map<string, () => number>();

  constructor(name: string, tags: Readonly<Record<string, string>>) {
    this.name = name;
    this.tags = tags;
  }

  add(counter: string, n = 1): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + n);
  }

  /** One failure: counted in `failed` and in `failed_<reason>`. */
  failed(reason: DeliveryReason): void {
    this.add('failed');
    this.add(`failed_${reason.replace(/-/g, '_')}`);
  }

  /** A value read when the stats are shown (connected 0/1, buffered messages, ...). */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  get(counter: string): number {
    return this.counters.get(counter) ?? this.gauges.get(counter)?.() ?? 0;
  }

  snapshot(): PeerStat {
    const values: Record<string, number> = {};
    for (const [k, v] of this.counters) values[k] = v;
    for (const [k, read] of this.gauges) values[k] = read();
    return { name: this.name, tags: { ...this.tags }, values };
  }
}

/** A transport's peer counters: registered in `registry` when there is one, else standalone. */
export function peerMetrics(
  registry: DeliveryMetricsRegistry | undefined,
  name: string,
  tags: Readonly<Record<string, string>>,
): PeerMetrics {
  return registry?.forPeer(name, tags) ?? new PeerMetrics(name, tags);
}

export interface PeerStat {
  name: string;
  tags: Record<string, string>;
  values: Record<string, number>;
}

function peerKey(name: string, tags: Readonly<Record<string, string>>): string {
  return [name, ...Object.keys(tags).map((k) => tags[k])].join(':');
}

export class DeliveryMetricsRegistry {
  private readonly handlers = new Map<string, HandlerMetrics>();
  private readonly peers = new Map<string, PeerMetrics>();

  /**
   * The metrics of one peer, shown as `<name>:<tag values>` (`mqtt:default`,
   * `kafka:default:alerts`); the same name and tags give the same object.
   */
  forPeer(name: string, tags: Readonly<Record<string, string>>): PeerMetrics {
    const key = peerKey(name, tags);
    let m = this.peers.get(key);
    if (m === undefined) {
      m = new PeerMetrics(name, tags);
      this.peers.set(key, m);
    }
    return m;
  }

  /** Forget a peer (its connection was closed for good). */
  removePeer(metrics: PeerMetrics): void {
    const key = peerKey(metrics.name, metrics.tags);
    if (this.peers.get(key) === metrics) this.peers.delete(key);
  }

  /** The metrics of `handlerId`, created on first use (tags apply only then). */
  forHandler(handlerId: string, tags: Readonly<Record<string, string>> = {}): HandlerMetrics {
    let m = this.handlers.get(handlerId);
    if (m === undefined) {
      m = new HandlerMetrics(handlerId, tags);
      this.handlers.set(handlerId, m);
    }
    return m;
  }

  /** The metrics of `handlerId`, if its queue exists. */
  handler(handlerId: string): HandlerMetrics | undefined {
    return this.handlers.get(handlerId);
  }

  remove(handlerId: string): void {
    this.handlers.delete(handlerId);
  }

  /**
   * Stats keyed like Kapacitor's debug/vars entries (`delivery:<handler>`, then the peers),
   * sorted so the output is stable; the server merges this into its vars object.
   */
  snapshot(): Record<string, HandlerStat | PeerStat> {
    const out: Record<string, HandlerStat | PeerStat> = {};
    for (const id of [...this.handlers.keys()].sort()) {
      out[`delivery:${id}`] = (this.handlers.get(id) as HandlerMetrics).snapshot();
    }
    for (const key of [...this.peers.keys()].sort()) {
      out[key] = (this.peers.get(key) as PeerMetrics).snapshot();
    }
    return out;
  }
}
