// The telegram service: the live [telegram] config, read by handlers per event, and the
// `telegram` service test with Kapacitor's default options.
// Generated from generators/catalogue/telegram.yaml by `npm run new-handler telegram`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { bool, string } from '../../config/fields.js';
import { type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type TelegramConfig } from './config.js';
import { sendTelegram } from './handler.js';
import { telegramOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  'chat-id': string('', 'Test option chat-id'),
  'parse-mode': string('', 'Test option parse-mode'),
  message: string('', 'Test option message'),
  'disable-web-page-preview': bool(false, 'Test option disable-web-page-preview'),
  'disable-notification': bool(false, 'Test option disable-notification'),
});

export class TelegramService implements Service<TelegramConfig> {
  readonly name = 'telegram';
  readonly host: HostInfo;
  private current: TelegramConfig;

  constructor(config: TelegramConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): TelegramConfig {
    return this.current;
  }

  update(config: TelegramConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): TelegramConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        'chat-id': config['chat-id'],
        'parse-mode': config['parse-mode'],
        message: 'test telegram message',
        'disable-web-page-preview': config['disable-web-page-preview'],
        'disable-notification': config['disable-notification'],
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('telegram', telegramOptions, {
        'chat-id': test['chat-id'],
        'parse-mode': test['parse-mode'],
        'disable-web-page-preview': test['disable-web-page-preview'],
        'disable-notification': test['disable-notification'],
      });
      await sendTelegram(this, options, event, serviceTestSignal());
    },
  };
}
