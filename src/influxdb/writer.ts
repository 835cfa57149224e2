// The write path of one influxDBOut() node: points are buffered per write target (database,
// retention policy, precision, consistency) and flushed as one request when `buffer` lines are
// waiting or every `flushInterval`. Flushed batches go to a bounded queue delivered one at a
// time with the shared retrier (connection errors and 5xx retried, 4xx not), so ingest never
// waits on InfluxDB. Failures are counted; the first of a burst is logged, the rest only
// counted until a write succeeds again.

import type { Logger } from '../common/logger.js';
import { errorMessage } from '../common/errors.js';
import { DeliveryError } from '../delivery/errors.js';
import { BoundedFifo } from '../delivery/fifo.js';
import type { HandlerMetrics } from '../delivery/metrics.js';
import { RetryExhaustedError, retry, type RetryPolicy } from '../delivery/retry.js';
import type { InfluxDBClient, WriteTarget } from './client.js';

export interface WriterOptions {
  /** The cluster's client, looked up per request (a config change replaces it). */
  client: () => InfluxDBClient | undefined;
  /** Lines per request (Kapacitor's `.buffer()`, default 1000). */
  bufferSize: number;
  /** ns; how often a partial buffer is sent (Kapacitor's `.flushInterval()`, default 10s). */
  flushInterval: bigint;
  /** Batches waiting to be sent before new ones are dropped. */
  capacity: number;
  retryPolicy: RetryPolicy;
  /** Per attempt, ms; 0 = none. */
  attemptTimeoutMs: number;
  metrics: HandlerMetrics;
  /** Kapacitor's node counters, kept up to date: points_written, write_errors. */
  counters: Record<string, number>;
  logger: Logger;
  /** Runs once before the first write (`.create()`: CREATE DATABASE). */
  prepare?: (client: InfluxDBClient, signal: AbortSignal) => Promise<void>;
}

interface Pending {
  target: WriteTarget;
  lines: string[];
}

export class InfluxDBWriter {
  private readonly buffers = new Map<string, Pending>();
  private readonly fifo: BoundedFifo<Pending>;
  private readonly shutdown = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private prepared = false;
  /** inside a burst of failures: log nothing more until a write succeeds */
  private failing = false;
  private failuresInBurst = 0;
  private closed = false;

  constructor(private readonly opts: WriterOptions) {
    opts.counters.points_written = 0;
    opts.counters.write_errors = 0;
    this.fifo = new BoundedFifo(Math.max(1, opts.capacity));
    opts.metrics.queueLength = () => this.fifo.length;
    const every = Math.max(1, Number(opts.flushInterval / 1_000_000n));
    this.timer = setInterval(() => this.flush(), every);
    this.timer.unref();
  }

  /** Buffer one line for `target`; never waits. */
  add(target: WriteTarget, line: string): void {
    if (this.closed) return;
    const key = `${target.database}\u0000${target.retentionPolicy}\u0000${target.precision}\u0000${target.consistency}`;
    let pending = this.buffers.get(key);
    if (pending === undefined) this.buffers.set(key, (pending = { target, lines: [] }));
    pending.lines.push(line);
    if (pending.lines.length >= this.opts.bufferSize) {
      this.buffers.delete(key);
      this.enqueue(pending);
    }
  }

  /** Hand every partial buffer to the queue. */
  flush(): void {
    for (const pending of this.buffers.values()) this.enqueue(pending);
    this.buffers.clear();
  }

  /**
   * Flush, deliver what is queued until `deadlineMs`, then abort the rest (counted as dropped).
   * While writes are failing there is nothing to wait for: stopping a task must not hang on a
   * dead InfluxDB.
   */
  async close(deadlineMs: number): Promise<void> {
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.failing ? 0 : deadlineMs);
    });
    await Promise.race([this.idle(), deadline]);
    clearTimeout(timer);
    const left = this.fifo.drain();
    this.opts.metrics.dropped += left.length;
    this.shutdown.abort(new Error('influxDBOut stopped'));
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private enqueue(pending: Pending): void {
    if (!this.fifo.push(pending)) {
      this.opts.metrics.dropped++;
      this.count('write_errors', 1);
      this.failure(
        new DeliveryError('unknown', 'write queue full: InfluxDB is not keeping up', {
          retryable: false,
        }),
        pending,
      );
      return;
    }
    this.running ??= this.run();
  }

  private async run(): Promise<void> {
    try {
      for (let p = this.fifo.shift(); p !== undefined; p = this.fifo.shift()) {
        await this.deliver(p);
        if (this.shutdown.signal.aborted) break;
      }
    } finally {
      this.running = undefined;
    }
  }

  private async deliver(p: Pending): Promise<void> {
    const body = p.lines.join('\n');
    try {
      await retry((attempt) => this.attempt(p.target, body, attempt), {
        policy: this.opts.retryPolicy,
        signal: this.shutdown.signal,
        onRetry: ({ attempt, error, delayMs }) => {
          this.opts.metrics.retried++;
          this.opts.logger.debug(
            { attempt, reason: error.reason, delayMs, err: error.message },
            'write to InfluxDB failed; retrying',
          );
        },
      });
      this.opts.metrics.sent++;
      this.count('points_written', p.lines.length);
      if (this.failing) {
        this.opts.logger.info(
          { failures: this.failuresInBurst },
          'writes to InfluxDB succeed again',
        );
        this.failing = false;
        this.failuresInBurst = 0;
      }
    } catch (thrown) {
      const error =
        thrown instanceof RetryExhaustedError
          ? thrown.error
          : new DeliveryError('unknown', errorMessage(thrown), { retryable: false });
      this.opts.metrics.failed[error.reason]++;
      this.count('write_errors', 1);
      this.failure(error, p);
    }
  }

  private count(key: 'points_written' | 'write_errors', n: number): void {
    this.opts.counters[key] = (this.opts.counters[key] ?? 0) + n;
  }

  private failure(error: DeliveryError, p: Pending): void {
    this.failuresInBurst++;
    if (this.failing) return;
    this.failing = true;
    this.opts.logger.error(
      {
        database: p.target.database,
        retention_policy: p.target.retentionPolicy,
        points: p.lines.length,
        reason: error.reason,
        ...(error.status === undefined ? {} : { status: error.status }),
        err: error.message,
      },
      'failed to write points to InfluxDB; further failures are counted until a write succeeds',
    );
  }

  private async attempt(target: WriteTarget, body: string, _attempt: number): Promise<void> {
    const client = this.opts.client();
    if (client === undefined) {
      throw new DeliveryError('unknown', 'the InfluxDB cluster is no longer configured', {
        retryable: false,
      });
    }
    const signal =
      this.opts.attemptTimeoutMs > 0
        ? AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.opts.attemptTimeoutMs)])
        : this.shutdown.signal;
    if (!this.prepared && this.opts.prepare) {
      await this.opts.prepare(client, signal);
      this.prepared = true;
    }
    await client.write(target, body, signal);
  }
}
