// [[mqtt]]: configuration of the mqtt handler.
// Generated from generators/catalogue/mqtt.yaml by `npm run new-handler mqtt`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, mqttURL, secret, string } from '../../config/fields.js';
import { defineListSection } from '../../config/section.js';

export const mqttConfig = defineListSection({
  name: 'mqtt',
  description:
    "publishes the alert message to an MQTT topic, with the handler's QoS and retain flag.",
  key: 'name',
  defaults: [{}],
  defaultFlag: 'default',
  schema: z.strictObject({
    enabled: bool(false, 'Connect to this broker and publish alerts'),
    name: string(
      'default',
      'Name of this broker (the element key; the client id when client-id is empty)',
    ),
    default: bool(false, 'The broker handlers use when they name none (one of several must be)'),
    url: mqttURL('', 'The broker: tcp://host:1883, ssl://host:8883, ws:// or wss://'),
    'ssl-ca': string('', 'CA file for ssl:// and wss://'),
    'ssl-cert': string('', 'Client certificate file'),
    'ssl-key': string('', 'Client key file'),
    'insecure-skip-verify': bool(false, "Do not verify the broker's TLS certificate"),
    'client-id': string('', 'MQTT client id (default: the name)'),
    username: string('', 'CONNECT user name'),
    password: secret('', 'CONNECT password'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type MqttConfig = z.output<typeof mqttConfig.schema>;
