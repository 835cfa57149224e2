// The alerta service: the live [alerta] config, read by handlers per event, and the
// `alerta` service test with Kapacitor's default options.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { jsonMap, string, stringList } from '../../config/fields.js';
import { levelOf, goDurationNs, type HostInfo } from '../../delivery/wire.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type AlertaConfig } from './config.js';
import { sendAlerta } from './handler.js';
import { alertaOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  resource: string('', 'Test option resource'),
  event: string('', 'Test option event'),
  environment: string('', 'Test option environment'),
  severity: string('', 'Test option severity'),
  group: string('', 'Test option group'),
  value: string('', 'Test option value'),
  message: string('', 'Test option message'),
  origin: string('', 'Test option origin'),
  service: stringList([], 'Test option service'),
  correlate: stringList([], 'Test option correlate'),
  attributes: jsonMap({}, 'Test option attributes'),
  timeout: string('', 'Test option timeout'),
});

export class AlertaService implements Service<AlertaConfig> {
  readonly name = 'alerta';
  readonly host: HostInfo;
  private current: AlertaConfig;

  constructor(config: AlertaConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
  }

  /** The live config. */
  get config(): AlertaConfig {
    return this.current;
  }

  update(config: AlertaConfig): void {
    this.current = config;
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): AlertaConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        resource: 'testResource',
        event: 'testEvent',
        environment: config.environment,
        severity: 'critical',
        group: 'testGroup',
        value: 'testValue',
        message: 'test alerta message',
        origin: config.origin,
        service: ['testServiceA', 'testServiceB'],
        correlate: ['testServiceX', 'testServiceY'],
        attributes: { testAttributeA: 'A', testAttributeB: true, testAttributeC: 9001 },
        timeout: '24h0m0s',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {
          message: test.message,
          level: levelOf(test.severity === 'informational' ? 'INFO' : test.severity),
        },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('alerta', alertaOptions, {
        resource: test.resource,
        event: test.event,
        environment: test.environment,
        group: test.group,
        value: test.value,
        origin: test.origin,
        service: test.service,
        correlate: test.correlate,
        attributes: test.attributes,
        timeout: goDurationNs(test.timeout),
      });
      await sendAlerta(this, options, event, serviceTestSignal());
    },
  };
}
