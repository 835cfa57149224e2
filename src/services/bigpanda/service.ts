// The bigpanda service: the live [bigpanda] config, read by handlers per event, and the
// `bigpanda` service test with Kapacitor's default options.
// Generated from generators/catalogue/bigpanda.yaml by `npm run new-handler bigpanda`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { jsonMap, string } from '../../config/fields.js';
import {
  levelOf,
  timeOf,
  rfc3339,
  now,
  testEventData,
  type HostInfo,
} from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type BigpandaConfig } from './config.js';
import { sendBigpanda } from './handler.js';
import { bigpandaOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  app_key: string('', 'Test option app_key'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
  event_data: jsonMap({}, 'Test option event_data'),
  timestamp: string('', 'Test option timestamp'),
  host: string('', 'Test option host'),
  primary_property: string('', 'Test option primary_property'),
  secondary_property: string('', 'Test option secondary_property'),
});

export class BigpandaService implements Service<BigpandaConfig> {
  readonly name = 'bigpanda';
  readonly host: HostInfo;
  private current: BigpandaConfig;

  constructor(config: BigpandaConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): BigpandaConfig {
    return this.current;
  }

  update(config: BigpandaConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): BigpandaConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        app_key: '012345',
        message: 'test bigpanda message',
        level: 'CRITICAL',
        event_data: {
          Name: 'testBigPanda',
          TaskName: '',
          Category: '',
          Group: '',
          Tags: {},
          Fields: {},
          Recoverable: false,
          Result: { series: null },
        },
        timestamp: rfc3339(now()),
        host: 'serverA',
        primary_property: '',
        secondary_property: '',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.message, level: levelOf(test.level), time: timeOf(test.timestamp) },
        data: { ...testEventData(test.event_data) },
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('bigpanda', bigpandaOptions, {
        'app-key': test.app_key,
        host: test.host,
        'primary-property': test.primary_property,
        'secondary-property': test.secondary_property,
      });
      await sendBigpanda(this, options, event, serviceTestSignal());
    },
  };
}
