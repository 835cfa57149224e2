// The pushover service: the live [pushover] config, read by handlers per event, and the
// `pushover` service test with Kapacitor's default options.
// Generated from generators/catalogue/pushover.yaml by `npm run new-handler pushover`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { secret, string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type PushoverConfig } from './config.js';
import { sendPushover } from './handler.js';
import { pushoverOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  'user-key': secret('', 'Test option user-key'),
  message: string('', 'Test option message'),
  device: string('', 'Test option device'),
  title: string('', 'Test option title'),
  url: string('', 'Test option url'),
  'url-title': string('', 'Test option url-title'),
  sound: string('', 'Test option sound'),
  level: string('', 'Test option level'),
});

export class PushoverService implements Service<PushoverConfig> {
  readonly name = 'pushover';
  readonly host: HostInfo;
  private current: PushoverConfig;

  constructor(config: PushoverConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): PushoverConfig {
    return this.current;
  }

  update(config: PushoverConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): PushoverConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        'user-key': config['user-key'],
        message: 'test pushover message',
        device: '',
        title: '',
        url: '',
        'url-title': '',
        sound: '',
        level: 'CRITICAL',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('pushover', pushoverOptions, {
        'user-key': test['user-key'],
        device: test.device,
        title: test.title,
        url: test.url,
        'url-title': test['url-title'],
        sound: test.sound,
      });
      await sendPushover(this, options, event, serviceTestSignal());
    },
  };
}
