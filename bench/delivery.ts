// Delivery benches, each figure a ratio against a baseline measured in the same run (so
// machine speed cancels out). Events go to a loopback HTTP sink in a child process (its
// work costs this process nothing):
//
//   throughput  events/s through a HandlerQueue and the real `post` handler
//               (src/services/httppost), vs a bare sequential node:http keep-alive loop
//               POSTing the same bodies (one request at a time, as a queue sends them)
//   isolation   the same healthy handler's events/s while two other handlers' endpoints are
//               dead (one refuses connections, one accepts and never answers), vs that
//               handler alone
//
// Rounds are interleaved (BENCH_DELIVERY_ROUNDS, default 5; the order of alone and beside
// the dead ones alternates) and each ratio is the median of the rounds' ratios. Two ratios:
// of wall time, and of this process's CPU time per delivered event (process.cpuUsage), which
// other load on a shared machine disturbs far less; beside the dead endpoints the CPU time
// includes the dead handlers' own attempts. The delivery
// function is one parameter (`DeliverFactory`), so other kinds can be measured the same way.
//
// Bounded: BENCH_DELIVERY_EVENTS events per measurement (default 5000), at most
// BENCH_DELIVERY_BUDGET_MS per measurement (default 15000); only 127.0.0.1.

import { performance } from 'node:perf_hooks';
import { encodeAlertData, makeEvent, type AlertEvent } from '../src/alert/event.js';
import { Level } from '../src/alert/level.js';
import { GoTime } from '../src/common/gotime.js';
import { decodeHandlerOptions } from '../src/alert/options.js';
import { queueCalls } from '../src/alert/handler.js';
import { silentLogger } from '../src/common/logger.js';
import { sendHTTP } from '../src/delivery/http.js';
import { httppostHandler } from '../src/services/httppost/handler.js';
import { postOptions } from '../src/services/httppost/options.js';
import { HttppostService } from '../src/services/httppost/service.js';
import { HandlerQueue, type HandlerQueueOptions } from '../src/delivery/queue.js';
import http from 'node:http';
import { refusedURL, startBlackHole, type Peer } from './lib/loopback.js';
import { startProcessHTTPSink } from './lib/process-sink.js';
import type { Scenario } from './lib/scenario.js';
import { median, roundRatios, spread } from './lib/stats.js';
import { formatRate, formatTable } from './lib/table.js';

/** Builds how a queue calls what delivers one event to `url` (as the alert service does). */
export type DeliverFactory = (url: string) => QueueCalls;
type QueueCalls = Pick<HandlerQueueOptions<AlertEvent>, 'deliver' | 'prepare'>;

/** A plain Kapacitor-style POST of AlertData (what httppost sends without a template). */
export const postWithSendHTTP: DeliverFactory = (url) => ({
  deliver: (event, signal) =>
    sendHTTP({
      url,
      headers: { 'Content-Type': 'application/json' },
      body: encodeAlertData(event),
      signal,
      isSuccess: (status) => status >= 200 && status < 300,
    }),
});

const eventCount = positiveInt(process.env.BENCH_DELIVERY_EVENTS, 5000);
const budgetMs = positiveInt(process.env.BENCH_DELIVERY_BUDGET_MS, 15_000);
const warmupCount = 200;
const rounds = positiveInt(process.env.BENCH_DELIVERY_ROUNDS, 5);

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
  /** CPU time of this process (all threads) over the same span */
  cpuMs: number;
}

const rate = (m: Measurement): number => (m.delivered / m.ms) * 1000;
const cpuRate = (m: Measurement): number => (m.delivered / m.cpuMs) * 1000;

/** CPU time of this process in ms since `start` (process.cpuUsage()). */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** One POST on a keep-alive agent; resolves with the status once the answer is read. */
function post(agent: http.Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The baseline: a bare sequential node:http loop on one keep-alive connection, the least
 * any sender of one request at a time can do.
 */
async function bareLoop(url: string, bodies: readonly string[]): Promise<Measurement> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const cpu = process.cpuUsage();
  const start = performance.now();
  let delivered = 0;
  try {
    for (const body of bodies) {
      const status = await post(agent, url, body);
      if (status >= 200 && status < 300) delivered++;
      if (performance.now() - start > budgetMs) break;
    }
    return { delivered, ms: performance.now() - start, cpuMs: cpuMsSince(cpu) };
  } finally {
    agent.destroy();
  }
}

function newQueue(
  handlerId: string,
  calls: QueueCalls,
  capacity: number,
): HandlerQueue<AlertEvent> {
  return new HandlerQueue<AlertEvent>({ handlerId, ...calls, itemId: (e) => e.state.id, capacity });
}

/** Enqueue everything, then wait until the queue is idle (or the budget runs out). */
async function queueRun(
  queue: HandlerQueue<AlertEvent>,
  events: readonly AlertEvent[],
): Promise<Measurement> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const e of events) queue.enqueue(e);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  await Promise.race([queue.idle(), budget]);
  clearTimeout(timer);
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  const delivered = queue.metrics.sent;
  await queue.close({ deadlineMs: 0 });
  return { delivered, ms, cpuMs };
}

interface Comparison {
  label: string;
  baselineLabel: string;
  candidate: Measurement[];
  baseline: Measurement[];
}

const fmtRuns = (ms: readonly Measurement[]): string =>
  ms
    .map((m) => `${m.delivered} in ${m.ms.toFixed(0)} ms (CPU ${m.cpuMs.toFixed(0)} ms)`)
    .join(', ');

function report(comparisons: Comparison[]): void {
  const rows = comparisons.map((c) => {
    const ratios = roundRatios(c.candidate.map(rate), c.baseline.map(rate));
    const cpuRatios = roundRatios(c.candidate.map(cpuRate), c.baseline.map(cpuRate));
    return [
      c.label,
      formatRate(median(c.candidate.map(rate))),
      c.baselineLabel,
      formatRate(median(c.baseline.map(rate))),
      median(ratios).toFixed(2),
      spread(ratios, (v) => v.toFixed(2)),
      median(cpuRatios).toFixed(2),
      spread(cpuRatios, (v) => v.toFixed(2)),
    ];
  });
  console.log(
    formatTable(
      [
        'scenario',
        'events/s',
        'baseline',
        'baseline/s',
        'ratio',
        'range',
        'CPU-time ratio',
        'range',
      ],
      rows,
    ),
  );
  console.log(
    `\n${rounds} interleaved rounds of ${eventCount} events each; medians; a ratio is the median of the rounds' ratios`,
  );
  console.log(
    "ratio: events/s over the baseline's (wall time); CPU-time ratio: events per CPU second of this process over the baseline's (the sink is another process), which other load on a shared machine disturbs far less",
  );
  for (const c of comparisons) {
    console.log(
      `${c.label}: [${fmtRuns(c.candidate)}]; ${c.baselineLabel}: [${fmtRuns(c.baseline)}]`,
    );
  }
}

async function withPeers<T>(peers: Peer[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

/** The healthy handler's queue, while two dead handlers' queues hold the same events. */
async function besideDead(
  deliverVia: DeliverFactory,
  url: string,
  dead: { hole: string; refused: string },
  events: readonly AlertEvent[],
  round: number,
): Promise<{ m: Measurement; deadStats: string }> {
  // Default policies: 30 s attempt timeout, 3 attempts with backoff: the dead queues stay
  // busy (and full) for the whole measurement.
  const blackHoled = newQueue(`hole-${round}`, deliverVia(dead.hole), eventCount);
  const refusing = newQueue(`refused-${round}`, deliverVia(dead.refused), eventCount);
  for (const e of events) {
    blackHoled.enqueue(e);
    refusing.enqueue(e);
  }
  const m = await queueRun(newQueue(`beside-${round}`, deliverVia(url), eventCount), events);
  const stat = (q: HandlerQueue<AlertEvent>): string =>
    `sent ${q.metrics.sent}, failed ${q.metrics.failedTotal}, queued ${q.length}`;
  const deadStats = `round ${round + 1}: black hole ${stat(blackHoled)}; refused ${stat(refusing)}`;
  await Promise.all([blackHoled.close({ deadlineMs: 0 }), refusing.close({ deadlineMs: 0 })]);
  return { m, deadStats };
}

async function measure(deliverVia: DeliverFactory, isolationOnly: boolean): Promise<void> {
  const events = Array.from({ length: eventCount }, (_, i) => realisticEvent(i));
  const bodies = events.map(encodeAlertData);
  const sink = await startProcessHTTPSink();
  const hole = await startBlackHole();
  const refused = await refusedURL();
  const dead = { hole: hole.url, refused: refused.url };
  await withPeers([sink, hole, refused], async () => {
    // warm-up: every path once, a few events
    await bareLoop(sink.url, bodies.slice(0, warmupCount));
    await queueRun(
      newQueue('warmup', deliverVia(sink.url), warmupCount),
      events.slice(0, warmupCount),
    );
    await besideDead(deliverVia, sink.url, dead, events.slice(0, warmupCount), -1);

    const bare: Measurement[] = [];
    const alone: Measurement[] = [];
    const beside: Measurement[] = [];
    const deadStats: string[] = [];
    for (let r = 0; r < rounds; r++) {
      if (!isolationOnly) bare.push(await bareLoop(sink.url, bodies));
      const runAlone = async () =>
        alone.push(
          await queueRun(newQueue(`alone-${r}`, deliverVia(sink.url), eventCount), events),
        );
      const runBeside = async () => {
        const b = await besideDead(deliverVia, sink.url, dead, events, r);
        beside.push(b.m);
        deadStats.push(b.deadStats);
      };
      // alternate the order, so a drift of the machine's speed favours neither
      if (r % 2 === 0) {
        await runAlone();
        await runBeside();
      } else {
        await runBeside();
        await runAlone();
      }
    }
    console.log(`body: ${Buffer.byteLength(bodies[0] ?? '')} bytes of AlertData JSON`);
    const comparisons: Comparison[] = [];
    if (!isolationOnly) {
      comparisons.push({
        label: 'post handler queue → loopback POST',
        baselineLabel: 'bare node:http loop',
        candidate: alone,
        baseline: bare,
      });
    }
    comparisons.push({
      label: 'same, beside 2 dead endpoints',
      baselineLabel: 'the handler alone',
      candidate: beside,
      baseline: alone,
    });
    report(comparisons);
    console.log('dead handlers while the healthy one finished:');
    for (const line of deadStats) console.log(`  ${line}`);
  });
}

export function makeDeliveryScenarios(deliverVia: DeliverFactory): Scenario[] {
  return [
    {
      name: 'delivery',
      description:
        'events/s to a loopback HTTP POST vs a bare node:http keep-alive loop, and the same handler beside two dead endpoints vs alone',
      run: () => measure(deliverVia, false),
    },
    {
      name: 'delivery-isolation',
      description: 'only the healthy handler beside two dead endpoints vs alone',
      run: () => measure(deliverVia, true),
    },
  ];
}

/** The real `post` handler, created from options as a topic handler would be. */
export const postWithHandler: DeliverFactory = (url) => {
  const service = new HttppostService([], {
    logger: silentLogger,
    host: { apiURL: 'http://127.0.0.1:9092/kapacitor/v1' },
  });
  const handler = httppostHandler.create(decodeHandlerOptions('post', postOptions, { url }), {
    service,
    logger: silentLogger,
    topics: { collect: () => {} },
    handlerId: 'bench/post',
  });
  return queueCalls(handler);
};

export const scenarios: Scenario[] = makeDeliveryScenarios(postWithHandler);
