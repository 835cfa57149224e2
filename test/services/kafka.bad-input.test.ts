// Bad input to the kafka kind is refused where it is given, naming what is wrong and where
// (test/helpers/bad-input.ts): empty broker lists, bad brokers and SASL mechanisms, unknown
// clusters and partition hashes, and an unreadable ssl-ca.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badInputHost, configError, expectUnreadableSslCaRefused } from '../helpers/bad-input.js';
import { tempDir } from '../helpers/host.js';

const b = badInputHost();
const { api, create, defineTask } = b;

describe('kafka', () => {
  it('refuses an empty broker list and bad brokers in the config, naming the key', async () => {
    expect(configError({ kafka: [{ enabled: true, id: 'main' }] })).toContain(
      'kafka[0].brokers: must be set when enabled = true',
    );
    expect(configError({ kafka: [{ enabled: true, id: 'main', brokers: [] }] })).toContain(
      'kafka[0].brokers: must be set when enabled = true',
    );
    expect(configError({ kafka: [{ enabled: true, id: 'main', brokers: ['kafka1'] }] })).toContain(
      'kafka[0].brokers',
    );
    expect(
      configError({
        kafka: [{ enabled: true, id: 'm', brokers: ['k:9092'], 'sasl-mechanism': 'GSSAPI' }],
      }),
    ).toContain(
      'kafka[0].sasl-mechanism: must be one of "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"',
    );
    const res = await api('POST', '/kapacitor/v1/config/kafka/default', {
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

  it('refuses an unreadable ssl-ca: a config error at start naming the key, and a 400 from the config API', async () => {
    const missing = join(tempDir(), 'no-such-ca.pem');
    await expectUnreadableSslCaRefused(b, 'kafka', {
      enabled: true,
      id: 'k',
      brokers: ['127.0.0.1:9092'],
      'use-ssl': true,
      'ssl-ca': missing,
    });
  });
});
