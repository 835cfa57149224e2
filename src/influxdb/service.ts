// The InfluxDB clusters of [[influxdb]]: one client per enabled cluster, replaced as a whole
// when the section changes (config API or file), and the `influxdb` service test (pings the
// cluster). Tasks look their cluster up per request, so a change applies to running tasks.

import { z } from 'zod';
import { CondenserError } from '../common/errors.js';
import { string } from '../config/fields.js';
import type { Service, ServiceTest } from '../server/service.js';
import { InfluxDBClient } from './client.js';
import { resolveClusters, type InfluxDBConfig } from './config.js';

const testOptions = z.strictObject({
  cluster: string('', 'Cluster to ping (default: the default cluster)'),
});

interface Clusters {
  clients: Map<string, InfluxDBClient>;
  defaultName: string | undefined;
}

function build(config: readonly InfluxDBConfig[]): Clusters {
  const resolved = resolveClusters(config);
  if ('problem' in resolved) throw new CondenserError('config_invalid', resolved.problem, 400);
  return {
    clients: new Map(resolved.clusters.map((c) => [c.name, new InfluxDBClient(c)])),
    defaultName: resolved.defaultName,
  };
}

export class InfluxDBService implements Service<InfluxDBConfig[]> {
  readonly name = 'influxdb';
  private current: Clusters;

  constructor(config: readonly InfluxDBConfig[]) {
    this.current = build(config);
  }

  update(config: InfluxDBConfig[]): void {
    const next = build(config);
    const old = this.current;
    this.current = next;
    for (const c of old.clients.values()) c.close();
  }

  /** Names of the enabled clusters, sorted. */
  clusterNames(): string[] {
    return [...this.current.clients.keys()].sort();
  }

  get defaultCluster(): string | undefined {
    return this.current.defaultName;
  }

  /** The client of `name` ('' = the default cluster). */
  client(name: string): InfluxDBClient | undefined {
    const key = name === '' ? this.current.defaultName : name;
    return key === undefined ? undefined : this.current.clients.get(key);
  }

  async close(): Promise<void> {
    for (const c of this.current.clients.values()) c.close();
  }

  readonly test: ServiceTest<typeof testOptions> = {
    options: testOptions,
    defaults: () => ({}),
    run: async (options) => {
      const client = this.client(options.cluster);
      if (client === undefined) {
        throw new Error(
          options.cluster === ''
            ? 'no [[influxdb]] cluster is configured'
            : `unknown InfluxDB cluster "${options.cluster}" (configured: ${this.clusterNames().join(', ') || 'none'})`,
        );
      }
      await client.ping(AbortSignal.timeout(10_000));
    },
  };
}

/** What the evaluator needs to know at define time. */
export interface InfluxDBClusters {
  names: readonly string[];
  defaultName: string | undefined;
}
