// The `opsgenie` handler: creates and closes OpsGenie alerts through the v1 alert API.
// Generated from generators/catalogue/opsgenie.yaml by `npm run new-handler opsgenie`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  jsonString,
  eventData,
  omitEmpty,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { OpsgenieConfig } from './config.js';
import { opsgenieOptions, type OpsgenieOptions } from './options.js';
import type { OpsgenieService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  type: { OK: 'RECOVERY', INFO: 'INFO', WARNING: 'WARNING', CRITICAL: 'CRITICAL' },
} as const;

/** The request for one event: what Kapacitor's opsgenie handler sends. */
export function opsgenieRequest(
  config: OpsgenieConfig,
  options: OpsgenieOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: event.level === 'OK' ? `${config.recovery_url}/` : `${config.url}/`,
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        alias: event.id,
        apiKey: config['api-key'],
        description: jsonString(eventData(event.data)),
        details: { Level: levels.type[event.level], 'Monitoring Tool': 'Kapacitor' },
        entity: event.id,
        message: event.message,
        monitoring_tool: 'kapacitor',
        note: event.level === 'OK' ? event.message : '',
        recipients: omitEmpty(options['recipients-list']),
        teams: omitEmpty(options['teams-list']),
      }),
    ),
    success: [200],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveOpsgenieOptions(
  options: OpsgenieOptions,
  config: OpsgenieConfig,
  _event: AlertEvent,
): OpsgenieOptions {
  return {
    ...options,
    'teams-list': options['teams-list'].length > 0 ? options['teams-list'] : config.teams,
    'recipients-list':
      options['recipients-list'].length > 0 ? options['recipients-list'] : config.recipients,
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendOpsgenie(
  service: OpsgenieService,
  options: OpsgenieOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveOpsgenieOptions(options, config, event);
  await deliver(opsgenieRequest(config, resolved, eventFields(event), service.host), signal);
}

export const opsgenieHandler = defineHandlerKind<typeof opsgenieOptions, OpsgenieService>({
  kind: 'opsgenie',
  service: 'opsgenie',
  external: true,
  options: opsgenieOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendOpsgenie(service, options, event, signal) };
  },
});
