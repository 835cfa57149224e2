// Options of a `mqtt` handler: the HTTP API, handler files and `.mqtt()` in TICKscript.
// Generated from generators/catalogue/mqtt.yaml by `npm run new-handler mqtt`: do not edit.

import { z } from 'zod';
import { bool, mqttQoS, mqttTopic, string, templated } from '../../config/fields.js';

export const mqttOptions = z.strictObject({
  'broker-name': string('', 'Which broker to publish to (default: the default one)'),
  topic: templated(
    mqttTopic('', 'The topic, a Go template over the alert (no + or # wildcards)', {
      required: true,
      template: true,
    }),
  ),
  qos: mqttQoS(0, 'QoS: 0, 1, 2, or "at-most-once", "at-least-once", "exactly-one"'),
  retained: bool(false, 'Publish with the retain flag'),
});

export type MqttOptions = z.output<typeof mqttOptions>;
