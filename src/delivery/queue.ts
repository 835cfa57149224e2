// One delivery queue per topic handler (Kapacitor's per-handler buffered channel + goroutine):
// bounded, one item at a time in order, off the caller's path. Each attempt gets its own
// deadline; failed attempts go through the shared retrier. A full queue drops and counts,
// so a dead endpoint can only ever hurt its own handler.

import { abortHooked, hookedController, reusable } from './abort-hooks.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { DeliveryError } from './errors.js';
import { BoundedFifo } from './fifo.js';
import { HandlerMetrics, type UndeliveredReason } from './metrics.js';
import { RetryExhaustedError, defaultRetryPolicy, retry, type RetryPolicy } from './retry.js';

/** Kapacitor's [alert] topic-buffer-length default. */
export const defaultQueueCapacity = 5000;
/** Kapacitor's HTTP handlers use a 30 s client timeout. */
export const defaultAttemptTimeoutMs = 30_000;

/**
 * Delivers one item; must honour `signal` (the queue also stops waiting when it aborts).
 * `prepared` is what `prepare` returned for this item, when it ran before the item's turn.
 */
export type DeliverFn<T> = (
  item: T,
  signal: AbortSignal,
  attempt: number,
  prepared?: unknown,
) => Promise<unknown>;

export interface HandlerQueueOptions<T> {
  handlerId: string;
  deliver: DeliverFn<T>;
  /**
   * Work for an item that does not depend on when it is sent (its encoded body): run for the
   * next item while the current delivery waits on the network, so that the item's own turn
   * only sends. Its result goes to `deliver`; a throw only means the item is not prepared.
   */
  prepare?: (item: T) => unknown;
  /** The id logged with failures (the alert event id). */
  itemId: (item: T) => string;
  capacity?: number;
  /** Per attempt; 0 = no deadline. */
  attemptTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  logger?: Logger;
  metrics?: HandlerMetrics;
  /** Removes secrets from an error message before it is logged or kept as the last error. */
  redact?: (text: string) => string;
  /** Jitter source, for tests. */
  random?: () => number;
}

export interface CloseOptions {
  /** How long to keep delivering what is queued before aborting. */
  deadlineMs: number;
}

export interface CloseReport {
  /** true when everything queued was delivered or failed before the deadline. */
  drained: boolean;
  /** Ids of the items not attempted to the end: the aborted in-flight one, then the queued. */
  abandoned: string[];
}

export class HandlerQueue<T> {
  readonly handlerId: string;
  readonly metrics: HandlerMetrics;
  private readonly deliverFn: DeliverFn<T>;
  private readonly prepareFn: ((item: T) => unknown) | undefined;
  /** The next item's preparation, made while the one before it was in flight. */
  private prepared: { item: T; value: unknown } | undefined;
  private preparing = false;
  private readonly itemId: (item: T) => string;
  private readonly attemptTimeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly logger: Logger;
  private readonly random: (() => number) | undefined;
  private readonly redact: (text: string) => string;
  private readonly fifo: BoundedFifo<T>;
  /** Aborted at the close deadline: cuts the in-flight attempt and any backoff wait. */
  private readonly shutdown = new AbortController();
  /** The last attempt's controller when nothing was left on it: the next attempt takes it. */
  private spareController: AbortController | undefined;
  /** Aborts the attempt in flight (set while one is). */
  private abortAttempt: ((reason: unknown) => void) | undefined;
  private inFlight: T | undefined;
  private running: Promise<void> | undefined;
  private closing = false;

  constructor(options: HandlerQueueOptions<T>) {
    this.handlerId = options.handlerId;
    this.deliverFn = options.deliver;
    this.prepareFn = options.prepare;
    this.itemId = options.itemId;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? defaultAttemptTimeoutMs;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.logger = options.logger ?? silentLogger;
    this.random = options.random;
    this.redact = options.redact ?? ((text) => text);
    this.fifo = new BoundedFifo<T>(options.capacity ?? defaultQueueCapacity);
    this.metrics = options.metrics ?? new HandlerMetrics(options.handlerId);
    this.metrics.queueLength = () => this.fifo.length;
  }

  /** Items waiting (not counting the one being delivered). */
  get length(): number {
    return this.fifo.length;
  }

  get capacity(): number {
    return this.fifo.capacity;
  }

  /**
   * Queue `item` for delivery and return at once. false = refused (full or closed): the
   * item is counted as dropped and logged, as Kapacitor does.
   */
  enqueue(item: T): boolean {
    if (this.closing || !this.fifo.push(item)) {
      this.metrics.dropped++;
      this.logFailure(item, this.closing ? 'queue closed' : 'queue full');
      return false;
    }
    this.running ??= this.run();
    return true;
  }

  /** Resolves when nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /**
   * Stop accepting, keep delivering until empty or until the deadline, then abort the
   * in-flight attempt and abandon the rest (counted as dropped, logged once).
   */
  async close(options: CloseOptions): Promise<CloseReport> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), Math.max(0, options.deadlineMs));
    });
    const outcome = await Promise.race([this.idle().then(() => 'idle' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'idle') return { drained: true, abandoned: [] };

    const inFlight = this.inFlight;
    const queued = this.fifo.drain();
    this.shutdown.abort(new Error('delivery queue closed'));
    this.abortAttempt?.(this.shutdown.signal.reason);
    await this.idle();
    const abandoned = [...(inFlight === undefined ? [] : [inFlight]), ...queued].map(this.itemId);
    this.metrics.dropped += queued.length;
    if (abandoned.length > 0) {
      this.logger.warn(
        { handler: this.handlerId, abandoned: abandoned.length, ids: abandoned.slice(0, 20) },
        'delivery queue closed before it drained; events not delivered',
      );
    }
    return { drained: false, abandoned };
  }

  private async run(): Promise<void> {
    try {
      for (let item = this.fifo.shift(); item !== undefined; item = this.fifo.shift()) {
        this.inFlight = item;
        const prepared = this.prepared?.item === item ? this.prepared.value : undefined;
        this.prepared = undefined;
        await this.deliverWithRetry(item, prepared);
        this.inFlight = undefined;
        if (this.shutdown.signal.aborted) break;
      }
    } finally {
      this.inFlight = undefined;
      this.running = undefined;
    }
  }

  private async deliverWithRetry(item: T, prepared: unknown): Promise<void> {
    try {
      await retry((attempt) => this.attempt(item, attempt, prepared), {
        policy: this.retryPolicy,
        signal: this.shutdown.signal,
        random: this.random,
        onRetry: ({ attempt, error, delayMs }) => {
          this.metrics.retried++;
          this.logger.warn(
            {
              handler: this.handlerId,
              event: this.itemId(item),
              attempt,
              reason: error.reason,
              status: error.status,
              delayMs,
              err: this.redact(error.message),
            },
            'delivery attempt failed; retrying',
          );
        },
      });
      this.metrics.sent++;
    } catch (thrown) {
      // retry() only throws RetryExhaustedError; anything else is a bug, but count it anyway.
      const failure =
        thrown instanceof RetryExhaustedError
          ? thrown
          : new RetryExhaustedError({
              error: new DeliveryError('unknown', String(thrown), { retryable: false }),
              attempts: 1,
            });
      this.metrics.failed[failure.error.reason]++;
      this.logFailure(item, failure.error.reason, failure.attempts, failure.error);
    }
  }

  /**
   * One attempt with its own deadline. The queue stops waiting when the signal aborts even
   * if `deliver` ignores it, so a handler that never settles cannot stall the queue.
   */
  private attempt(item: T, attempt: number, prepared: unknown): Promise<unknown> {
    const controller = this.spareController ?? hookedController();
    this.spareController = undefined;
    let rejectAborted!: (reason: unknown) => void;
    const aborted = new Promise<never>((_resolve, reject) => (rejectAborted = reject));
    aborted.catch(() => {}); // the race below observes it; avoid an unhandled rejection
    // Called directly by the timer and by close() rather than through abort listeners, and
    // the signal takes the request's abort callback cheaply (abort-hooks.ts).
    const abort = (reason: unknown): void => {
      abortHooked(controller, reason);
      rejectAborted(controller.signal.reason);
    };
    this.abortAttempt = abort;
    const timer =
      this.attemptTimeoutMs > 0
        ? setTimeout(
            () => abort(new DOMException('attempt timed out', 'TimeoutError')),
            this.attemptTimeoutMs,
          )
        : undefined;
    let delivery: Promise<unknown>;
    try {
      delivery = this.deliverFn(item, controller.signal, attempt, prepared);
    } catch (err) {
      delivery = Promise.reject(err); // a synchronous throw still goes through the cleanup
    }
    this.prepareNext();
    return Promise.race([delivery, aborted]).finally(() => {
      clearTimeout(timer);
      if (this.abortAttempt === abort) this.abortAttempt = undefined;
      if (reusable(controller.signal)) this.spareController = controller;
    });
  }

  /**
   * Prepare the next queued item once the attempt just started has sent: setImmediate runs
   * after the request's write (next ticks, microtasks) and before its answer is read.
   */
  private prepareNext(): void {
    if (this.prepareFn === undefined || this.preparing || this.fifo.length === 0) return;
    if (this.prepared?.item === this.fifo.peek()) return;
    this.preparing = true;
    setImmediate(() => {
      this.preparing = false;
      const next = this.fifo.peek();
      if (next === undefined || this.prepared?.item === next) return;
      try {
        this.prepared = { item: next, value: this.prepareFn!(next) };
      } catch {
        // Its own turn does the work again, and reports the failure as a delivery's.
        this.prepared = undefined;
      }
    });
  }

  /** Logs an event not delivered and keeps it as the handler's last error. */
  private logFailure(
    item: T,
    reason: UndeliveredReason,
    attempts = 0,
    error?: DeliveryError,
  ): void {
    const id = this.itemId(item);
    const message =
      error !== undefined
        ? this.redact(error.message)
        : reason === 'queue full'
          ? `the queue is full (${this.fifo.capacity} events waiting): event dropped`
          : 'the queue is closed (the handler is being removed or the host is stopping)';
    const status = error?.status;
    this.metrics.lastError = {
      time: Date.now(),
      reason,
      message,
      event: id,
      attempts,
      ...(status === undefined ? {} : { status }),
    };
    this.logger.error(
      {
        handler: this.handlerId,
        event: id,
        attempts,
        reason,
        ...(status === undefined ? {} : { status }),
        ...(error === undefined ? {} : { err: message }),
      },
      `failed to deliver event "${id}" to handler`,
    );
  }
}
