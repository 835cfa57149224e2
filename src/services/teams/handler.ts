// The `teams` handler: posts the alert as a MessageCard to a Microsoft Teams channel's incoming webhook.
// Generated from generators/catalogue/teams.yaml by `npm run new-handler teams`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  truncateJSON,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goMarshal } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { TeamsConfig } from './config.js';
import { teamsOptions, type TeamsOptions } from './options.js';
import type { TeamsService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  themeColor: { OK: '34CC25', INFO: '34CC25', WARNING: 'FFA533', CRITICAL: 'CC4A31' },
} as const;

/** The request for one event: what Kapacitor's teams handler sends. */
export function teamsRequest(
  _config: TeamsConfig,
  options: TeamsOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: options['channel-url'],
    headers: { 'Content-Type': 'application/json' },
    body: goMarshal({
      '@type': 'MessageCard',
      '@context': 'http://schema.org/extensions',
      title:
        event.id !== ''
          ? `${event.level}: [${event.id}]`
          : event.topic !== ''
            ? `${event.level}: [${event.topic}]`
            : event.level,
      text: event.message,
      summary: truncateJSON(
        event.id !== ''
          ? `${event.level}: [${event.id}] - ${event.message}`
          : event.topic !== ''
            ? `${event.level}: [${event.topic}] - ${event.message}`
            : `${event.level}: ${event.message}`,
        70,
        '...',
      ),
      themeColor: levels.themeColor[event.level],
    }),
    success: [200, 204],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveTeamsOptions(
  options: TeamsOptions,
  config: TeamsConfig,
  _event: AlertEvent,
): TeamsOptions {
  return {
    ...options,
    'channel-url': options['channel-url'] || config['channel-url'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendTeams(
  service: TeamsService,
  options: TeamsOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveTeamsOptions(options, config, event);
  await deliver(teamsRequest(config, resolved, eventFields(event), service.host), signal);
}

export const teamsHandler = defineHandlerKind<typeof teamsOptions, TeamsService>({
  kind: 'teams',
  service: 'teams',
  external: true,
  options: teamsOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendTeams(service, options, event, signal) };
  },
});
