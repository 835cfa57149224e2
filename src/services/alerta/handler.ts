// The `alerta` handler: sends alerts to an Alerta server's alert API.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  deliver,
  eventFields,
  joinURL,
  seconds,
  eventData,
  tagList,
  firstNonEmpty,
  sortedMap,
  omitEmpty,
  goMap,
  renderTemplate,
  renderTemplates,
  renderTemplateValues,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { AlertaConfig } from './config.js';
import { alertaOptions, type AlertaOptions } from './options.js';
import type { AlertaService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  severity: { OK: 'ok', INFO: 'informational', WARNING: 'warning', CRITICAL: 'critical' },
} as const;

/** The request for one event: what Kapacitor's alerta handler sends. */
export function alertaRequest(
  config: AlertaConfig,
  options: AlertaOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  if (options.resource === '' || options.event === '') {
    throw new DeliveryError('protocol', 'Resource and Event are required to send an alert', {
      retryable: false,
    });
  }
  return {
    transport: 'http',
    method: 'POST',
    url: joinURL(config.url, 'alert'),
    headers: {
      Authorization: `${options['token-prefix'] || 'Bearer'} ${options.token}`,
      'Content-Type': 'application/json',
    },
    body: goEncode(
      goMap({
        attributes: omitEmpty(sortedMap(options.attributes)),
        correlate: omitEmpty(firstNonEmpty(options.correlate, [event.name])),
        environment: options.environment || config.environment,
        event: options.event,
        group: options.group,
        origin: options.origin,
        rawData: eventData(event.data),
        resource: options.resource,
        service: omitEmpty(firstNonEmpty(options.service, [event.name])),
        severity: levels.severity[event.level],
        tags: tagList(event.tags),
        text: event.message,
        timeout: seconds(options.timeout),
        value: options.value,
      }),
    ),
    success: [201],
    errorField: 'message',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveAlertaOptions(
  options: AlertaOptions,
  config: AlertaConfig,
  event: AlertEvent,
): AlertaOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    token: options.token || config.token,
    'token-prefix': options['token-prefix'] || config['token-prefix'],
    resource: renderTemplate('resource', options.resource, data),
    event: renderTemplate('event', options.event, data),
    environment: renderTemplate('environment', options.environment, data),
    group: renderTemplate('group', options.group, data),
    value: renderTemplate('value', options.value, data),
    origin: options.origin || config.origin,
    service: renderTemplates('service', options.service, data),
    correlate: renderTemplates('correlate', options.correlate, data),
    attributes: renderTemplateValues('attributes', options.attributes, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendAlerta(
  service: AlertaService,
  options: AlertaOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveAlertaOptions(options, config, event);
  await deliver(alertaRequest(config, resolved, eventFields(event), service.host), signal);
}

export const alertaHandler = defineHandlerKind<typeof alertaOptions, AlertaService>({
  kind: 'alerta',
  service: 'alerta',
  external: true,
  options: alertaOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendAlerta(service, options, event, signal) };
  },
});
