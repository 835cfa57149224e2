// The `pagerduty2` handler: triggers and resolves PagerDuty incidents through the Events API v2.
// Generated from generators/catalogue/pagerduty2.yaml by `npm run new-handler pagerduty2`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  deliver,
  eventFields,
  rfc3339Nano9,
  eventData,
  nullIfEmpty,
  own,
  fillEmpty,
  renderTemplates,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { Pagerduty2Config } from './config.js';
import { pagerduty2Options, type Pagerduty2Options } from './options.js';
import type { Pagerduty2Service } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  action: { OK: 'resolve', INFO: 'trigger', WARNING: 'trigger', CRITICAL: 'trigger' },
  severity: { OK: 'info', INFO: 'info', WARNING: 'warning', CRITICAL: 'critical' },
} as const;

/** The request for one event: what Kapacitor's pagerduty2 handler sends. */
export function pagerduty2Request(
  config: Pagerduty2Config,
  options: Pagerduty2Options,
  event: EventFields,
  host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: goEncode({
      routing_key: options['routing-key'],
      event_action: levels.action[event.level],
      dedup_key: event.id,
      payload: {
        summary: event.message,
        source: own(event.tags, 'host') ?? 'unknown',
        severity: levels.severity[event.level],
        timestamp: rfc3339Nano9(event.time),
        class: event.taskName,
        component: '',
        group: '',
        custom_details: { result: eventData(event.data) },
      },
      images: null,
      links: nullIfEmpty(fillEmpty(options.links, 'text', 'href')),
      client: 'kapacitor',
      client_url: host.apiURL,
    }),
    success: [200, 202],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolvePagerduty2Options(
  options: Pagerduty2Options,
  config: Pagerduty2Config,
  event: AlertEvent,
): Pagerduty2Options {
  const data = eventTemplateData(event);
  return {
    ...options,
    'routing-key': options['routing-key'] || config['routing-key'],
    links: renderTemplates('links', options.links, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendPagerduty2(
  service: Pagerduty2Service,
  options: Pagerduty2Options,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolvePagerduty2Options(options, config, event);
  await deliver(pagerduty2Request(config, resolved, eventFields(event), service.host), signal);
}

export const pagerduty2Handler = defineHandlerKind<typeof pagerduty2Options, Pagerduty2Service>({
  kind: 'pagerduty2',
  service: 'pagerduty2',
  external: true,
  options: pagerduty2Options,
  create(options, { service }) {
    return { handle: (event, signal) => sendPagerduty2(service, options, event, signal) };
  },
});
