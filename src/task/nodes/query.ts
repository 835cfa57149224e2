// `batch|query('SELECT ...')`: every `every` (aligned to it with `.align()`) runs the query for
// [now − offset − period, now − offset) against the node's InfluxDB cluster and emits one batch
// per result series, as Kapacitor's QueryNode does. A run never overlaps the previous one; a
// failed query is logged and counted, and the schedule goes on.

import type { FieldValue, Fields } from '../../alert/event.js';
import { errorMessage } from '../../common/errors.js';
import { GoTime, parseRFC3339 } from '../../common/gotime.js';
import type { ResultSeries } from '../../influxdb/client.js';
import { buildQuery, parseSelect, type SelectStatement } from '../../influxdb/influxql.js';
import type { InfluxDBService } from '../../influxdb/service.js';
import type { QueryProps } from '../../pipeline/model.js';
import { goRound, goTruncate } from '../gotime-math.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import { groupId, type Batch, type BatchPoint } from '../point.js';
import { reportError } from './errors.js';
import { batchMessage, dimensions, sortedNames } from './messages.js';

const NS_PER_MS = 1_000_000n;

function fieldValue(v: unknown): FieldValue | undefined {
  // InfluxDB's JSON does not tell ints from floats; Kapacitor reads every number as a float.
  if (typeof v === 'number') return v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return undefined;
}

/** One result series as a batch (Kapacitor's ResultToBufferedBatches). */
export function seriesToBatch(
  series: ResultSeries,
  byMeasurement: boolean,
  stop: bigint,
  groupedByTime: boolean,
): Batch {
  const name = series.name ?? '';
  const tags = series.tags ?? {};
  const dims = dimensions(sortedNames(Object.keys(tags)), byMeasurement);
  const timeIndex = series.columns.indexOf('time');
  const points: BatchPoint[] = [];
  let tmax: bigint | undefined;
  for (const row of series.values ?? []) {
    const t =
      timeIndex >= 0 && typeof row[timeIndex] === 'string'
        ? parseRFC3339(row[timeIndex])
        : undefined;
    const time = t?.ns ?? stop;
    const fields: Fields = {};
    series.columns.forEach((c, i) => {
      if (i === timeIndex) return;
      const v = fieldValue(row[i]);
      if (v !== undefined) fields[c] = v;
    });
    if (tmax === undefined || time > tmax) tmax = time;
    points.push({ time, fields, tags: { ...tags } });
  }
  return {
    name,
    db: '',
    rp: '',
    tmax: groupedByTime || tmax === undefined ? stop : tmax,
    group: groupId(name, tags, dims),
    tags: { ...tags },
    dimensions: dims,
    points,
  };
}

/** The query of the run at `now` and the end of its time range (Kapacitor's QueryNode). */
export function queryFor(
  p: QueryProps,
  now: bigint,
  stmt: SelectStatement = parseSelect(p.query),
): { query: string; stop: bigint } {
  const stop = now - p.offset;
  const start = stop - p.period;
  let time = p.groupByTime;
  if (time && p.alignGroup) {
    // Kapacitor's SetStartTime: the group-by offset puts time buckets on the range start.
    const r = start % time.length;
    time = { length: time.length, offset: r < 0n ? r + time.length : r };
  }
  const query = buildQuery(
    stmt,
    { start: new GoTime(start).toRFC3339Nano(), stop: new GoTime(stop).toRFC3339Nano() },
    { ...(time ? { time } : {}), tags: p.groupBy, star: p.groupByStar },
    p.fill,
  );
  return { query, stop };
}

class QueryNode implements NodeRuntime {
  private readonly stmt: SelectStatement;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private stopped = false;
  /** failed runs in a row */
  private failures = 0;

  constructor(
    private readonly props: QueryProps,
    private readonly service: InfluxDBService,
    private readonly ctx: NodeContext,
  ) {
    if (service.client(props.cluster) === undefined) {
      throw new Error(`unknown InfluxDB cluster "${props.cluster}"`);
    }
    this.stmt = parseSelect(props.query);
    ctx.stats.extra.batches_queried = 0;
    ctx.stats.extra.points_queried = 0;
    const every = props.every;
    const everyMs = Math.max(1, Number(every / NS_PER_MS));
    const tickAt = (aligned: boolean): void => {
      if (this.stopped) return;
      const now = ctx.task.now();
      this.run(aligned ? goRound(now, every) : now);
    };
    if (props.align) {
      const now = ctx.task.now();
      const next = goTruncate(now, every) + every;
      this.timer = setTimeout(
        () => {
          this.run(next);
          if (this.stopped) return;
          this.timer = setInterval(() => tickAt(true), everyMs);
          this.timer.unref();
        },
        Number((next - now) / NS_PER_MS),
      );
    } else {
      this.timer = setInterval(() => tickAt(false), everyMs);
    }
    this.timer.unref();
  }

  /** Nothing flows into a query node: it is a source. */
  receive(): void {}

  private run(now: bigint): void {
    if (this.running !== undefined) {
      reportError(this.ctx, 'previous query still running; this run is skipped');
      return;
    }
    const { query, stop } = queryFor(this.props, now, this.stmt);
    this.ctx.logger.debug({ query }, 'starting batch query');
    this.running = this.execute(query, stop).finally(() => {
      this.running = undefined;
    });
  }

  /**
   * A failed run: counted every time, logged only as the first of a burst (InfluxDB down
   * must not write a line per period); the next success logs the recovery.
   */
  private failed(message: string, err: unknown, query: string): void {
    this.failures++;
    if (this.failures > 1) {
      this.ctx.stats.errors++;
      return;
    }
    reportError(this.ctx, message, new Error(`${errorMessage(err)}: ${query}`));
  }

  private async execute(query: string, stop: bigint): Promise<void> {
    const client = this.service.client(this.props.cluster);
    if (client === undefined) {
      this.failed(
        'error executing query',
        new Error(`InfluxDB cluster "${this.props.cluster}" is no longer configured`),
        query,
      );
      return;
    }
    let results;
    try {
      results = await client.query(query, { signal: this.abort.signal });
    } catch (err) {
      if (!this.stopped) this.failed('error executing query', err, query);
      return;
    }
    if (this.stopped) return;
    if (this.failures > 0) {
      this.ctx.logger.info({ failures: this.failures }, 'batch query succeeds again');
      this.failures = 0;
    }
    const extra = this.ctx.stats.extra;
    for (const result of results) {
      for (const series of result.series ?? []) {
        const batch = seriesToBatch(
          series,
          this.props.groupByMeasurement,
          stop,
          this.props.groupByTime !== undefined,
        );
        extra.batches_queried = (extra.batches_queried ?? 0) + 1;
        extra.points_queried = (extra.points_queried ?? 0) + batch.points.length;
        this.ctx.emit(batchMessage(batch));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.timer);
    this.abort.abort(new Error('task stopped'));
    await this.running;
  }

  /** Resolves when no query is in flight (tests). */
  async drain(): Promise<void> {
    await this.running;
  }
}

export const queryNodeFactory: NodeFactory<'query'> = (node, ctx) => {
  const service = ctx.task.outputs?.influxdb;
  if (service === undefined) {
    throw new Error(
      'batch queries need an [[influxdb]] section: no InfluxDB cluster is configured',
    );
  }
  return new QueryNode(node.props, service, ctx);
};
