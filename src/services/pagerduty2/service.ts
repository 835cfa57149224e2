// The pagerduty2 service: the live [pagerduty2] config, read by handlers per event, and the
// `pagerduty2` service test with Kapacitor's default options.
// Generated from generators/catalogue/pagerduty2.yaml by `npm run new-handler pagerduty2`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { jsonMap, objectList, string } from '../../config/fields.js';
import { levelOf, timeOf, testEventData, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type Pagerduty2Config } from './config.js';
import { sendPagerduty2 } from './handler.js';
import { pagerduty2Options } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  alert_id: string('', 'Test option alert_id'),
  description: string('', 'Test option description'),
  level: string('', 'Test option level'),
  event_data: jsonMap({}, 'Test option event_data'),
  timestamp: string('', 'Test option timestamp'),
  links: objectList(['href', 'text'], [], 'Test option links'),
});

export class Pagerduty2Service implements Service<Pagerduty2Config> {
  readonly name = 'pagerduty2';
  readonly host: HostInfo;
  private current: Pagerduty2Config;

  constructor(config: Pagerduty2Config, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): Pagerduty2Config {
    return this.current;
  }

  update(config: Pagerduty2Config): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): Pagerduty2Config {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        alert_id: 'testAlertID',
        description: 'test pagerduty2 message',
        level: 'CRITICAL',
        event_data: {
          Name: 'testPagerDuty2',
          TaskName: '',
          Category: '',
          Group: '',
          Tags: {},
          Fields: {},
          Recoverable: false,
          Result: { series: null },
        },
        timestamp: '2014-11-12T11:45:26.371Z',
        links: [
          { href: 'https://example.com/a', text: 'a' },
          { href: 'https://example.com/b', text: 'b' },
        ],
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          id: test.alert_id,
          message: test.description,
          level: levelOf(test.level),
          time: timeOf(test.timestamp),
        },
        data: { ...testEventData(test.event_data) },
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('pagerduty2', pagerduty2Options, {
        links: test.links,
      });
      await sendPagerduty2(this, options, event, serviceTestSignal());
    },
  };
}
