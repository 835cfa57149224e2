// The pagerduty service: the live [pagerduty] config, read by handlers per event, and the
// `pagerduty` service test with Kapacitor's default options.
// Generated from generators/catalogue/pagerduty.yaml by `npm run new-handler pagerduty`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type PagerdutyConfig } from './config.js';
import { sendPagerduty } from './handler.js';
import { pagerdutyOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  'incident-key': string('', 'Test option incident-key'),
  description: string('', 'Test option description'),
  details: string('', 'Test option details'),
  level: string('', 'Test option level'),
});

export class PagerdutyService implements Service<PagerdutyConfig> {
  readonly name = 'pagerduty';
  readonly host: HostInfo;
  private current: PagerdutyConfig;

  constructor(config: PagerdutyConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): PagerdutyConfig {
    return this.current;
  }

  update(config: PagerdutyConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): PagerdutyConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        'incident-key': 'testIncidentKey',
        description: 'test pagerduty message',
        details: '',
        level: 'CRITICAL',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          id: test['incident-key'],
          message: test.description,
          details: test.details,
          level: levelOf(test.level),
        },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('pagerduty', pagerdutyOptions, {});
      await sendPagerduty(this, options, event, serviceTestSignal());
    },
  };
}
