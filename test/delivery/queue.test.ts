import { afterEach, describe, expect, it } from 'vitest';
import { encodeAlertData, makeEvent, type AlertEvent } from '../../src/alert/event.js';
import { memoryLogger, type LogRecord } from '../../src/common/logger.js';
import { DeliveryError } from '../../src/delivery/errors.js';
import { sendHTTP } from '../../src/delivery/http.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';
import { HandlerQueue, type HandlerQueueOptions } from '../../src/delivery/queue.js';
import type { RetryPolicy } from '../../src/delivery/retry.js';
import { sendTCP } from '../../src/delivery/tcp.js';
import {
  closeAll,
  refusedPort,
  startBlackHole,
  startHTTPReceiver,
  startTCPReceiver,
} from '../helpers/receivers.js';

const queues: HandlerQueue<AlertEvent>[] = [];
afterEach(async () => {
  // Abort whatever a test left stuck so no request outlives its servers.
  await Promise.all(queues.splice(0).map((q) => q.close({ deadlineMs: 0 })));
  await closeAll();
});

const fast: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5000 };

function event(id: string): AlertEvent {
  return makeEvent({ topic: 'cpu', state: { id, message: `${id} is CRITICAL` } });
}

/** A queue that POSTs each event's AlertData to `url`, with a capturing logger. */
function postQueue(
  url: string,
  options: Partial<HandlerQueueOptions<AlertEvent>> = {},
): { queue: HandlerQueue<AlertEvent>; logs: LogRecord[] } {
  const logger = memoryLogger();
  const queue = new HandlerQueue<AlertEvent>({
    handlerId: 'post-1',
    itemId: (e) => e.state.id,
    deliver: (e, signal) =>
      sendHTTP({
        url,
        headers: { 'Content-Type': 'application/json' },
        body: encodeAlertData(e),
        signal,
        isSuccess: (s) => s >= 200 && s < 300,
      }),
    retryPolicy: fast,
    logger,
    ...options,
  });
  queues.push(queue);
  return { queue, logs: logger.records };
}

const ids = (n: number, prefix = 'e'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const receivedIds = (bodies: { body: string }[]): string[] =>
  bodies.map((r) => (JSON.parse(r.body) as { id: string }).id);

describe('HandlerQueue', () => {
  it('delivers every event in order, off the caller, and counts them', async () => {
    const rx = await startHTTPReceiver();
    const { queue, logs } = postQueue(rx.url);
    for (const id of ids(20)) expect(queue.enqueue(event(id))).toBe(true);
    // enqueue returned before any delivery: nothing can have reached the server yet.
    expect(rx.received.length).toBe(0);
    await queue.idle();
    expect(receivedIds(rx.received)).toEqual(ids(20));
    expect(rx.received[0]?.body).toBe(encodeAlertData(event('e0')));
    expect(queue.metrics.sent).toBe(20);
    expect(queue.metrics.failedTotal).toBe(0);
    expect(logs.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('retries a 5xx and then succeeds, counting the retry', async () => {
    const rx = await startHTTPReceiver((n) =>
      n === 0 ? { status: 502, body: 'bad gateway' } : { status: 200 },
    );
    const { queue, logs } = postQueue(rx.url);
    queue.enqueue(event('a'));
    await queue.idle();
    expect(receivedIds(rx.received)).toEqual(['a', 'a']);
    expect([queue.metrics.sent, queue.metrics.retried, queue.metrics.failedTotal]).toEqual([
      1, 1, 0,
    ]);
    const warn = logs.find((r) => r.level === 'warn');
    expect(warn).toMatchObject({
      handler: 'post-1',
      event: 'a',
      attempt: 1,
      reason: 'http-5xx',
      status: 502,
    });
  });

  it('honours Retry-After: 1 on a 429 (server-side gap of at least ~1 s)', async () => {
    const rx = await startHTTPReceiver((n) =>
      n === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 },
    );
    // Backoff alone would wait at most 5 ms; only Retry-After explains a 1 s gap.
    const { queue } = postQueue(rx.url);
    queue.enqueue(event('a'));
    await queue.idle();
    expect(rx.received.length).toBe(2);
    const [first, second] = rx.received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect([queue.metrics.sent, queue.metrics.retried]).toEqual([1, 1]);
  });

  it('does not retry a 4xx; logs the failure with handler, attempts and reason', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 404, body: 'no such hook' }));
    const { queue, logs } = postQueue(rx.url);
    queue.enqueue(event('a'));
    await queue.idle();
    expect(rx.received.length).toBe(1);
    expect(queue.metrics.failed['http-4xx']).toBe(1);
    expect(queue.metrics.retried).toBe(0);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'failed to deliver event "a" to handler',
        handler: 'post-1',
        event: 'a',
        attempts: 1,
        reason: 'http-4xx',
        status: 404,
        err: 'unexpected response code 404: no such hook',
      }),
    );
  });

  it('retries connection refused up to maxAttempts, then fails with reason connection', async () => {
    const port = await refusedPort();
    const { queue, logs } = postQueue(`http://127.0.0.1:${port}/`);
    queue.enqueue(event('a'));
    queue.enqueue(event('b'));
    await queue.idle();
    expect(queue.metrics.failed.connection).toBe(2);
    expect(queue.metrics.retried).toBe(4);
    const errors = logs.filter((r) => r.level === 'error');
    expect(errors.map((r) => [r.event, r.attempts, r.reason])).toEqual([
      ['a', 3, 'connection'],
      ['b', 3, 'connection'],
    ]);
  });

  it('times out each attempt on a server that never answers', async () => {
    const rx = await startHTTPReceiver(() => 'hang');
    const { queue, logs } = postQueue(rx.url, {
      attemptTimeoutMs: 100,
      retryPolicy: { ...fast, maxAttempts: 2 },
    });
    queue.enqueue(event('a'));
    await queue.idle();
    expect(rx.received.length).toBe(2);
    expect(queue.metrics.failed.timeout).toBe(1);
    expect(logs.find((r) => r.level === 'error')).toMatchObject({ attempts: 2, reason: 'timeout' });
  });

  it('stops waiting on a deliver function that ignores its signal', async () => {
    const { queue } = postQueue('http://unused/', {
      deliver: () => new Promise(() => {}),
      attemptTimeoutMs: 50,
      retryPolicy: { ...fast, maxAttempts: 1 },
    });
    queue.enqueue(event('a'));
    await queue.idle();
    expect(queue.metrics.failed.timeout).toBe(1);
  });

  it("gives an attempt a fresh signal unless the last one's was left untouched", async () => {
    const rx = await startHTTPReceiver();
    const signals: AbortSignal[] = [];
    const { queue } = postQueue(rx.url, {
      deliver: async (e, signal, attempt) => {
        signals.push(signal);
        // 'listener': left on the signal; 'timeout': never settles, so the attempt is aborted.
        if (e.state.id === 'listener') signal.addEventListener('abort', () => undefined);
        if (e.state.id === 'timeout' && attempt === 1) return new Promise(() => {});
        return sendHTTP({ url: rx.url, body: '{}', signal, isSuccess: (s) => s === 200 });
      },
      attemptTimeoutMs: 200,
      retryPolicy: { ...fast, maxAttempts: 2 },
    });
    for (const id of ['a', 'b', 'listener', 'c', 'timeout', 'd']) queue.enqueue(event(id));
    await queue.idle();
    expect(queue.metrics.sent).toBe(6);
    const [a, b, listener, c, timedOut, retried, d] = signals;
    expect(signals.length).toBe(7);
    // A request that completed leaves nothing on its signal: the next attempt takes it.
    expect(b).toBe(a);
    expect(listener).toBe(a);
    // A listener left behind, or an abort, and the next attempt gets a new signal.
    expect(c).not.toBe(listener);
    expect(timedOut).toBe(c);
    expect(timedOut!.aborted).toBe(true);
    expect(retried).not.toBe(timedOut);
    expect(retried!.aborted).toBe(false);
    expect(d).toBe(retried);
  });

  it('prepares the next event while the one before it is in flight, and hands it over', async () => {
    const rx = await startHTTPReceiver();
    const prepared: string[] = [];
    const handed: Array<{ id: string; attempt: number; prepared: unknown }> = [];
    let failFirstAttemptOf = 'e2';
    const { queue, logs } = postQueue(rx.url, {
      prepare: (e) => {
        prepared.push(e.state.id);
        if (e.state.id === 'e4') throw new TypeError('cannot encode');
        return `body of ${e.state.id}`;
      },
      deliver: (e, signal, attempt, body) => {
        handed.push({ id: e.state.id, attempt, prepared: body });
        if (e.state.id === failFirstAttemptOf) {
          failFirstAttemptOf = '';
          return Promise.reject(new DeliveryError('http-5xx', 'first attempt fails'));
        }
        return sendHTTP({
          url: rx.url,
          body: typeof body === 'string' ? body : 'not prepared',
          signal,
          isSuccess: (s) => s === 200,
        });
      },
    });
    for (const id of ids(6)) queue.enqueue(event(id));
    await queue.idle();
    // The first delivery started as e0 was queued, with nothing behind it; from then on each
    // event was prepared once, during the delivery before it, and a retry reuses it.
    expect(prepared).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(handed).toEqual([
      { id: 'e0', attempt: 1, prepared: undefined },
      { id: 'e1', attempt: 1, prepared: undefined },
      { id: 'e2', attempt: 1, prepared: 'body of e2' },
      { id: 'e2', attempt: 2, prepared: 'body of e2' },
      { id: 'e3', attempt: 1, prepared: 'body of e3' },
      // A preparation that throws only means the event's own turn does the work.
      { id: 'e4', attempt: 1, prepared: undefined },
      { id: 'e5', attempt: 1, prepared: 'body of e5' },
    ]);
    expect(rx.received.map((r) => r.body)).toEqual([
      'not prepared',
      'not prepared',
      'body of e2',
      'body of e3',
      'not prepared',
      'body of e5',
    ]);
    expect([queue.metrics.sent, queue.metrics.retried, queue.metrics.failedTotal]).toEqual([
      6, 1, 0,
    ]);
    expect(logs.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('counts a deliver function that throws synchronously as a failure and moves on', async () => {
    const rx = await startHTTPReceiver();
    const { queue, logs } = postQueue(rx.url, {
      deliver: (e, signal) => {
        if (e.state.id === 'bad') throw new TypeError('template: no such field');
        return sendHTTP({
          url: rx.url,
          body: encodeAlertData(e),
          signal,
          isSuccess: (s) => s === 200,
        });
      },
    });
    queue.enqueue(event('bad'));
    queue.enqueue(event('good'));
    await queue.idle();
    expect(receivedIds(rx.received)).toEqual(['good']);
    expect([queue.metrics.failed.unknown, queue.metrics.sent, queue.metrics.retried]).toEqual([
      1, 1, 0,
    ]);
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'bad', reason: 'unknown', err: 'template: no such field' }),
    );
  });

  it("a dead endpoint never delays a healthy handler's deliveries", async () => {
    const healthy = await startHTTPReceiver();
    const hole = await startBlackHole();
    const refused = await refusedPort();
    // The dead handlers are set up to stay stuck for the whole test: an hour-long attempt
    // timeout on the black hole, hour-long backoff on the refused port.
    const stuck: RetryPolicy = {
      maxAttempts: 5,
      baseDelayMs: 3_600_000,
      maxDelayMs: 3_600_000,
      maxRetryAfterMs: 0,
    };
    const blackHoled = postQueue(hole.url, {
      handlerId: 'hole',
      attemptTimeoutMs: 3_600_000,
    }).queue;
    const refusing = postQueue(`http://127.0.0.1:${refused}/`, {
      handlerId: 'refused',
      retryPolicy: stuck,
      random: () => 0.5,
    }).queue;
    const good = postQueue(healthy.url, { handlerId: 'good' }).queue;

    const n = 50;
    for (const id of ids(n)) {
      // The same event goes to every handler of the topic, dead ones first.
      blackHoled.enqueue(event(id));
      refusing.enqueue(event(id));
      good.enqueue(event(id));
    }
    await good.idle();
    expect(receivedIds(healthy.received)).toEqual(ids(n));
    expect(good.metrics.sent).toBe(n);
    // ...while both dead handlers are still on their first event.
    expect(blackHoled.metrics.sent + blackHoled.metrics.failedTotal).toBe(0);
    expect(refusing.metrics.sent + refusing.metrics.failedTotal).toBe(0);
    expect(blackHoled.length).toBe(n - 1);
    expect(refusing.length).toBe(n - 1);
    expect(hole.accepted()).toBe(1);
  });

  it('drops, counts and logs events when the queue is full', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const rx = await startHTTPReceiver();
    const { queue, logs } = postQueue(rx.url, {
      capacity: 3,
      deliver: async (e, signal) => {
        await gate; // hold the first delivery so the queue fills behind it
        return sendHTTP({
          url: rx.url,
          body: encodeAlertData(e),
          signal,
          isSuccess: (s) => s === 200,
        });
      },
    });
    const accepted = ids(6).map((id) => queue.enqueue(event(id)));
    // e0 is in flight, e1..e3 fill the 3 slots, e4 and e5 are dropped.
    expect(accepted).toEqual([true, true, true, true, false, false]);
    expect(queue.metrics.dropped).toBe(2);
    expect(queue.metrics.snapshot().values).toMatchObject({ dropped: 2, queue_length: 3 });
    expect(logs.filter((r) => r.reason === 'queue full')).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'failed to deliver event "e4" to handler',
        handler: 'post-1',
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'failed to deliver event "e5" to handler',
        handler: 'post-1',
      }),
    ]);
    release();
    await queue.idle();
    expect(receivedIds(rx.received)).toEqual(ids(4));
    expect(queue.metrics.snapshot().values).toMatchObject({ sent: 4, queue_length: 0 });
  });

  it('close drains what is queued, then refuses new events', async () => {
    const rx = await startHTTPReceiver();
    const { queue, logs } = postQueue(rx.url);
    for (const id of ids(5)) queue.enqueue(event(id));
    const report = await queue.close({ deadlineMs: 15_000 });
    expect(report).toEqual({ drained: true, abandoned: [] });
    expect(receivedIds(rx.received)).toEqual(ids(5));
    expect(queue.enqueue(event('late'))).toBe(false);
    expect(logs).toContainEqual(expect.objectContaining({ event: 'late', reason: 'queue closed' }));
  });

  it('close aborts the stuck in-flight event at the deadline and reports what was left', async () => {
    const hole = await startBlackHole();
    const { queue, logs } = postQueue(hole.url, { attemptTimeoutMs: 3_600_000 });
    for (const id of ids(3)) queue.enqueue(event(id));
    const report = await queue.close({ deadlineMs: 50 });
    expect(report).toEqual({ drained: false, abandoned: ['e0', 'e1', 'e2'] });
    expect(queue.metrics.failed.aborted).toBe(1);
    expect(queue.metrics.dropped).toBe(2);
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'e0', reason: 'aborted', attempts: 1 }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', abandoned: 3 }));
    expect(queue.length).toBe(0);
  });

  it('exposes its live length through the shared metrics registry', async () => {
    const rx = await startHTTPReceiver(() => 'hang');
    const registry = new DeliveryMetricsRegistry();
    const { queue } = postQueue(rx.url, {
      handlerId: 'h',
      metrics: registry.forHandler('h', { topic: 'cpu' }),
      attemptTimeoutMs: 3_600_000,
    });
    for (const id of ids(4)) queue.enqueue(event(id));
    await rx.waitFor(1);
    expect(registry.snapshot()['delivery:h']?.values).toMatchObject({ queue_length: 3, sent: 0 });
  });

  it('delivers over TCP through the same queue', async () => {
    const rx = await startTCPReceiver();
    const queue = new HandlerQueue<AlertEvent>({
      handlerId: 'tcp-1',
      itemId: (e) => e.state.id,
      deliver: (e, signal) =>
        sendTCP({ address: rx.address, data: encodeAlertData(e) + '\n', signal }),
    });
    queues.push(queue);
    for (const id of ids(3)) queue.enqueue(event(id));
    await queue.idle();
    await rx.waitFor(3);
    // One connection per event; the server may see their ends in any order.
    const got = rx.messages.map((m) => (JSON.parse(m.toString()) as { id: string }).id);
    expect(got.sort()).toEqual(ids(3));
    expect(rx.messages[0]?.toString().endsWith('\n\n')).toBe(true);
  });
});
