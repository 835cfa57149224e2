// The `victorops` handler: posts the alert to the VictorOps REST integration (<url>/<api-key>/<routing-key>).
// Generated from generators/catalogue/victorops.yaml by `npm run new-handler victorops`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  joinURL,
  unixSeconds,
  jsonString,
  eventData,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { VictoropsConfig } from './config.js';
import { victoropsOptions, type VictoropsOptions } from './options.js';
import type { VictoropsService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  messageType: { OK: 'RECOVERY', INFO: 'INFO', WARNING: 'WARNING', CRITICAL: 'CRITICAL' },
} as const;

/** The request for one event: what Kapacitor's victorops handler sends. */
export function victoropsRequest(
  config: VictoropsConfig,
  options: VictoropsOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: joinURL(config.url, config['api-key'], options['routing-key']),
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        data: config['json-data'] ? eventData(event.data) : jsonString(eventData(event.data)),
        entity_id: event.id,
        message_type: levels.messageType[event.level],
        monitoring_tool: 'kapacitor',
        state_message: event.message,
        timestamp: unixSeconds(event.time),
      }),
    ),
    success: [200],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveVictoropsOptions(
  options: VictoropsOptions,
  config: VictoropsConfig,
  _event: AlertEvent,
): VictoropsOptions {
  return {
    ...options,
    'routing-key': options['routing-key'] || config['routing-key'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendVictorops(
  service: VictoropsService,
  options: VictoropsOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveVictoropsOptions(options, config, event);
  await deliver(victoropsRequest(config, resolved, eventFields(event), service.host), signal);
}

export const victoropsHandler = defineHandlerKind<typeof victoropsOptions, VictoropsService>({
  kind: 'victorops',
  service: 'victorops',
  external: true,
  options: victoropsOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendVictorops(service, options, event, signal) };
  },
});
