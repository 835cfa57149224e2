// The smtp service: the live [smtp] config, read by handlers per event, and the
// `smtp` service test with Kapacitor's default options.
// Generated from generators/catalogue/smtp.yaml by `npm run new-handler smtp`: do not edit.

import { z } from 'zod';
import { makeEvent } from '../../alert/event.js';
import { decodeHandlerOptions } from '../../alert/options.js';
import { string, stringList } from '../../config/fields.js';
import { nullIfEmpty, type HostInfo } from '../../delivery/wire.js';
import { PeerSet, type PeerEntry } from '../../delivery/peers.js';
import { serviceTestSignal } from '../../delivery/service-test.js';
import type { Service, ServiceDeps, ServiceTest } from '../../server/service.js';
import { type SmtpConfig } from './config.js';
import { sendSmtp, smtpSettings } from './handler.js';
import { smtpOptions } from './options.js';

/** The test's options, in Kapacitor's listing order. */
const serviceTestOptions = z.strictObject({
  to: stringList([], 'Test option to').nullable(),
  subject: string('', 'Test option subject'),
  body: string('', 'Test option body'),
});

export class SmtpService implements Service<SmtpConfig> {
  readonly name = 'smtp';
  readonly host: HostInfo;
  /** One smtp connection per enabled section (one pooled SMTP connection, closed after idleTimeoutMs without a mail). */
  readonly peers: PeerSet<'smtp'>;
  private current: SmtpConfig;

  constructor(config: SmtpConfig, deps: ServiceDeps) {
    this.current = config;
    this.host = deps.host;
    this.peers = new PeerSet('smtp', { logger: deps.logger, metrics: deps.metrics });
  }

  /** The live config. */
  get config(): SmtpConfig {
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
  async update(config: SmtpConfig): Promise<void> {
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
  private peerEntries(): Array<PeerEntry<'smtp'>> {
    const c = this.current;
    return c.enabled ? [{ key: '', settings: smtpSettings(c), path: 'smtp' }] : [];
  }

  /** The config the service test takes its defaults from. */
  private testConfig(): SmtpConfig {
    return this.current;
  }

  readonly test: ServiceTest<typeof serviceTestOptions> = {
    options: serviceTestOptions,
    defaults: () => {
      const config = this.testConfig();
      return {
        to: nullIfEmpty(config.to),
        subject: 'test subject',
        body: 'test body',
      };
    },
    run: async (test) => {
      const event = makeEvent({
        state: { message: test.subject, details: test.body },
        data: {},
      });
      // Decoded as a handler's options are: a bad test option is named in the answer.
      const options = decodeHandlerOptions('smtp', smtpOptions, {
        to: test.to ?? [],
      });
      await sendSmtp(this, options, event, serviceTestSignal());
    },
  };
}
