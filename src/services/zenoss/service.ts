// The zenoss service: the live [zenoss] config, read by handlers per event, and the
// `zenoss` service test with Kapacitor's default options.
// Generated from generators/catalogue/zenoss.yaml by `npm run new-handler zenoss`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { int, jsonMap, string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type ZenossConfig } from './config.js';
import { sendZenoss } from './handler.js';
import { zenossOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  alert_id: string('', 'Test option alert_id'),
  level: string('', 'Test option level'),
  message: string('', 'Test option message'),
  action: string('', 'Test option action'),
  method: string('', 'Test option method'),
  type: string('', 'Test option type'),
  tid: int(0, 'Test option tid'),
  summary: string('', 'Test option summary'),
  device: string('', 'Test option device'),
  component: string('', 'Test option component'),
  eventclasskey: string('', 'Test option eventclasskey'),
  eventclass: string('', 'Test option eventclass'),
  collector: string('', 'Test option collector'),
  custom_fields: jsonMap({}, 'Test option custom_fields'),
});

export class ZenossService implements Service<ZenossConfig> {
  readonly name = 'zenoss';
  readonly host: HostInfo;
  private current: ZenossConfig;

  constructor(config: ZenossConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): ZenossConfig {
    return this.current;
  }

  update(config: ZenossConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): ZenossConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        alert_id: '1001',
        level: 'CRITICAL',
        message: 'test zenoss message',
        action: config.action,
        method: config.method,
        type: config.type,
        tid: config.tid,
        summary: '',
        device: '',
        component: '',
        eventclasskey: '',
        eventclass: '',
        collector: config.collector,
        custom_fields: {},
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { id: test.alert_id, level: levelOf(test.level), message: test.message },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('zenoss', zenossOptions, {
        action: test.action,
        method: test.method,
        type: test.type,
        tid: test.tid,
        summary: test.summary,
        device: test.device,
        component: test.component,
        eventclasskey: test.eventclasskey,
        eventclass: test.eventclass,
        collector: test.collector,
        customField: test.custom_fields,
      });
      await sendZenoss(this, options, event, serviceTestSignal());
    },
  };
}
