// The `pagerduty` handler: triggers and resolves incidents through PagerDuty's generic events API (v1).
// Generated from generators/catalogue/pagerduty.yaml by `npm run new-handler pagerduty`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { PagerdutyConfig } from './config.js';
import { pagerdutyOptions, type PagerdutyOptions } from './options.js';
import type { PagerdutyService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  eventType: { OK: 'resolve', INFO: '', WARNING: 'trigger', CRITICAL: 'trigger' },
} as const;

/** The request for one event: what Kapacitor's pagerduty handler sends. */
export function pagerdutyRequest(
  config: PagerdutyConfig,
  options: PagerdutyOptions,
  event: EventFields,
  host: HostInfo,
): WireRequest {
  if (event.level === 'INFO') {
    throw new DeliveryError(
      'protocol',
      "AlertLevel 'info' is currently ignored by the PagerDuty service",
      { retryable: false },
    );
  }
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        client: 'kapacitor',
        client_url: host.apiURL,
        description: event.message,
        details: event.details,
        event_type: levels.eventType[event.level],
        incident_key: event.id,
        service_key: options['service-key'],
      }),
    ),
    success: [200],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolvePagerdutyOptions(
  options: PagerdutyOptions,
  config: PagerdutyConfig,
  _event: AlertEvent,
): PagerdutyOptions {
  return {
    ...options,
    'service-key': options['service-key'] || config['service-key'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendPagerduty(
  service: PagerdutyService,
  options: PagerdutyOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolvePagerdutyOptions(options, config, event);
  await deliver(pagerdutyRequest(config, resolved, eventFields(event), service.host), signal);
}

export const pagerdutyHandler = defineHandlerKind<typeof pagerdutyOptions, PagerdutyService>({
  kind: 'pagerduty',
  service: 'pagerduty',
  external: true,
  options: pagerdutyOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendPagerduty(service, options, event, signal) };
  },
});
