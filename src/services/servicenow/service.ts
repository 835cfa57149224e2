// The servicenow service: the live [servicenow] config, read by handlers per event, and the
// `servicenow` service test with Kapacitor's default options.
// Generated from generators/catalogue/servicenow.yaml by `npm run new-handler servicenow`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { jsonMap, string } from '../../config/fields.js';
import { levelOf, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type ServicenowConfig } from './config.js';
import { sendServicenow } from './handler.js';
import { servicenowOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  alert_id: string('', 'Test option alert_id'),
  message: string('', 'Test option message'),
  level: string('', 'Test option level'),
  source: string('', 'Test option source'),
  node: string('', 'Test option node'),
  type: string('', 'Test option type'),
  resource: string('', 'Test option resource'),
  metric_name: string('', 'Test option metric_name'),
  message_key: string('', 'Test option message_key'),
  additional_info: jsonMap({}, 'Test option additional_info'),
});

export class ServicenowService implements Service<ServicenowConfig> {
  readonly name = 'servicenow';
  readonly host: HostInfo;
  private current: ServicenowConfig;

  constructor(config: ServicenowConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): ServicenowConfig {
    return this.current;
  }

  update(config: ServicenowConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): ServicenowConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        alert_id: '1001',
        message: 'test servicenow message',
        level: 'CRITICAL',
        source: 'Kapacitor',
        node: '',
        type: '',
        resource: '',
        metric_name: '',
        message_key: '',
        additional_info: {},
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { id: test.alert_id, message: test.message, level: levelOf(test.level) },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('servicenow', servicenowOptions, {
        source: test.source,
        node: test.node,
        type: test.type,
        resource: test.resource,
        metricname: test.metric_name,
        messagekey: test.message_key,
        additional_info: test.additional_info,
      });
      await sendServicenow(this, options, event, serviceTestSignal());
    },
  };
}
