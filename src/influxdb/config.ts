// [[influxdb]]: the InfluxDB 1.x servers (clusters) that `influxDBOut()` writes to and batch
// `query()` nodes read from, keyed by `name`, as in Kapacitor's configuration. A core host
// section (not a handler kind). Without any element, influxDBOut() and batch tasks are refused
// when a task is defined. Kapacitor's subscription keys are accepted (a kapacitor.conf loads
// unchanged) but this host does not create subscriptions: point writers at /write instead.

import { z } from 'zod';
import { bool, duration, int, secret, string, stringList } from '../config/fields.js';
import { defineListSection } from '../config/section.js';

const stringListMap = z.record(z.string(), z.array(z.string())).default({});

export const influxdbSection = defineListSection({
  name: 'influxdb',
  description:
    'InfluxDB 1.x servers for influxDBOut() and batch query() nodes, keyed by name (none by default).',
  key: 'name',
  defaults: [],
  schema: z.strictObject({
    enabled: bool(true, 'Use this cluster; a disabled one is as if it were not configured'),
    name: string('', 'Name used by `.cluster(name)` in influxDBOut() and query()'),
    default: bool(
      false,
      'The cluster used when a node names none (needed when several are enabled)',
    ),
    urls: stringList([], 'Base URLs of the server, tried in order (e.g. "http://127.0.0.1:8086")'),
    username: string('', 'User for basic auth'),
    password: secret('', 'Password for basic auth'),
    'ssl-ca': string('', 'PEM file of the certificate authority to trust'),
    'ssl-cert': string('', 'PEM file of the client certificate'),
    'ssl-key': string('', 'PEM file of the client key'),
    'insecure-skip-verify': bool(false, 'Skip TLS certificate verification'),
    timeout: duration('0s', 'Time limit for one request (0 = none)'),
    // Kapacitor's subscription settings: accepted, not used (no subscriptions are created).
    'disable-subscriptions': bool(false, 'Accepted for compatibility; no subscriptions are made'),
    'subscription-protocol': string('http', 'Accepted for compatibility (http, https or udp)'),
    'subscription-mode': string('cluster', 'Accepted for compatibility'),
    'subscriptions-sync-interval': duration('1m0s', 'Accepted for compatibility'),
    subscriptions: stringListMap,
    'excluded-subscriptions': stringListMap,
    'kapacitor-hostname': string('', 'Accepted for compatibility'),
    'http-port': int(0, 'Accepted for compatibility'),
    'udp-bind': string('', 'Accepted for compatibility'),
    'udp-buffer': int(1000, 'Accepted for compatibility'),
    'udp-read-buffer': int(0, 'Accepted for compatibility'),
    'startup-timeout': duration('5m0s', 'Accepted for compatibility'),
  }),
  validate: (c) => {
    if (!/^[-._\p{L}0-9]+$/u.test(c.name)) {
      return {
        key: 'name',
        message: "must contain only numbers, letters or '.', '-', and '_' characters",
      };
    }
    if (c.enabled && c.urls.length === 0) {
      return { key: 'urls', message: 'must specify at least one InfluxDB URL' };
    }
    for (const [i, u] of c.urls.entries()) {
      let parsed: URL;
      try {
        parsed = new URL(u);
      } catch {
        return { key: `urls[${i}]`, message: `invalid URL "${u}"` };
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return { key: `urls[${i}]`, message: `must be an http or https URL, got "${u}"` };
      }
    }
    if (!['http', 'https', 'udp'].includes(c['subscription-protocol'])) {
      return {
        key: 'subscription-protocol',
        message: `must be one of 'udp', 'http' or 'https', got "${c['subscription-protocol']}"`,
      };
    }
    if (c.timeout < 0) return { key: 'timeout', message: 'must not be negative' };
    if ((c['ssl-cert'] === '') !== (c['ssl-key'] === '')) {
      return {
        key: c['ssl-cert'] === '' ? 'ssl-cert' : 'ssl-key',
        message: 'ssl-cert and ssl-key go together',
      };
    }
    return undefined;
  },
});

export type InfluxDBConfig = z.output<typeof influxdbSection.schema>;

/**
 * The enabled clusters and which is the default: the one marked `default`, else the only one.
 * Several enabled clusters need exactly one default (Kapacitor refuses to start otherwise).
 */
export function resolveClusters(
  config: readonly InfluxDBConfig[],
): { clusters: InfluxDBConfig[]; defaultName: string | undefined } | { problem: string } {
  const clusters = config.filter((c) => c.enabled);
  const defaults = clusters.filter((c) => c.default);
  if (defaults.length > 1) {
    return {
      problem: `influxdb: only one cluster may be default, got ${defaults.map((c) => c.name).join(', ')}`,
    };
  }
  if (clusters.length > 1 && defaults.length === 0) {
    return { problem: 'influxdb: several clusters are enabled; mark one with default = true' };
  }
  return { clusters, defaultName: (defaults[0] ?? clusters[0])?.name };
}
