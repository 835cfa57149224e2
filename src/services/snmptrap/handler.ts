// The `snmptrap` handler: sends an SNMP v2c trap per alert, with the handler's data items as typed varbinds.
// Generated from generators/catalogue/snmptrap.yaml by `npm run new-handler snmptrap`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  eventFields,
  renderTemplates,
  type EventFields,
  type HostInfo,
} from '../../delivery/wire.js';
import type { PeerRequest, PeerSettings } from '../../delivery/peers.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { SnmptrapConfig } from './config.js';
import { snmptrapOptions, type SnmptrapOptions } from './options.js';
import type { SnmptrapService } from './service.js';

/** The settings of the snmptrap connection of one [snmptrap]: one SNMP v2c session (UDP). */
export function snmptrapSettings(config: SnmptrapConfig): PeerSettings<'snmptrap'> {
  return {
    addr: config.addr,
    community: config.community,
    retries: config.retries,
  };
}

/** The request for one event: what Kapacitor's snmptrap handler sends. */
export function snmptrapRequest(
  _config: SnmptrapConfig,
  options: SnmptrapOptions,
  _event: EventFields,
  _host: HostInfo,
): PeerRequest<'snmptrap'> {
  return { transport: 'snmptrap', trapOID: options['trap-oid'], data: options['data-list'] };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveSnmptrapOptions(
  options: SnmptrapOptions,
  _config: SnmptrapConfig,
  event: AlertEvent,
): SnmptrapOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    'data-list': renderTemplates('data-list', options['data-list'], data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendSnmptrap(
  service: SnmptrapService,
  options: SnmptrapOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveSnmptrapOptions(options, config, event);
  await service.peers.send(
    '',
    snmptrapRequest(config, resolved, eventFields(event), service.host),
    { signal, key: event },
  );
}

export const snmptrapHandler = defineHandlerKind<typeof snmptrapOptions, SnmptrapService>({
  kind: 'snmptrap',
  service: 'snmptrap',
  external: true,
  options: snmptrapOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendSnmptrap(service, options, event, signal) };
  },
});
