// The `pushover` handler: sends the alert message to Pushover with a priority from its level.
// Generated from generators/catalogue/pushover.yaml by `npm run new-handler pushover`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  omitEmpty,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { encodeForm } from '../../delivery/form.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { PushoverConfig } from './config.js';
import { pushoverOptions, type PushoverOptions } from './options.js';
import type { PushoverService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  priority: { OK: -2, INFO: -1, WARNING: 0, CRITICAL: 1 },
} as const;

/** The request for one event: what Kapacitor's pushover handler sends. */
export function pushoverRequest(
  config: PushoverConfig,
  options: PushoverOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm({
      token: config.token,
      user: options['user-key'],
      message: event.message,
      priority: levels.priority[event.level],
      device: omitEmpty(options.device),
      title: omitEmpty(options.title),
      url: omitEmpty(options.url),
      url_title: omitEmpty(options['url-title']),
      sound: omitEmpty(options.sound),
    }),
    success: [200],
    errorField: 'errors',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolvePushoverOptions(
  options: PushoverOptions,
  config: PushoverConfig,
  _event: AlertEvent,
): PushoverOptions {
  return {
    ...options,
    'user-key': options['user-key'] || config['user-key'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendPushover(
  service: PushoverService,
  options: PushoverOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolvePushoverOptions(options, config, event);
  await deliver(pushoverRequest(config, resolved, eventFields(event), service.host), signal);
}

export const pushoverHandler = defineHandlerKind<typeof pushoverOptions, PushoverService>({
  kind: 'pushover',
  service: 'pushover',
  external: true,
  options: pushoverOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendPushover(service, options, event, signal) };
  },
});
