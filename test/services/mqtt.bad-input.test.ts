// Bad input to the mqtt kind is refused where it is given, naming what is wrong and where
// (test/helpers/bad-input.ts): MQTT topics with wildcards, QoS outside 0-2, bad broker URLs and
// an unreadable ssl-ca.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badInputHost, configError, expectUnreadableSslCaRefused } from '../helpers/bad-input.js';
import { tempDir } from '../helpers/host.js';

const b = badInputHost();
const { create, defineTask, defineFromFile } = b;

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

  it('refuses an unreadable ssl-ca: a config error at start naming the key, and a 400 from the config API', async () => {
    const missing = join(tempDir(), 'no-such-ca.pem');
    await expectUnreadableSslCaRefused(b, 'mqtt', {
      enabled: true,
      name: 'm',
      url: 'ssl://127.0.0.1:8883',
      'ssl-ca': missing,
    });
  });
});
