// The `opsgenie2` handler: creates OpsGenie alerts through the v2 alert API, and closes or annotates them on recovery.
// Generated from generators/catalogue/opsgenie2.yaml by `npm run new-handler opsgenie2`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  joinURL,
  jsonString,
  eventData,
  base64URL,
  setQuery,
  sortedMap,
  eachAs,
  omitEmpty,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { Opsgenie2Config } from './config.js';
import { opsgenie2Options, type Opsgenie2Options } from './options.js';
import type { Opsgenie2Service } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  priority: { OK: '', INFO: 'P5', WARNING: 'P3', CRITICAL: 'P1' },
} as const;

/** The request for one event: what Kapacitor's opsgenie2 handler sends. */
export function opsgenie2Request(
  config: Opsgenie2Config,
  options: Opsgenie2Options,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  if (event.level === 'OK') {
    return {
      transport: 'http',
      method: 'POST',
      url: setQuery(
        joinURL(
          config.url,
          base64URL(event.id),
          options.recovery_action === 'close' || options.recovery_action === 'notes'
            ? options.recovery_action
            : config.recovery_action === 'close' || config.recovery_action === 'notes'
              ? config.recovery_action
              : 'notes',
        ),
        'identifierType=alias',
      ),
      headers: {
        'Content-Type': 'application/json',
        Authorization: `GenieKey ${config['api-key']}`,
      },
      body: goEncode({ note: event.message }),
      success: [202],
      errorField: 'message',
    };
  }
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: { 'Content-Type': 'application/json', Authorization: `GenieKey ${config['api-key']}` },
    body: goEncode(
      goMap({
        alias: base64URL(event.id),
        description:
          config.details && event.details !== ''
            ? event.details
            : jsonString(eventData(event.data)),
        details: sortedMap({
          'Monitoring Tool': 'Kapacitor',
          Level: event.level,
          ...(event.data.series?.[0]?.tags ?? {}),
          ...(event.data.series?.[0]
            ? { 'Kapacitor Task Name': event.data.series[0].name ?? '' }
            : {}),
        }),
        entity: event.id,
        message: event.message,
        note: '',
        priority: levels.priority[event.level],
        responders: omitEmpty([
          ...eachAs(options['teams-list'], 'name', { type: 'team' }),
          ...eachAs(options['recipients-list'], 'username', { type: 'user' }),
        ]),
      }),
    ),
    success: [202],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveOpsgenie2Options(
  options: Opsgenie2Options,
  config: Opsgenie2Config,
  _event: AlertEvent,
): Opsgenie2Options {
  return {
    ...options,
    'teams-list': options['teams-list'].length > 0 ? options['teams-list'] : config.teams,
    'recipients-list':
      options['recipients-list'].length > 0 ? options['recipients-list'] : config.recipients,
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendOpsgenie2(
  service: Opsgenie2Service,
  options: Opsgenie2Options,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'failed to prepare API request: service is not enabled', {
      retryable: false,
    });
  }
  const resolved = resolveOpsgenie2Options(options, config, event);
  await deliver(opsgenie2Request(config, resolved, eventFields(event), service.host), signal);
}

export const opsgenie2Handler = defineHandlerKind<typeof opsgenie2Options, Opsgenie2Service>({
  kind: 'opsgenie2',
  service: 'opsgenie2',
  external: true,
  options: opsgenie2Options,
  create(options, { service }) {
    return { handle: (event, signal) => sendOpsgenie2(service, options, event, signal) };
  },
});
