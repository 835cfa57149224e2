// The hipchat service: the live [hipchat] config, read by handlers per event, and the
// `hipchat` service test with Kapacitor's default options.
// Generated from generators/catalogue/hipchat.yaml by `npm run new-handler hipchat`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type HipchatConfig } from './config.js';
import { sendHipchat } from './handler.js';
import { hipchatOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  room: string('', 'Test option room'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
});

export class HipchatService implements Service<HipchatConfig> {
  readonly name = 'hipchat';
  readonly host: HostInfo;
  private current: HipchatConfig;

  constructor(config: HipchatConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): HipchatConfig {
    return this.current;
  }

  update(config: HipchatConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): HipchatConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        room: config.room,
        message: 'test hipchat message',
        level: 'CRITICAL',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('hipchat', hipchatOptions, {
        room: test.room,
      });
      await sendHipchat(this, options, event, serviceTestSignal());
    },
  };
}
