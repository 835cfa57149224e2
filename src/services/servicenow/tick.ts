// `.serviceNow()` on |alert() and its chained methods.
// Generated from generators/catalogue/servicenow.yaml by `npm run new-handler servicenow`: do not edit.

import {
  defineTickHandler,
  ignored,
  mapEntry,
  setOption,
} from '../../pipeline/handler-property.js';

export const servicenowTick = defineTickHandler({
  property: 'serviceNow',
  args: [],
  init: () => ({}),
  methods: {
    URL: setOption('url', 'string'),
    source: setOption('source', 'string'),
    node: setOption('node', 'string'),
    type: setOption('type', 'string'),
    resource: setOption('resource', 'string'),
    metricName: setOption('metricname', 'string'),
    messageKey: setOption('messagekey', 'string'),
    additionalInfo: mapEntry('additional_info', 'any'),
    username: ignored('string'),
    password: ignored('string'),
  },
});
