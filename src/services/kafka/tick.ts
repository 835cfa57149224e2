// `.kafka()` on |alert() and its chained methods.
// Generated from generators/catalogue/kafka.yaml by `npm run new-handler kafka`: do not edit.

import { defineTickHandler, flag, setOption } from '../../pipeline/handler-property.js';

export const kafkaTick = defineTickHandler({
  property: 'kafka',
  args: [],
  init: () => ({}),
  methods: {
    cluster: setOption('cluster', 'string'),
    kafkaTopic: setOption('topic', 'string'),
    template: setOption('template', 'string'),
    disablePartitionById: flag('disablePartitionById'),
    partitionHashAlgorithm: setOption('partitionAlgorithm', 'string'),
  },
});
