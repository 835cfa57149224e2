// The `servicenow` handler: posts the alert as an event record to ServiceNow Event Management.
// Generated from generators/catalogue/servicenow.yaml by `npm run new-handler servicenow`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  jsonString,
  firstNonEmpty,
  stringValues,
  basicAuth,
  truncateJSON,
  isEmpty,
  omitEmpty,
  renderTemplate,
  renderTemplateValues,
  templateFields,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goMarshal } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { ServicenowConfig } from './config.js';
import { servicenowOptions, type ServicenowOptions } from './options.js';
import type { ServicenowService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  severity: { OK: '5', INFO: '5', WARNING: '4', CRITICAL: '1' },
} as const;

/** The request for one event: what Kapacitor's servicenow handler sends. */
export function servicenowRequest(
  config: ServicenowConfig,
  options: ServicenowOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: options.url,
    headers: {
      'Content-Type': 'application/json',
      Authorization:
        config.username !== '' && config.password !== ''
          ? basicAuth(config.username, config.password)
          : '',
    },
    body: goMarshal({
      records: [
        {
          source: omitEmpty(truncateJSON(options.source, 100)),
          node: omitEmpty(truncateJSON(options.node, 100)),
          type: omitEmpty(truncateJSON(options.type, 100)),
          resource: omitEmpty(truncateJSON(options.resource, 100)),
          metric_name: omitEmpty(truncateJSON(options.metricname, 100)),
          message_key: omitEmpty(truncateJSON(firstNonEmpty(options.messagekey, event.id), 1024)),
          severity: omitEmpty(levels.severity[event.level]),
          description: omitEmpty(truncateJSON(event.message, 4000)),
          additional_info: omitEmpty(
            isEmpty(options.additional_info)
              ? ''
              : jsonString(stringValues(options.additional_info)),
          ),
        },
      ],
    }),
    success: [200],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveServicenowOptions(
  options: ServicenowOptions,
  config: ServicenowConfig,
  event: AlertEvent,
): ServicenowOptions {
  const data = templateFields(event, ['ID', 'Name', 'TaskName', 'Fields', 'Tags']);
  return {
    ...options,
    url: options.url || config.url,
    source: options.source || config.source,
    node: renderTemplate('node', options.node, data),
    type: renderTemplate('type', options.type, data),
    resource: renderTemplate('resource', options.resource, data),
    metricname: renderTemplate('metricname', options.metricname, data),
    messagekey: renderTemplate('messagekey', options.messagekey, data),
    additional_info: renderTemplateValues('additional_info', options.additional_info, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendServicenow(
  service: ServicenowService,
  options: ServicenowOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveServicenowOptions(options, config, event);
  await deliver(servicenowRequest(config, resolved, eventFields(event), service.host), signal);
}

export const servicenowHandler = defineHandlerKind<typeof servicenowOptions, ServicenowService>({
  kind: 'servicenow',
  service: 'servicenow',
  external: true,
  options: servicenowOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendServicenow(service, options, event, signal) };
  },
});
