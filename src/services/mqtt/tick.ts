// `.mqtt()` on |alert() and its chained methods.
// Generated from generators/catalogue/mqtt.yaml by `npm run new-handler mqtt`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const mqttTick = defineTickHandler({
  property: 'mqtt',
  args: ['string'],
  init: ([topic]) => ({ ...(topic === undefined ? {} : { topic: String(topic) }) }),
  methods: {
    brokerName: setOption('broker-name', 'string'),
    topic: setOption('topic', 'string'),
    qos: setOption('qos', 'int', Number),
    retained: setOption('retained', 'bool'),
  },
});
