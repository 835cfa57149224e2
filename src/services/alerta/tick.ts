// `.alerta()` on |alert() and its chained methods.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit.

import {
  defineTickHandler,
  durationToNs,
  mapEntry,
  setOption,
  stringList,
} from '../../pipeline/handler-property.js';

export const alertaTick = defineTickHandler({
  property: 'alerta',
  args: [],
  init: () => ({}),
  methods: {
    token: setOption('token', 'string'),
    resource: setOption('resource', 'string'),
    event: setOption('event', 'string'),
    environment: setOption('environment', 'string'),
    group: setOption('group', 'string'),
    value: setOption('value', 'string'),
    origin: setOption('origin', 'string'),
    services: stringList('service'),
    correlated: stringList('correlate'),
    attribute: mapEntry('attributes', 'any'),
    timeout: setOption('timeout', 'duration', durationToNs),
  },
});
