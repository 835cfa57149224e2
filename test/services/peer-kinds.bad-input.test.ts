// Bad input to the smtp, mqtt, snmptrap and kafka kinds is refused where it is given, naming
// what is wrong and where: a 400 at handler creation (the HTTP API, a handler file through
// `condenser define-topic-handler`, a TICKscript task's handler), or a config error at start
// (and a 400 from the config API) naming the key path. Bad OIDs, SNMP types Kapacitor does not
// send, MQTT topics with wildcards, QoS outside 0-2, malformed mail addresses, empty broker
// lists, and connection settings the transport cannot use (an unreadable ssl-ca file). Only
// installed kinds are checked (a kind removed with remove-handler has no cases here).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerKinds } from '../../src/alert/service.js';
import { runCli } from '../../src/cli/index.js';
import { buildConfig } from '../../src/config/load.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';

const installed = new Set(Object.values(handlerKinds).map((k) => k.kind));

let host: Host;
beforeAll(async () => {
  host = await startHost();
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

/** Create a topic handler; returns the status and the error text. */
async function create(kind: string, options: unknown): Promise<{ status: number; error: string }> {
  const res = await host.api('POST', '/kapacitor/v1/alerts/topics/bad/handlers', {
    id: 'bad',
    kind,
    options,
  });
  return { status: res.status, error: (res.json as { error?: string } | undefined)?.error ?? '' };
}

/** Define a task whose alert node ends with `handler` (TICKscript); returns status and error. */
async function defineTask(handler: string): Promise<{ status: number; error: string }> {
  const res = await host.api('POST', '/kapacitor/v1/tasks', {
    id: 'bad_task',
    type: 'stream',
    dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    script: `stream|from().measurement('cpu')|alert().crit(lambda: "value" > 90)${handler}`,
    status: 'enabled',
  });
  if (res.status === 200) await host.api('DELETE', '/kapacitor/v1/tasks/bad_task');
  return { status: res.status, error: (res.json as { error?: string } | undefined)?.error ?? '' };
}

/** `condenser define-topic-handler` with a YAML handler file; returns exit code and stderr. */
async function defineFromFile(
  kind: string,
  optionsYaml: string,
): Promise<{ code: number; err: string }> {
  const file = join(tempDir(), 'handler.yaml');
  writeFileSync(file, `topic: bad\nid: from-file\nkind: ${kind}\noptions:\n${optionsYaml}`);
  const err: string[] = [];
  const code = await runCli(['-url', host.url, 'define-topic-handler', file], {
    out: () => {},
    err: (s) => void err.push(s),
  });
  return { code, err: err.join('\n') };
}

/** The config error buildConfig throws for `raw`, as text. */
function configError(raw: Record<string, unknown>): string {
  try {
    buildConfig(raw, 'kapacitor.conf');
  } catch (err) {
    return (err as Error).message;
  }
  return '(no error)';
}

if (installed.has('snmptrap')) {
  describe('snmptrap', () => {
    it('refuses a bad trap OID at handler creation, from a file and in TICKscript', async () => {
      const api = await create('snmptrap', { 'trap-oid': 'not.an.oid' });
      expect(api.status).toBe(400);
      expect(api.error).toContain('option "trap-oid": must be a dotted numeric OID');
      expect((await create('snmptrap', {})).error).toContain(
        'option "trap-oid": must not be empty',
      );
      expect((await create('snmptrap', { 'trap-oid': '1.3.6.1.4294967296' })).error).toContain(
        'has an arc above 4294967295',
      );
      const file = await defineFromFile('snmptrap', "  trap-oid: '3.1'\n");
      expect(file.code).not.toBe(0);
      expect(file.err).toContain('option "trap-oid": must start with 0, 1 or 2');
      const tick = await defineTask(".snmpTrap('1.3.6.1.x')");
      expect(tick.status).toBe(400);
      expect(tick.error).toContain('trap-oid');
      expect(tick.error).toContain('must be a dotted numeric OID');
    });

    it('refuses a bad data OID, an SNMP type Kapacitor does not send, and a number that is not one', async () => {
      const oid = await create('snmptrap', {
        'trap-oid': '1.3.6.1.4.1.1',
        'data-list': [{ oid: '1.3.6.1.4.1.1.x', type: 's', value: 'v' }],
      });
      expect(oid.status).toBe(400);
      expect(oid.error).toContain('option "data-list.0.oid": must be a dotted numeric OID');
      const ip = await create('snmptrap', {
        'trap-oid': '1.3.6.1.4.1.1',
        'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'a', value: '10.0.0.1' }],
      });
      expect(ip.status).toBe(400);
      expect(ip.error).toContain('"a" (IP address) is not supported');
      const unknown = await create('snmptrap', {
        'trap-oid': '1.3.6.1.4.1.1',
        'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'q', value: 'x' }],
      });
      expect(unknown.error).toContain('must be one of c (Counter64), i (Integer), n (Null)');
      const number = await create('snmptrap', {
        'trap-oid': '1.3.6.1.4.1.1',
        'data-list': [{ oid: '1.3.6.1.4.1.1.1', type: 'i', value: 'ten' }],
      });
      expect(number.error).toContain('option "data-list.0.value": strconv.ParseInt: parsing "ten"');
      const tick = await defineTask(".snmpTrap('1.3.6.1.4.1.1').data('1.3.6.1.4.1.1.1', 'x', '1')");
      expect(tick.status).toBe(400);
      expect(tick.error).toContain('"x" (Hexadecimal string) is not supported');
    });

    it('refuses a bad addr in the config, at start and through the config API', async () => {
      expect(configError({ snmptrap: { enabled: true, addr: 'receiver' } })).toContain(
        'snmptrap.addr: must be host:port',
      );
      const res = await host.api('POST', '/kapacitor/v1/config/snmptrap/', { set: { addr: 'x:99999' } }); // prettier-ignore
      expect(res.status).toBe(400);
      expect(res.text).toContain('addr');
    });
  });
}

if (installed.has('mqtt')) {
  describe('mqtt', () => {
    it('refuses topics with wildcards, an empty topic and QoS outside 0-2 at handler creation', async () => {
      for (const topic of ['alerts/+/cpu', 'alerts/#']) {
        const res = await create('mqtt', { topic });
        expect(res.status, topic).toBe(400);
        expect(res.error).toContain('option "topic": must not contain the wildcards "+" or "#"');
      }
      expect((await create('mqtt', {})).error).toContain('option "topic": must not be empty');
      expect((await create('mqtt', { topic: 'a/{{ .Name' })).error).toContain('option "topic"');
      for (const qos of [3, -1, 'exactly-twice']) {
        const res = await create('mqtt', { topic: 'alerts', qos });
        expect(res.status, String(qos)).toBe(400);
        expect(res.error).toContain('option "qos": must be 0, 1, 2, "at-most-once"');
      }
      expect((await create('mqtt', { topic: 'alerts', qos: 'exactly-once' })).error).toContain(
        'is spelled "exactly-one" here',
      );
    });

    it('refuses them from a handler file and in TICKscript too', async () => {
      const file = await defineFromFile('mqtt', "  topic: 'a/#'\n");
      expect(file.code).not.toBe(0);
      expect(file.err).toContain('option "topic": must not contain the wildcards');
      const wildcard = await defineTask(".mqtt('alerts/+')");
      expect(wildcard.status).toBe(400);
      expect(wildcard.error).toContain('must not contain the wildcards');
      const qos = await defineTask(".mqtt('alerts').qos(5)");
      expect(qos.status).toBe(400);
      expect(qos.error).toContain('must be 0, 1, 2');
    });

    it('refuses a bad broker URL and a second default in the config', () => {
      expect(
        configError({ mqtt: [{ enabled: true, name: 'a', url: 'http://broker:1883' }] }),
      ).toContain('mqtt[0].url: must be a tcp://, ssl://, ws://, wss://, mqtt:// or mqtts:// URL');
      expect(configError({ mqtt: [{ enabled: true, name: 'a' }] })).toContain(
        'mqtt[0].url: must be set when enabled = true',
      );
    });
  });
}

if (installed.has('smtp')) {
  describe('smtp', () => {
    it('refuses malformed mail addresses at handler creation, from a file and in TICKscript', async () => {
      const api = await create('smtp', { to: ['oncall@example.com', 'not an address'] });
      expect(api.status).toBe(400);
      expect(api.error).toContain('option "to.1": must be an address like user@example.com');
      expect((await create('smtp', { to: ['a@b.com\r\nBcc: x@y.com'] })).error).toContain(
        'must not contain line breaks',
      );
      const file = await defineFromFile('smtp', "  to: ['@example.com']\n");
      expect(file.code).not.toBe(0);
      expect(file.err).toContain('option "to.0"');
      const tick = await defineTask(".email('oncall@', 'ok@example.com')");
      expect(tick.status).toBe(400);
      expect(tick.error).toContain('must be an address like user@example.com');
      const toField = await create('smtp', { 'to-field': ['{{ .Tags.x '] });
      expect(toField.status).toBe(400);
      expect(toField.error).toContain('option "to-field"');
    });

    it('refuses a malformed from, host or port in the config, naming the key', async () => {
      expect(configError({ smtp: { enabled: true, from: 'kapacitor' } })).toContain(
        'smtp.from: must be an address like user@example.com',
      );
      expect(configError({ smtp: { enabled: true } })).toContain(
        'smtp.from: must be set when enabled = true',
      );
      expect(configError({ smtp: { host: 'smtp://mail.example.com' } })).toContain(
        'smtp.host: must be a host name without a scheme',
      );
      expect(configError({ smtp: { port: 70000 } })).toContain(
        'smtp.port: must be between 1 and 65535',
      );
      const res = await host.api('POST', '/kapacitor/v1/config/smtp/', { set: { to: ['nobody'] } });
      expect(res.status).toBe(400);
      expect(res.text).toContain('to');
    });
  });
}

if (installed.has('kafka')) {
  describe('kafka', () => {
    it('refuses an empty broker list and bad brokers in the config, naming the key', async () => {
      expect(configError({ kafka: [{ enabled: true, id: 'main' }] })).toContain(
        'kafka[0].brokers: must be set when enabled = true',
      );
      expect(configError({ kafka: [{ enabled: true, id: 'main', brokers: [] }] })).toContain(
        'kafka[0].brokers: must be set when enabled = true',
      );
      expect(
        configError({ kafka: [{ enabled: true, id: 'main', brokers: ['kafka1'] }] }),
      ).toContain('kafka[0].brokers');
      expect(
        configError({
          kafka: [{ enabled: true, id: 'm', brokers: ['k:9092'], 'sasl-mechanism': 'GSSAPI' }],
        }),
      ).toContain(
        'kafka[0].sasl-mechanism: must be one of "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"',
      );
      const res = await host.api('POST', '/kapacitor/v1/config/kafka/default', {
        set: { enabled: true, brokers: [] },
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('brokers: must be set when enabled = true');
    });

    it('refuses an empty topic, an unknown cluster and an unknown partition hash at handler creation', async () => {
      expect((await create('kafka', {})).error).toContain('option "topic": must not be empty');
      const cluster = await create('kafka', { topic: 't', cluster: 'nowhere' });
      expect(cluster.status).toBe(400);
      expect(cluster.error).toContain('option "cluster": no [[kafka]] element "nowhere"');
      expect((await create('kafka', { topic: 't', partitionAlgorithm: 'md5' })).error).toContain(
        'option "partitionAlgorithm": must be crc32, murmur2, murmur3 or fnv-1a',
      );
      const tick = await defineTask(".kafka().kafkaTopic('t').partitionHashAlgorithm('sha1')");
      expect(tick.status).toBe(400);
      expect(tick.error).toContain('must be crc32, murmur2, murmur3 or fnv-1a');
    });
  });
}

if (installed.has('mqtt') || installed.has('kafka')) {
  describe('connection settings the transport cannot use', () => {
    it('an unreadable ssl-ca is a config error at start naming the key, and a 400 from the config API', async () => {
      const missing = join(tempDir(), 'no-such-ca.pem');
      const sections: Array<[string, Record<string, unknown>]> = [];
      if (installed.has('mqtt'))
        sections.push(['mqtt', { enabled: true, name: 'm', url: 'ssl://127.0.0.1:8883', 'ssl-ca': missing }]); // prettier-ignore
      if (installed.has('kafka'))
        sections.push(['kafka', { enabled: true, id: 'k', brokers: ['127.0.0.1:9092'], 'use-ssl': true, 'ssl-ca': missing }]); // prettier-ignore
      for (const [section, element] of sections) {
        await expect(startHost({ [section]: [element] }), section).rejects.toThrow(
          `${section}[0].ssl-ca: cannot read ${JSON.stringify(missing)}`,
        );
        const key = section === 'mqtt' ? 'default' : 'default';
        const res = await host.api('POST', `/kapacitor/v1/config/${section}/${key}`, {
          set: { ...element, name: undefined, id: undefined },
        });
        expect(res.status, section).toBe(400);
        expect(res.text).toContain('ssl-ca: cannot read');
        // Nothing was stored: the element is as it was.
        const shown = await host.api('GET', `/kapacitor/v1/config/${section}/${key}`);
        expect(JSON.stringify(shown.json)).not.toContain('no-such-ca.pem');
      }
    });
  });
}
