// The `sensu` handler: writes the alert as a check result to the Sensu client socket (TCP), which must answer ok.
// Generated from generators/catalogue/sensu.yaml by `npm run new-handler sensu`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  deliver,
  eventFields,
  firstNonEmpty,
  nullIfEmpty,
  matches,
  goJSON,
  goMap,
  renderTemplate,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { SensuConfig } from './config.js';
import { sensuOptions, type SensuOptions } from './options.js';
import type { SensuService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  status: { OK: 0, INFO: 0, WARNING: 1, CRITICAL: 2 },
} as const;

/** The request for one event: what Kapacitor's sensu handler sends. */
export function sensuRequest(
  config: SensuConfig,
  options: SensuOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  if (!matches(event.id, '^[A-Za-z0-9_.-]+$')) {
    throw new DeliveryError(
      'protocol',
      `invalid name "${event.id}" for sensu alert. Must match ^[\\w\\.-]+$`,
      { retryable: false },
    );
  }
  return {
    transport: 'tcp',
    address: config.addr,
    body: goEncode(
      goMap({
        ...goJSON(options.metadata),
        handlers: nullIfEmpty(options.handlers),
        name: event.id,
        output: event.message,
        source: firstNonEmpty(options.source, config.source),
        status: levels.status[event.level],
      }),
    ),
    reply: 'ok',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveSensuOptions(
  options: SensuOptions,
  config: SensuConfig,
  event: AlertEvent,
): SensuOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    source: renderTemplate('source', options.source, data),
    handlers: options.handlers.length > 0 ? options.handlers : config.handlers,
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendSensu(
  service: SensuService,
  options: SensuOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveSensuOptions(options, config, event);
  await deliver(sensuRequest(config, resolved, eventFields(event), service.host), signal);
}

export const sensuHandler = defineHandlerKind<typeof sensuOptions, SensuService>({
  kind: 'sensu',
  service: 'sensu',
  external: true,
  options: sensuOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendSensu(service, options, event, signal) };
  },
});
