// The `bigpanda` handler: sends alerts to BigPanda's alerts API, with tags, fields and attributes as alert properties.
// Generated from generators/catalogue/bigpanda.yaml by `npm run new-handler bigpanda`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  deliver,
  eventFields,
  unixSeconds,
  htmlUnescape,
  contains,
  jsonStringValues,
  omitEmpty,
  goMap,
  renderTemplate,
  renderTemplateValues,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goMarshal } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { BigpandaConfig } from './config.js';
import { bigpandaOptions, type BigpandaOptions } from './options.js';
import type { BigpandaService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  status: { OK: 'ok', INFO: 'ok', WARNING: 'warning', CRITICAL: 'critical' },
} as const;

/** The request for one event: what Kapacitor's bigpanda handler sends. */
export function bigpandaRequest(
  config: BigpandaConfig,
  options: BigpandaOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: options.url,
    headers: { Authorization: `Bearer ${config.token}`, 'Content-Type': 'application/json' },
    body: goMarshal(
      goMap({
        description: omitEmpty(event.message),
        details: omitEmpty(
          htmlUnescape(event.details)[0] === '{' ? '' : htmlUnescape(event.details),
        ),
        check: omitEmpty(event.id),
        task: `${event.taskName}:${event.name}`,
        timestamp: unixSeconds(event.time),
        status: levels.status[event.level],
        primary_property: omitEmpty(options['primary-property']),
        secondary_property: omitEmpty(options['secondary-property']),
        app_key: options['app-key'],
        ...{
          ...(contains(config['auto-attributes'], 'tags') ? event.tags : {}),
          ...(contains(config['auto-attributes'], 'fields') ? jsonStringValues(event.fields) : {}),
          host: options.host,
          ...jsonStringValues(options.attributes),
        },
      }),
    ),
    success: [201],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveBigpandaOptions(
  options: BigpandaOptions,
  config: BigpandaConfig,
  event: AlertEvent,
): BigpandaOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    'app-key': options['app-key'] || config['app-key'],
    url: options.url || config.url,
    host: renderTemplate('host', options.host, data),
    attributes: renderTemplateValues('attributes', options.attributes, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendBigpanda(
  service: BigpandaService,
  options: BigpandaOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveBigpandaOptions(options, config, event);
  await deliver(bigpandaRequest(config, resolved, eventFields(event), service.host), signal);
}

export const bigpandaHandler = defineHandlerKind<typeof bigpandaOptions, BigpandaService>({
  kind: 'bigpanda',
  service: 'bigpanda',
  external: true,
  options: bigpandaOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendBigpanda(service, options, event, signal) };
  },
});
