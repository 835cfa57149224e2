// The mqtt service: the live [[mqtt]] config, read by handlers per event, and the
// `mqtt` service test with Kapacitor's default options.
// Generated from generators/catalogue/mqtt.yaml by `npm run new-handler mqtt`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { bool, string } from '../../config/fields.js';
import { defaultElement } from '../../config/section.js';
import { type HostInfo } from '../../delivery/wire.js';
import { PeerSet, type PeerEntry } from '../../delivery/peers.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { mqttConfig, type MqttConfig } from './config.js';
import { sendMqtt, mqttSettings } from './handler.js';
import { mqttOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  'broker-name': string('', 'Test option broker-name'),
  topic: string('', 'Test option topic'),
  message: string('', 'Test option message'),
  qos: string('', 'Test option qos'),
  retained: bool(false, 'Test option retained'),
});

export class MqttService implements Service<MqttConfig[]> {
  readonly name = 'mqtt';
  readonly host: HostInfo;
  /** One mqtt connection per enabled element (one MQTT 3.1.1 client, reconnecting in the background). */
  readonly peers: PeerSet<'mqtt'>;
  private current: MqttConfig[];

  constructor(config: MqttConfig[], deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
    this.peers = new PeerSet('mqtt', { logger: deps.logger, metrics: deps.metrics });
  }

  /** The [[mqtt]] element whose `name` is `key`; '' is the default element. */
  element(key: string): MqttConfig | undefined {
    return key === ''
      ? defaultElement(mqttConfig, this.current)
      : this.current.find((c) => c.name === key);
  }

  /** Connect to the configured peers, in the background: a peer that is down blocks nothing. */
  open(): Promise<void> {
    return this.peers.update(this.peerEntries());
  }

  close(): Promise<void> {
    return this.peers.close();
  }

  /** Apply a config; settings a connection cannot use (an unreadable ssl-ca) are refused. */
  async update(config: MqttConfig[]): Promise<void> {
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
  private peerEntries(): Array<PeerEntry<'mqtt'>> {
    return this.current.flatMap((c, i) =>
      c.enabled ? [{ key: c.name, settings: mqttSettings(c), path: `mqtt[${i}]` }] : [],
    );
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): MqttConfig {
    return this.element('') ?? mqttConfig.schema.parse({});
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        'broker-name': config.enabled ? config.name : '',
        topic: '',
        message: 'test MQTT message',
        qos: 'at-most-once',
        retained: false,
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('mqtt', mqttOptions, {
        'broker-name': test['broker-name'],
        topic: test.topic,
        qos: test.qos,
        retained: test.retained,
      });
      await sendMqtt(this, options, event, serviceTestSignal());
    },
  };
}
