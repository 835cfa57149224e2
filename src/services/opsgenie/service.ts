// The opsgenie service: the live [opsgenie] config, read by handlers per event, and the
// `opsgenie` service test with Kapacitor's default options.
// Generated from generators/catalogue/opsgenie.yaml by `npm run new-handler opsgenie`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string, stringList } from '../../config/fields.js';
import { levelOf, nullIfEmpty, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type OpsgenieConfig } from './config.js';
import { sendOpsgenie } from './handler.js';
import { opsgenieOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  teams: stringList([], 'Test option teams').nullable(),
  recipients: stringList([], 'Test option recipients').nullable(),
  'message-type': string('', 'Test option message-type'),
  message: string('', 'Test option message'),
  'entity-id': string('', 'Test option entity-id'),
});

export class OpsgenieService implements Service<OpsgenieConfig> {
  readonly name = 'opsgenie';
  readonly host: HostInfo;
  private current: OpsgenieConfig;

  constructor(config: OpsgenieConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): OpsgenieConfig {
    return this.current;
  }

  update(config: OpsgenieConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): OpsgenieConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        teams: nullIfEmpty(config.teams),
        recipients: nullIfEmpty(config.recipients),
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
      const options = decodeHandlerOptions('opsgenie', opsgenieOptions, {
        'teams-list': test.teams ?? [],
        'recipients-list': test.recipients ?? [],
      });
      await sendOpsgenie(this, options, event, serviceTestSignal());
    },
  };
}
