// `|influxDBOut()`: every point (each point of a batch) becomes a line of InfluxDB line
// protocol, buffered and written by the node's InfluxDBWriter (src/influxdb/writer.ts), off
// the ingest path. Points are forwarded unchanged. Counters: points_written, write_errors.

import type { Fields, Tags } from '../../alert/event.js';
import type { InfluxDBClient } from '../../influxdb/client.js';
import { quoteIdent } from '../../influxdb/client.js';
import { classifyError } from '../../delivery/errors.js';
import { encodeLine, isWritePrecision, type WritePrecision } from '../../influxdb/line-protocol.js';
import { InfluxDBWriter } from '../../influxdb/writer.js';
import type { InfluxDBOutProps } from '../../pipeline/model.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Message } from '../point.js';
import { errorMessage, reportError } from './errors.js';

class InfluxDBOutNode implements NodeRuntime {
  private readonly writer: InfluxDBWriter;
  private readonly precision: WritePrecision;
  private readonly drainMs: number;

  constructor(
    private readonly props: InfluxDBOutProps,
    private readonly ctx: NodeContext,
  ) {
    const outputs = ctx.task.outputs;
    const service = outputs?.influxdb;
    if (outputs === undefined || service === undefined) {
      throw new Error(
        'influxDBOut() needs an [[influxdb]] section: no InfluxDB cluster is configured',
      );
    }
    if (service.client(props.cluster) === undefined) {
      throw new Error(`unknown InfluxDB cluster "${props.cluster}"`);
    }
    this.precision = isWritePrecision(props.precision) ? props.precision : '';
    this.drainMs = outputs.drainTimeoutMs;
    const node = ctx.node.name;
    const task = ctx.task.taskId;
    this.writer = new InfluxDBWriter({
      client: () => service.client(props.cluster),
      bufferSize: props.buffer,
      flushInterval: props.flushInterval,
      capacity: outputs.queueCapacity,
      retryPolicy: outputs.retryPolicy,
      attemptTimeoutMs: outputs.attemptTimeoutMs,
      metrics: outputs.metrics.forHandler(`influxdb:${task}:${node}`, {
        task,
        node,
        cluster: props.cluster === '' ? (service.defaultCluster ?? '') : props.cluster,
      }),
      counters: ctx.stats.extra,
      logger: ctx.logger,
      ...(props.create ? { prepare: (client, signal) => this.createDatabase(client, signal) } : {}),
    });
  }

  /**
   * `.create()`: CREATE DATABASE before the first write, as Kapacitor does; a refusal (e.g. a
   * conflicting retention policy) is logged and writing goes on.
   */
  private async createDatabase(client: InfluxDBClient, signal: AbortSignal): Promise<void> {
    const p = this.props;
    const command = `CREATE DATABASE ${quoteIdent(p.database)}${p.retentionPolicy === '' ? '' : ` WITH NAME ${quoteIdent(p.retentionPolicy)}`}`;
    try {
      await client.query(command, { signal });
    } catch (err) {
      if (classifyError(err).retryable) throw err;
      this.ctx.logger.error(
        { err: errorMessage(err), database: p.database },
        'failed to create database',
      );
    }
  }

  receive(msg: Message): void {
    const p = this.props;
    if (msg.kind === 'point') {
      const pt = msg.point;
      this.add(
        p.database || pt.db,
        p.retentionPolicy || pt.rp,
        p.measurement || pt.name,
        pt.tags,
        pt.fields,
        pt.time,
      );
    } else {
      const b = msg.batch;
      for (const bp of b.points) {
        this.add(
          p.database || b.db,
          p.retentionPolicy || b.rp,
          p.measurement || b.name,
          bp.tags,
          bp.fields,
          bp.time,
        );
      }
    }
    this.ctx.emit(msg);
  }

  private add(
    database: string,
    retentionPolicy: string,
    measurement: string,
    pointTags: Tags,
    fields: Fields,
    time: bigint,
  ): void {
    const extra = this.props.tags;
    const tags = Object.keys(extra).length === 0 ? pointTags : { ...pointTags, ...extra };
    const line = encodeLine({ measurement, tags, fields, time }, this.precision);
    if (line === undefined) {
      reportError(
        this.ctx,
        'point has no field InfluxDB can store (NaN, infinite or none); not written',
      );
      return;
    }
    this.writer.add(
      {
        database,
        retentionPolicy,
        precision: this.precision,
        consistency: this.props.writeConsistency,
      },
      line,
    );
  }

  /** Send what is buffered and wait until it is written or failed (tests, graceful stop). */
  async drain(): Promise<void> {
    this.writer.flush();
    await this.writer.idle();
  }

  async stop(): Promise<void> {
    await this.writer.close(this.drainMs);
  }
}

export const influxDBOutNodeFactory: NodeFactory<'influxDBOut'> = (node, ctx) =>
  new InfluxDBOutNode(node.props, ctx);
