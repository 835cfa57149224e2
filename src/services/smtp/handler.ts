// The `smtp` handler: mails the alert through an SMTP server: Subject the message, an HTML body the details.
// Generated from generators/catalogue/smtp.yaml by `npm run new-handler smtp`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventDataTemplateData } from '../../alert/template-data.js';
import {
  eventFields,
  milliseconds,
  mailTo,
  renderTemplates,
  type EventFields,
  type HostInfo,
} from '../../delivery/wire.js';
import type { PeerRequest, PeerSettings } from '../../delivery/peers.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { SmtpConfig } from './config.js';
import { smtpOptions, type SmtpOptions } from './options.js';
import type { SmtpService } from './service.js';

/** The settings of the smtp connection of one [smtp]: one pooled SMTP connection, closed after idleTimeoutMs without a mail. */
export function smtpSettings(config: SmtpConfig): PeerSettings<'smtp'> {
  return {
    host: config.host,
    port: config.port,
    username: config.username,
    password: config.password,
    noVerify: config['no-verify'],
    idleTimeoutMs: milliseconds(config['idle-timeout']),
  };
}

/** The request for one event: what Kapacitor's smtp handler sends. */
export function smtpRequest(
  config: SmtpConfig,
  options: SmtpOptions,
  event: EventFields,
  _host: HostInfo,
): PeerRequest<'smtp'> {
  return {
    transport: 'smtp',
    from: config.from,
    to: mailTo(options.to, options['to-field'], config.to),
    subject: event.message,
    html: event.details,
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveSmtpOptions(
  options: SmtpOptions,
  _config: SmtpConfig,
  event: AlertEvent,
): SmtpOptions {
  const data = eventDataTemplateData(event);
  return {
    ...options,
    'to-field': renderTemplates('to-field', options['to-field'], data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendSmtp(
  service: SmtpService,
  options: SmtpOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveSmtpOptions(options, config, event);
  await service.peers.send('', smtpRequest(config, resolved, eventFields(event), service.host), {
    signal,
    key: event,
  });
}

export const smtpHandler = defineHandlerKind<typeof smtpOptions, SmtpService>({
  kind: 'smtp',
  service: 'smtp',
  external: true,
  options: smtpOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendSmtp(service, options, event, signal) };
  },
});
