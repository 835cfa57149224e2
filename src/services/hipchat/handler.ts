// The `hipchat` handler: posts a coloured room notification through the HipChat v2 API.
// Generated from generators/catalogue/hipchat.yaml by `npm run new-handler hipchat`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  joinURL,
  queryEscape,
  setQuery,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { HipchatConfig } from './config.js';
import { hipchatOptions, type HipchatOptions } from './options.js';
import type { HipchatService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  color: { OK: 'green', INFO: 'green', WARNING: 'yellow', CRITICAL: 'red' },
} as const;

/** The request for one event: what Kapacitor's hipchat handler sends. */
export function hipchatRequest(
  config: HipchatConfig,
  options: HipchatOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: setQuery(
      joinURL(config.url, options.room, 'notification'),
      `auth_token=${queryEscape(options.token)}`,
    ),
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        color: levels.color[event.level],
        from: 'kapacitor',
        message: event.message,
        notify: true,
      }),
    ),
    success: [200, 204],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveHipchatOptions(
  options: HipchatOptions,
  config: HipchatConfig,
  _event: AlertEvent,
): HipchatOptions {
  return {
    ...options,
    room: options.room || config.room,
    token: options.token || config.token,
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendHipchat(
  service: HipchatService,
  options: HipchatOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveHipchatOptions(options, config, event);
  await deliver(hipchatRequest(config, resolved, eventFields(event), service.host), signal);
}

export const hipchatHandler = defineHandlerKind<typeof hipchatOptions, HipchatService>({
  kind: 'hipchat',
  service: 'hipchat',
  external: true,
  options: hipchatOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendHipchat(service, options, event, signal) };
  },
});
