// The `kafka` handler: produces the alert (its AlertData JSON, or a template's output) to a Kafka topic, keyed by the alert ID.
// Generated from generators/catalogue/kafka.yaml by `npm run new-handler kafka`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { alertDataTemplateData } from '../../alert/template-data.js';
import {
  eventFields,
  milliseconds,
  alertJSON,
  kafkaPartitioning,
  renderTemplate,
  type EventFields,
  type HostInfo,
} from '../../delivery/wire.js';
import type { PeerRequest, PeerSettings } from '../../delivery/peers.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { KafkaConfig } from './config.js';
import { kafkaOptions, type KafkaOptions } from './options.js';
import type { KafkaService } from './service.js';

/** The settings of the kafka connection of one [[kafka]] element: one Kafka producer, batching records. */
export function kafkaSettings(config: KafkaConfig): PeerSettings<'kafka'> {
  return {
    id: config.id,
    brokers: config.brokers,
    timeoutMs: milliseconds(config.timeout),
    batchSize: config['batch-size'],
    batchTimeoutMs: milliseconds(config['batch-timeout']),
    useSSL: config['use-ssl'],
    sslCA: config['ssl-ca'],
    sslCert: config['ssl-cert'],
    sslKey: config['ssl-key'],
    insecureSkipVerify: config['insecure-skip-verify'],
    saslUsername: config['sasl-username'],
    saslPassword: config['sasl-password'],
    saslMechanism: config['sasl-mechanism'],
  };
}

/** The request for one event: what Kapacitor's kafka handler sends. */
export function kafkaRequest(
  _config: KafkaConfig,
  options: KafkaOptions,
  event: EventFields,
  _host: HostInfo,
): PeerRequest<'kafka'> {
  return {
    transport: 'kafka',
    topic: options.topic,
    key: event.id,
    value: options.template === '' ? alertJSON(event) : options.template,
    partitioning: kafkaPartitioning(options.partitionAlgorithm, options.disablePartitionById),
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveKafkaOptions(
  options: KafkaOptions,
  _config: KafkaConfig,
  event: AlertEvent,
): KafkaOptions {
  const data = alertDataTemplateData(event);
  return {
    ...options,
    template: renderTemplate('template', options.template, data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendKafka(
  service: KafkaService,
  options: KafkaOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.element(options.cluster);
  if (!config) {
    throw new DeliveryError('protocol', `no [[kafka]] element "${options.cluster}"`, {
      retryable: false,
    });
  }
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveKafkaOptions(options, config, event);
  await service.peers.send(
    config.id,
    kafkaRequest(config, resolved, eventFields(event), service.host),
    { signal, key: event },
  );
}

export const kafkaHandler = defineHandlerKind<typeof kafkaOptions, KafkaService>({
  kind: 'kafka',
  service: 'kafka',
  external: true,
  options: kafkaOptions,
  create(options, { service }) {
    if (!service.element(options.cluster)) {
      throw new OptionsError('kafka', 'cluster', `no [[kafka]] element "${options.cluster}"`);
    }
    return { handle: (event, signal) => sendKafka(service, options, event, signal) };
  },
});
