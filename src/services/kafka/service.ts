// The kafka service: the live [[kafka]] config, read by handlers per event, and the
// `kafka` service test with Kapacitor's default options.
// Generated from generators/catalogue/kafka.yaml by `npm run new-handler kafka`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { defaultElement } from '../../config/section.js';
import { type HostInfo } from '../../delivery/wire.js';
import { PeerSet, type PeerEntry } from '../../delivery/peers.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { kafkaConfig, type KafkaConfig } from './config.js';
import { sendKafka, kafkaSettings } from './handler.js';
import { kafkaOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  cluster: string('', 'Test option cluster'),
  topic: string('', 'Test option topic'),
  key: string('', 'Test option key'),
  message: string('', 'Test option message'),
});

export class KafkaService implements Service<KafkaConfig[]> {
  readonly name = 'kafka';
  readonly host: HostInfo;
  /** One kafka connection per enabled element (one Kafka producer, batching records). */
  readonly peers: PeerSet<'kafka'>;
  private current: KafkaConfig[];

  constructor(config: KafkaConfig[], deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
    this.peers = new PeerSet('kafka', { logger: deps.logger, metrics: deps.metrics });
  }

  /** The [[kafka]] element whose `id` is `key`; '' is the default element. */
  element(key: string): KafkaConfig | undefined {
    return key === ''
      ? defaultElement(kafkaConfig, this.current)
      : this.current.find((c) => c.id === key);
  }

  /** Connect to the configured peers, in the background: a peer that is down blocks nothing. */
  open(): Promise<void> {
    return this.peers.update(this.peerEntries());
  }

  close(): Promise<void> {
    return this.peers.close();
  }

  /** Apply a config; settings a connection cannot use (an unreadable ssl-ca) are refused. */
  async update(config: KafkaConfig[]): Promise<void> {
    const previous = this.current;
    this.current = config;
    try {
      await this.peers.update(this.peerEntries());
    } catch (err) {
      this.current = previous;
      throw err;
    }
  }

  /** The connection settings of the enabled elements. */
  private peerEntries(): Array<PeerEntry<'kafka'>> {
    return this.current.flatMap((c, i) =>
      c.enabled ? [{ key: c.id, settings: kafkaSettings(c), path: `kafka[${i}]` }] : [],
    );
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): KafkaConfig {
    return this.element('') ?? kafkaConfig.schema.parse({});
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        cluster: 'example',
        topic: 'test',
        key: 'key',
        message: 'test kafka message',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { id: test.key, message: test.message },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('kafka', kafkaOptions, {
        cluster: test.cluster,
        topic: test.topic,
        template: '{{.Message}}',
      });
      await sendKafka(this, options, event, serviceTestSignal());
    },
  };
}
