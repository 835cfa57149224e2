// The slack service: the live [[slack]] config, read by handlers per event, and the
// `slack` service test with Kapacitor's default options.
// Generated from generators/catalogue/slack.yaml by `npm run new-handler slack`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { defaultElement } from '../../config/section.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { slackConfig, type SlackConfig } from './config.js';
import { sendSlack } from './handler.js';
import { slackOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  workspace: string('', 'Test option workspace'),
  channel: string('', 'Test option channel'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
  username: string('', 'Test option username'),
  'icon-emoji': string('', 'Test option icon-emoji'),
});

export class SlackService implements Service<SlackConfig[]> {
  readonly name = 'slack';
  readonly host: HostInfo;
  private current: SlackConfig[];

  constructor(config: SlackConfig[], deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The [[slack]] element whose `workspace` is `key`; '' is the default element. */
  element(key: string): SlackConfig | undefined {
    return key === ''
      ? defaultElement(slackConfig, this.current)
      : this.current.find((c) => c.workspace === key);
  }

  update(config: SlackConfig[]): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): SlackConfig {
    return this.element('') ?? slackConfig.schema.parse({});
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        workspace: config.workspace,
        channel: config.channel,
        message: 'test slack message',
        level: 'CRITICAL',
        username: '',
        'icon-emoji': '',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('slack', slackOptions, {
        workspace: test.workspace,
        channel: test.channel,
        username: test.username,
        'icon-emoji': test['icon-emoji'],
      });
      await sendSlack(this, options, event, serviceTestSignal());
    },
  };
}
