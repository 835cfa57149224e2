// The opsgenie2 service: the live [opsgenie2] config, read by handlers per event, and the
// `opsgenie2` service test with Kapacitor's default options.
// Generated from generators/catalogue/opsgenie2.yaml by `npm run new-handler opsgenie2`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string, stringList } from '../../config/fields.js';
import { levelOf, nullIfEmpty, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type Opsgenie2Config } from './config.js';
import { sendOpsgenie2 } from './handler.js';
import { opsgenie2Options } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  teams: stringList([], 'Test option teams').nullable(),
  recipients: stringList([], 'Test option recipients').nullable(),
  recovery_action: string('', 'Test option recovery_action'),
  'message-type': string('', 'Test option message-type'),
  message: string('', 'Test option message'),
  'entity-id': string('', 'Test option entity-id'),
});

export class Opsgenie2Service implements Service<Opsgenie2Config> {
  readonly name = 'opsgenie2';
  readonly host: HostInfo;
  private current: Opsgenie2Config;

  constructor(config: Opsgenie2Config, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): Opsgenie2Config {
    return this.current;
  }

  update(config: Opsgenie2Config): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): Opsgenie2Config {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        teams: nullIfEmpty(config.teams),
        recipients: nullIfEmpty(config.recipients),
        recovery_action: config.recovery_action,
        'message-type': 'CRITICAL',
        message: 'test opsgenie message',
        'entity-id': 'testEntityID',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          id: test['entity-id'],
          message: test.message,
          level: levelOf(test['message-type'] === 'RECOVERY' ? 'OK' : test['message-type']),
        },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('opsgenie2', opsgenie2Options, {
        'teams-list': test.teams ?? [],
        'recipients-list': test.recipients ?? [],
        recovery_action: test.recovery_action,
      });
      await sendOpsgenie2(this, options, event, serviceTestSignal());
    },
  };
}
