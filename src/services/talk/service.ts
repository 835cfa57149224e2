// The talk service: the live [talk] config, read by handlers per event, and the
// `talk` service test with Kapacitor's default options.
// Generated from generators/catalogue/talk.yaml by `npm run new-handler talk`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type TalkConfig } from './config.js';
import { sendTalk } from './handler.js';
import { talkOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  title: string('', 'Test option title'),
  text: string('', 'Test option text'),
});

export class TalkService implements Service<TalkConfig> {
  readonly name = 'talk';
  readonly host: HostInfo;
  private current: TalkConfig;

  constructor(config: TalkConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): TalkConfig {
    return this.current;
  }

  update(config: TalkConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): TalkConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        title: 'testTitle',
        text: 'test talk text',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { id: test.title, message: test.text },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('talk', talkOptions, {});
      await sendTalk(this, options, event, serviceTestSignal());
    },
  };
}
