// [[influxdb]] as Kapacitor configures it: loading from TOML and the environment, located
// errors, the default cluster, redaction, and live changes through the config API.

import { afterEach, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/section.js';
import { InfluxDBService } from '../../src/influxdb/service.js';
import { startHost, type Host } from '../helpers/host.js';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

function configError(raw: Record<string, unknown>): string {
  try {
    buildConfig(raw, 'kapacitor.conf');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
}

describe('[[influxdb]]', () => {
  it('has no cluster by default and takes Kapacitor keys, subscription settings included', () => {
    expect(buildConfig({}, 'defaults').config.influxdb).toEqual([]);
    const { config, ignored } = buildConfig(
      {
        influxdb: [
          {
            enabled: true,
            name: 'localhost',
            default: true,
            urls: ['http://localhost:8086'],
            username: 'kapacitor',
            password: 's3cret',
            timeout: '5s',
            'disable-subscriptions': false,
            'subscription-protocol': 'http',
            subscriptions: {},
            'excluded-subscriptions': { _kapacitor: ['autogen'] },
            'udp-buffer': 1000,
            'startup-timeout': '5m',
          },
        ],
      },
      'kapacitor.conf',
    );
    expect(ignored).toEqual([]);
    expect(config.influxdb[0]).toMatchObject({
      name: 'localhost',
      timeout: 5e9,
      password: 's3cret',
    });
  });

  it.each([
    [{ name: 'x' }, 'kapacitor.conf: influxdb[0].urls: must specify at least one InfluxDB URL'],
    [
      { name: 'x y', urls: ['http://a'] },
      "kapacitor.conf: influxdb[0].name: must contain only numbers, letters or '.', '-', and '_' characters",
    ],
    [
      { name: 'x', urls: ['ftp://a'] },
      'kapacitor.conf: influxdb[0].urls[0]: must be an http or https URL, got "ftp://a"',
    ],
    [
      { name: 'x', urls: ['http://a'], timeout: 'soon' },
      'kapacitor.conf: influxdb[0].timeout: invalid duration "soon" (use Go form, e.g. "30s", "1h30m")',
    ],
    [
      { name: 'x', urls: ['http://a'], 'subscription-protocol': 'tcp' },
      `kapacitor.conf: influxdb[0].subscription-protocol: must be one of 'udp', 'http' or 'https', got "tcp"`,
    ],
    [{ name: 'x', urls: ['http://a'], bogus: 1 }, 'kapacitor.conf: influxdb[0].bogus: unknown key'],
  ])('refuses %j', (element, message) => {
    expect(configError({ influxdb: [element] })).toBe(message);
  });

  it('needs one default among several enabled clusters', () => {
    const a = { enabled: true, name: 'a', default: false, urls: ['http://a'] };
    const b = { ...a, name: 'b' };
    const parse = (raw: unknown[]) => buildConfig({ influxdb: raw }, 'test').config.influxdb;
    expect(() => new InfluxDBService(parse([a, b]))).toThrow(
      'influxdb: several clusters are enabled; mark one with default = true',
    );
    expect(new InfluxDBService(parse([a, { ...b, default: true }])).defaultCluster).toBe('b');
    expect(new InfluxDBService(parse([a, { ...b, enabled: false }])).clusterNames()).toEqual(['a']);
  });

  it('is shown redacted by the config API and changed live', async () => {
    const host = await startHost({
      influxdb: [{ name: 'local', urls: ['http://127.0.0.1:1'], password: 'pw' }],
    });
    hosts.push(host);
    const shown = await host.api('GET', '/kapacitor/v1/config/influxdb');
    expect(shown.status).toBe(200);
    const element = (
      shown.json as { elements: Array<{ options: Record<string, unknown>; redacted: string[] }> }
    ).elements[0]!;
    expect(element.options).toMatchObject({ name: 'local', password: true });
    expect(element.redacted).toEqual(['password']);
    expect(shown.text).not.toContain('pw');

    const add = await host.api('POST', '/kapacitor/v1/config/influxdb', {
      add: { name: 'other', urls: ['http://127.0.0.1:2'], default: true },
    });
    expect(add.status, add.text).toBe(204);
    const service = host.server.services.get('influxdb') as InfluxDBService;
    expect(service.clusterNames()).toEqual(['local', 'other']);
    expect(service.defaultCluster).toBe('other');
  });
});
