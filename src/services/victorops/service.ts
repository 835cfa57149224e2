// The victorops service: the live [victorops] config, read by handlers per event, and the
// `victorops` service test with Kapacitor's default options.
// Generated from generators/catalogue/victorops.yaml by `npm run new-handler victorops`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { levelOf, timeOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type VictoropsConfig } from './config.js';
import { sendVictorops } from './handler.js';
import { victoropsOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  routingKey: string('', 'Test option routingKey'),
  messageType: string('', 'Test option messageType'),
  message: string('', 'Test option message'),
  entityID: string('', 'Test option entityID'),
});

export class VictoropsService implements Service<VictoropsConfig> {
  readonly name = 'victorops';
  readonly host: HostInfo;
  private current: VictoropsConfig;

  constructor(config: VictoropsConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): VictoropsConfig {
    return this.current;
  }

  update(config: VictoropsConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): VictoropsConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        routingKey: config['routing-key'],
        messageType: 'CRITICAL',
        message: 'test victorops message',
        entityID: 'testEntityID',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          id: test.entityID,
          message: test.message,
          level: levelOf(test.messageType === 'RECOVERY' ? 'OK' : test.messageType),
          time: timeOf(''),
        },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('victorops', victoropsOptions, {
        'routing-key': test.routingKey,
      });
      await sendVictorops(this, options, event, serviceTestSignal());
    },
  };
}
