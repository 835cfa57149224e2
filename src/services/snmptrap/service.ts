// The snmptrap service: the live [snmptrap] config, read by handlers per event, and the
// `snmptrap` service test with Kapacitor's default options.
// Generated from generators/catalogue/snmptrap.yaml by `npm run new-handler snmptrap`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { objectList, string } from '../../config/fields.js';
import { type HostInfo } from '../../delivery/wire.js';
import { PeerSet, type PeerEntry } from '../../delivery/peers.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type SnmptrapConfig } from './config.js';
import { sendSnmptrap, snmptrapSettings } from './handler.js';
import { snmptrapOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  'trap-oid': string('', 'Test option trap-oid'),
  'data-list': objectList(['oid', 'type', 'value'], [], 'Test option data-list'),
});

export class SnmptrapService implements Service<SnmptrapConfig> {
  readonly name = 'snmptrap';
  readonly host: HostInfo;
  /** One snmptrap connection per enabled section (one SNMP v2c session (UDP)). */
  readonly peers: PeerSet<'snmptrap'>;
  private current: SnmptrapConfig;

  constructor(config: SnmptrapConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
    this.peers = new PeerSet('snmptrap', { logger: deps.logger, metrics: deps.metrics });
  }

  /** The live config. */
  get config(): SnmptrapConfig {
    return this.current;
  }

  /** Connect to the configured peers, in the background: a peer that is down blocks nothing. */
  open(): Promise<void> {
    return this.peers.update(this.peerEntries());
  }

  close(): Promise<void> {
    return this.peers.close();
  }

  /** Apply a config; settings a connection cannot use (an unreadable ssl-ca) are refused. */
  async update(config: SnmptrapConfig): Promise<void> {
    const previous = this.current;
    this.current = config;
    try {
      await this.peers.update(this.peerEntries());
    } catch (err) {
      this.current = previous;
      throw err;
    }
  }

  /** The connection settings of the enabled section. */
  private peerEntries(): Array<PeerEntry<'snmptrap'>> {
    const c = this.current;
    return c.enabled ? [{ key: '', settings: snmptrapSettings(c), path: 'snmptrap' }] : [];
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): SnmptrapConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      return {
        'trap-oid': '1.1.1.1',
        'data-list': [{ oid: '1.1.1.1.2', type: 's', value: 'test snmptrap message' }],
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: {},
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('snmptrap', snmptrapOptions, {
        'trap-oid': test['trap-oid'],
        'data-list': test['data-list'],
      });
      await sendSnmptrap(this, options, event, serviceTestSignal());
    },
  };
}
