// The `zenoss` handler: adds the alert as an event through the Zenoss JSON API (EventsRouter add_event).
// Generated from generators/catalogue/zenoss.yaml by `npm run new-handler zenoss`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  firstNonEmpty,
  basicAuth,
  truncateUTF8,
  decodeJSONStrings,
  omitEmpty,
  goMap,
  renderTemplate,
  renderTemplateValues,
  templateFields,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goMarshal } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { ZenossConfig } from './config.js';
import { zenossOptions, type ZenossOptions } from './options.js';
import type { ZenossService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  severityKey: { OK: 'ok', INFO: 'info', WARNING: 'warning', CRITICAL: 'critical' },
} as const;

/** The request for one event: what Kapacitor's zenoss handler sends. */
export function zenossRequest(
  config: ZenossConfig,
  options: ZenossOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: {
      'Content-Type': 'application/json',
      Authorization:
        config.username !== '' && config.password !== ''
          ? basicAuth(config.username, config.password)
          : '',
    },
    body: goMarshal({
      action: options.action,
      method: options.method,
      data: [
        goMap({
          summary: truncateUTF8(firstNonEmpty(options.summary, event.message), 256),
          device: options.device,
          component: options.component,
          severity: config['severity-map'][levels.severityKey[event.level]],
          evclasskey: options.eventclasskey,
          evclass: options.eventclass,
          collector: omitEmpty(firstNonEmpty(options.collector, config.collector)),
          message: omitEmpty(truncateUTF8(options.message, 4096)),
          ...decodeJSONStrings(options.customField),
        }),
      ],
      type: options.type,
      tid: options.tid,
    }),
    success: [200],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveZenossOptions(
  options: ZenossOptions,
  config: ZenossConfig,
  event: AlertEvent,
): ZenossOptions {
  const data = templateFields(event, [
    'Name',
    'TaskName',
    'ID',
    'Message',
    'Details',
    'Time',
    'Duration',
    'Level',
    'Recoverable',
    'Tags',
  ]);
  return {
    ...options,
    action: options.action || config.action,
    method: options.method || config.method,
    type: options.type || config.type,
    tid: options.tid || config.tid,
    summary: renderTemplate('summary', options.summary, data),
    device: renderTemplate('device', options.device, data),
    component: renderTemplate('component', options.component, data),
    eventclasskey: renderTemplate('eventclasskey', options.eventclasskey, data),
    eventclass: renderTemplate('eventclass', options.eventclass, data),
    collector: renderTemplate('collector', options.collector, data),
    message: renderTemplate('message', options.message, data),
    customField: renderTemplateValues('customField', options.customField, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendZenoss(
  service: ZenossService,
  options: ZenossOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveZenossOptions(options, config, event);
  await deliver(zenossRequest(config, resolved, eventFields(event), service.host), signal);
}

export const zenossHandler = defineHandlerKind<typeof zenossOptions, ZenossService>({
  kind: 'zenoss',
  service: 'zenoss',
  external: true,
  options: zenossOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendZenoss(service, options, event, signal) };
  },
});
