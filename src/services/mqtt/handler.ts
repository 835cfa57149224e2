// The `mqtt` handler: publishes the alert message to an MQTT topic, with the handler's QoS and retain flag.
// Generated from generators/catalogue/mqtt.yaml by `npm run new-handler mqtt`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  eventFields,
  renderTemplate,
  type EventFields,
  type HostInfo,
} from '../../delivery/wire.js';
import type { PeerRequest, PeerSettings } from '../../delivery/peers.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { MqttConfig } from './config.js';
import { mqttOptions, type MqttOptions } from './options.js';
import type { MqttService } from './service.js';

/** The settings of the mqtt connection of one [[mqtt]] element: one MQTT 3.1.1 client, reconnecting in the background. */
export function mqttSettings(config: MqttConfig): PeerSettings<'mqtt'> {
  return {
    name: config.name,
    url: config.url,
    sslCA: config['ssl-ca'],
    sslCert: config['ssl-cert'],
    sslKey: config['ssl-key'],
    insecureSkipVerify: config['insecure-skip-verify'],
    clientID: config['client-id'],
    username: config.username,
    password: config.password,
  };
}

/** The request for one event: what Kapacitor's mqtt handler sends. */
export function mqttRequest(
  _config: MqttConfig,
  options: MqttOptions,
  event: EventFields,
  _host: HostInfo,
): PeerRequest<'mqtt'> {
  return {
    transport: 'mqtt',
    topic: options.topic,
    payload: event.message,
    qos: options.qos,
    retained: options.retained,
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveMqttOptions(
  options: MqttOptions,
  _config: MqttConfig,
  event: AlertEvent,
): MqttOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    topic: renderTemplate('topic', options.topic, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendMqtt(
  service: MqttService,
  options: MqttOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.element(options['broker-name']);
  if (!config) {
    throw new DeliveryError('protocol', `no [[mqtt]] element "${options['broker-name']}"`, {
      retryable: false,
    });
  }
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveMqttOptions(options, config, event);
  await service.peers.send(
    config.name,
    mqttRequest(config, resolved, eventFields(event), service.host),
    { signal, key: event },
  );
}

export const mqttHandler = defineHandlerKind<typeof mqttOptions, MqttService>({
  kind: 'mqtt',
  service: 'mqtt',
  external: true,
  options: mqttOptions,
  create(options, { service }) {
    if (!service.element(options['broker-name'])) {
      throw new OptionsError(
        'mqtt',
        'broker-name',
        `no [[mqtt]] element "${options['broker-name']}"`,
      );
    }
    return { handle: (event, signal) => sendMqtt(service, options, event, signal) };
  },
});
