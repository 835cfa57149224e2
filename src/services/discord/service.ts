// The discord service: the live [[discord]] config, read by handlers per event, and the
// `discord` service test with Kapacitor's default options.
// Generated from generators/catalogue/discord.yaml by `npm run new-handler discord`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { defaultElement } from '../../config/section.js';
import { levelOf, timeOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { discordConfig, type DiscordConfig } from './config.js';
import { sendDiscord } from './handler.js';
import { discordOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  workspace: string('', 'Test option workspace'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
  username: string('', 'Test option username'),
  'avatar-url': string('', 'Test option avatar-url'),
  'embed-title': string('', 'Test option embed-title'),
  'time-val': string('', 'Test option time-val'),
});

export class DiscordService implements Service<DiscordConfig[]> {
  readonly name = 'discord';
  readonly host: HostInfo;
  private current: DiscordConfig[];

  constructor(config: DiscordConfig[], deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The [[discord]] element whose `workspace` is `key`; '' is the default element. */
  element(key: string): DiscordConfig | undefined {
    return key === ''
      ? defaultElement(discordConfig, this.current)
      : this.current.find((c) => c.workspace === key);
  }

  update(config: DiscordConfig[]): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): DiscordConfig {
    return this.element('') ?? discordConfig.schema.parse({});
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        workspace: config.workspace,
        message: 'test discord message',
        level: 'INFO',
        username: 'Kapacitor',
        'avatar-url':
          'https://influxdata.github.io/branding/img/downloads/influxdata-logo--symbol--pool-alpha.png',
        'embed-title': 'Kapacitor Alert',
        'time-val': '1970-01-01T00:00:01Z',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          message: test.message,
          level: levelOf(test.level),
          time: timeOf(test['time-val']),
        },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('discord', discordOptions, {
        workspace: test.workspace,
        username: test.username,
        'avatar-url': test['avatar-url'],
        'embed-title': test['embed-title'],
      });
      await sendDiscord(this, options, event, serviceTestSignal());
    },
  };
}
