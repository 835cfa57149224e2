// The teams service: the live [teams] config, read by handlers per event, and the
// `teams` service test with Kapacitor's default options.
// Generated from generators/catalogue/teams.yaml by `npm run new-handler teams`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type TeamsConfig } from './config.js';
import { sendTeams } from './handler.js';
import { teamsOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  channel_url: string('', 'Test option channel_url'),
  alert_topic: string('', 'Test option alert_topic'),
  alert_id: string('', 'Test option alert_id'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
});

export class TeamsService implements Service<TeamsConfig> {
  readonly name = 'teams';
  readonly host: HostInfo;
  private current: TeamsConfig;

  constructor(config: TeamsConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): TeamsConfig {
    return this.current;
  }

  update(config: TeamsConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): TeamsConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        channel_url: config['channel-url'],
        alert_topic: 'test kapacitor alert topic',
        alert_id: 'foo/bar/bat',
        message: 'test teams message',
        level: 'CRITICAL',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        topic: test.alert_topic,
        state: { id: test.alert_id, message: test.message, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('teams', teamsOptions, {});
      await sendTeams(this, options, event, serviceTestSignal());
    },
  };
}
