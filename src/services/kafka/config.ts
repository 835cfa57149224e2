// [[kafka]]: configuration of the kafka handler.
// Generated from generators/catalogue/kafka.yaml by `npm run new-handler kafka`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, brokerList, duration, int, oneOf, secret, string } from '../../config/fields.js';
import { defineListSection } from '../../config/section.js';

export const kafkaConfig = defineListSection({
  name: 'kafka',
  description:
    "produces the alert (its AlertData JSON, or a template's output) to a Kafka topic, keyed by the alert ID.",
  key: 'id',
  defaults: [{}],
  schema: z.strictObject({
    enabled: bool(false, 'Produce alerts to this cluster'),
    id: string('default', 'Name of this cluster (the element key, and the Kafka client id)'),
    brokers: brokerList([], 'Bootstrap brokers, host:port each', { allowEmpty: true }),
    timeout: duration('0s', 'Network timeout (0: 10s)'),
    'batch-size': int(0, 'Records per Produce request at most (0: 100)'),
    'batch-timeout': duration(
      '0s',
      'Longest wait of a record while an earlier request is on its way (0: 1s)',
    ),
    'use-ssl': bool(false, 'Connect with TLS'),
    'ssl-ca': string('', 'CA file'),
    'ssl-cert': string('', 'Client certificate file'),
    'ssl-key': string('', 'Client key file'),
    'insecure-skip-verify': bool(false, "Do not verify the brokers' TLS certificates"),
    'sasl-username': string('', 'SASL user name'),
    'sasl-password': secret('', 'SASL password'),
    'sasl-mechanism': oneOf(
      ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
      '',
      "SASL mechanism ('': PLAIN when a user name is set)",
      { caseInsensitive: true },
    ),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.brokers.length === 0)
      return { key: 'brokers', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type KafkaConfig = z.output<typeof kafkaConfig.schema>;
