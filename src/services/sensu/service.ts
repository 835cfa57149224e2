// The sensu service: the live [sensu] config, read by handlers per event, and the
// `sensu` service test with Kapacitor's default options.
// Generated from generators/catalogue/sensu.yaml by `npm run new-handler sensu`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { jsonMap, string, stringList } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type SensuConfig } from './config.js';
import { sendSensu } from './handler.js';
import { sensuOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  name: string('', 'Test option name'),
  source: string('', 'Test option source'),
  output: string('', 'Test option output'),
  handlers: stringList([], 'Test option handlers'),
  metadata: jsonMap({}, 'Test option metadata'),
  level: string('', 'Test option level'),
});

export class SensuService implements Service<SensuConfig> {
  readonly name = 'sensu';
  readonly host: HostInfo;
  private current: SensuConfig;

  constructor(config: SensuConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): SensuConfig {
    return this.current;
  }

  update(config: SensuConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): SensuConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        name: 'testName',
        source: 'Kapacitor',
        output: 'testOutput',
        handlers: [],
        metadata: {},
        level: 'CRITICAL',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { id: test.name, message: test.output, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('sensu', sensuOptions, {
        source: test.source,
        handlers: test.handlers,
        metadata: test.metadata,
      });
      await sendSensu(this, options, event, serviceTestSignal());
    },
  };
}
