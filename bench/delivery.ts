// Delivery benches, each measured as a ratio against a bare `fetch` loop that POSTs the same
// bodies to the same kind of loopback endpoint in the same run (so machine speed cancels out):
//
//   delivery            events/s through a HandlerQueue and the real `post` handler
//                       (src/services/httppost) vs the bare fetch loop
//   delivery-isolation  the same, while two other handlers' endpoints are dead
//                       (one refuses connections, one accepts and never answers)
//
// The delivery function is one parameter (`DeliverFactory`), so other kinds can be measured
// the same way.
//
// Bounded: BENCH_DELIVERY_EVENTS events per measurement (default 5000), at most
// BENCH_DELIVERY_BUDGET_MS per measurement (default 15000); only 127.0.0.1.

import { performance } from 'node:perf_hooks';
import { encodeAlertData, makeEvent, type AlertEvent } from '../src/alert/event.js';
import { Level } from '../src/alert/level.js';
import { GoTime } from '../src/common/gotime.js';
import { decodeOptions } from '../src/alert/options.js';
import { silentLogger } from '../src/common/logger.js';
import { sendHTTP } from '../src/delivery/http.js';
import { httppostHandler } from '../src/services/httppost/handler.js';
import { postOptions } from '../src/services/httppost/options.js';
import { HttppostService } from '../src/services/httppost/service.js';
import { HandlerQueue, type DeliverFn } from '../src/delivery/queue.js';
import { refusedURL, startBlackHole, startHTTPSink, type Peer } from './lib/loopback.js';
import type { Scenario } from './lib/scenario.js';
import { formatRate, formatTable } from './lib/table.js';

/** Builds the function that delivers one event to `url`. */
export type DeliverFactory = (url: string) => DeliverFn<AlertEvent>;

/** A plain Kapacitor-style POST of AlertData (what httppost sends without a template). */
export const postWithSendHTTP: DeliverFactory = (url) => (event, signal) =>
  sendHTTP({
    url,
    headers: { 'Content-Type': 'application/json' },
    body: encodeAlertData(event),
    signal,
    isSuccess: (status) => status >= 200 && status < 300,
  });

const eventCount = positiveInt(process.env.BENCH_DELIVERY_EVENTS, 5000);
const budgetMs = positiveInt(process.env.BENCH_DELIVERY_BUDGET_MS, 15_000);
const warmupCount = 200;
const rounds = 3;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A realistic event: grouped, with a one-row result as an alert node produces it. */
function realisticEvent(i: number): AlertEvent {
  const t = GoTime.fromMillis(Date.UTC(2026, 2, 3, 12, 0, 0) + i * 10_000);
  const host = `server${String(i % 50).padStart(2, '0')}`;
  return makeEvent({
    topic: 'main:cpu_alert:alert2',
    state: {
      id: `cpu_alert:host=${host}`,
      message: `cpu_alert:host=${host} is CRITICAL: usage_idle=3.2`,
      details: `{"Name":"cpu","TaskName":"cpu_alert","Group":"host=${host}","Tags":{"cpu":"cpu-total","host":"${host}"}}`,
      time: t.ns,
      duration: 90_000_000_000n,
      level: Level.CRITICAL,
    },
    data: {
      name: 'cpu',
      taskName: 'cpu_alert',
      group: `host=${host}`,
      tags: { cpu: 'cpu-total', host },
      fields: { usage_idle: 3.2 },
      recoverable: true,
      result: {
        series: [
          {
            name: 'cpu',
            tags: { cpu: 'cpu-total', host },
            columns: ['time', 'usage_idle'],
            values: [[t, 3.2]],
          },
        ],
      },
    },
    previousLevel: Level.WARNING,
  });
}

interface Measurement {
  delivered: number;
  ms: number;
}

const rate = (m: Measurement): number => (m.delivered / m.ms) * 1000;

/** The baseline: one request at a time with bare fetch, like a single queue's sequencing. */
async function fetchLoop(url: string, bodies: string[]): Promise<Measurement> {
  const start = performance.now();
  let delivered = 0;
  for (const body of bodies) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    await res.arrayBuffer();
    if (res.ok) delivered++;
    if (performance.now() - start > budgetMs) break;
  }
  return { delivered, ms: performance.now() - start };
}

function newQueue(
  handlerId: string,
  deliver: DeliverFn<AlertEvent>,
  capacity: number,
): HandlerQueue<AlertEvent> {
  return new HandlerQueue<AlertEvent>({ handlerId, deliver, itemId: (e) => e.state.id, capacity });
}

/** Enqueue everything, then wait until the queue is idle (or the budget runs out). */
async function queueRun(
  queue: HandlerQueue<AlertEvent>,
  events: AlertEvent[],
): Promise<Measurement> {
  const start = performance.now();
  for (const e of events) queue.enqueue(e);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  await Promise.race([queue.idle(), budget]);
  clearTimeout(timer);
  const ms = performance.now() - start;
  const delivered = queue.metrics.sent;
  await queue.close({ deadlineMs: 0 });
  return { delivered, ms };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Comparison {
  label: string;
  baseline: Measurement[];
  candidate: Measurement[];
  note?: string;
}

function report(comparisons: Comparison[]): void {
  const rows = comparisons.map((c) => {
    const base = median(c.baseline.map(rate));
    const cand = median(c.candidate.map(rate));
    return [c.label, formatRate(cand), formatRate(base), (cand / base).toFixed(2)];
  });
  console.log(formatTable(['scenario', 'queue', 'bare fetch', 'ratio'], rows));
  console.log(`\n(${rounds} interleaved rounds of ${eventCount} events each; medians)`);
  for (const c of comparisons) {
    const fmt = (ms: Measurement[]): string =>
      ms.map((m) => `${m.delivered} in ${m.ms.toFixed(0)} ms`).join(', ');
    console.log(`${c.label}: queue [${fmt(c.candidate)}]; bare fetch [${fmt(c.baseline)}]`);
    if (c.note) console.log(`  ${c.note}`);
  }
}

async function withPeers<T>(peers: Peer[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

async function warmUp(
  url: string,
  deliverVia: DeliverFactory,
  bodies: string[],
  events: AlertEvent[],
): Promise<void> {
  await fetchLoop(url, bodies.slice(0, warmupCount));
  await queueRun(newQueue('warmup', deliverVia(url), warmupCount), events.slice(0, warmupCount));
}

async function throughput(deliverVia: DeliverFactory): Promise<void> {
  const events = Array.from({ length: eventCount }, (_, i) => realisticEvent(i));
  const bodies = events.map(encodeAlertData);
  const fetchSink = await startHTTPSink();
  const queueSink = await startHTTPSink();
  await withPeers([fetchSink, queueSink], async () => {
    await warmUp(queueSink.url, deliverVia, bodies, events);
    const c: Comparison = { label: 'queue → loopback POST', baseline: [], candidate: [] };
    for (let r = 0; r < rounds; r++) {
      c.baseline.push(await fetchLoop(fetchSink.url, bodies));
      c.candidate.push(
        await queueRun(newQueue(`healthy-${r}`, deliverVia(queueSink.url), eventCount), events),
      );
    }
    console.log(`body: ${Buffer.byteLength(bodies[0] ?? '')} bytes of AlertData JSON`);
    report([c]);
  });
}

async function isolation(deliverVia: DeliverFactory): Promise<void> {
  const events = Array.from({ length: eventCount }, (_, i) => realisticEvent(i));
  const bodies = events.map(encodeAlertData);
  const fetchSink = await startHTTPSink();
  const healthySink = await startHTTPSink();
  const hole = await startBlackHole();
  const refused = await refusedURL();
  await withPeers([fetchSink, healthySink, hole, refused], async () => {
    await warmUp(healthySink.url, deliverVia, bodies, events);
    const c: Comparison = { label: 'healthy queue, 2 dead peers', baseline: [], candidate: [] };
    const deadStats: string[] = [];
    for (let r = 0; r < rounds; r++) {
      c.baseline.push(await fetchLoop(fetchSink.url, bodies));
      // Default policies: 30 s attempt timeout, 3 attempts with backoff: the dead queues
      // stay busy (and fill up) for the whole measurement.
      const blackHoled = newQueue(`hole-${r}`, deliverVia(hole.url), eventCount);
      const refusing = newQueue(`refused-${r}`, deliverVia(refused.url), eventCount);
      const healthy = newQueue(`healthy-${r}`, deliverVia(healthySink.url), eventCount);
      for (const e of events) {
        blackHoled.enqueue(e);
        refusing.enqueue(e);
      }
      c.candidate.push(await queueRun(healthy, events));
      const stat = (q: HandlerQueue<AlertEvent>): string =>
        `sent ${q.metrics.sent}, failed ${q.metrics.failedTotal}, queued ${q.length}`;
      deadStats.push(`round ${r + 1}: black hole ${stat(blackHoled)}; refused ${stat(refusing)}`);
      await Promise.all([blackHoled.close({ deadlineMs: 0 }), refusing.close({ deadlineMs: 0 })]);
    }
    report([c]);
    console.log('dead handlers while the healthy one finished:');
    for (const line of deadStats) console.log(`  ${line}`);
  });
}

export function makeDeliveryScenarios(deliverVia: DeliverFactory): Scenario[] {
  return [
    {
      name: 'delivery',
      description:
        "events/s to a loopback HTTP POST, and a healthy handler's rate while two other endpoints are dead, each vs a bare fetch loop",
      run: async () => {
        await throughput(deliverVia);
        await isolation(deliverVia);
      },
    },
    {
      name: 'delivery-isolation',
      description:
        "only the healthy handler's rate while two other endpoints are dead, vs a bare fetch loop",
      run: () => isolation(deliverVia),
    },
  ];
}

/** The real `post` handler, created from options as a topic handler would be. */
export const postWithHandler: DeliverFactory = (url) => {
  const service = new HttppostService([], {
    logger: silentLogger,
    host: { apiURL: 'http://127.0.0.1:9092/kapacitor/v1' },
  });
  const handler = httppostHandler.create(decodeOptions('post', postOptions, { url }), {
    service,
    logger: silentLogger,
    topics: { collect: () => {} },
    handlerId: 'bench/post',
  });
  return (event, signal) => handler.handle(event, signal);
};

export const scenarios: Scenario[] = makeDeliveryScenarios(postWithHandler);
