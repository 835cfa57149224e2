// `.bigPanda()` on |alert() and its chained methods.
// Generated from generators/catalogue/bigpanda.yaml by `npm run new-handler bigpanda`: do not edit.

import { defineTickHandler, mapEntry, setOption } from '../../pipeline/handler-property.js';

export const bigpandaTick = defineTickHandler({
  property: 'bigPanda',
  args: [],
  init: () => ({}),
  methods: {
    appKey: setOption('app-key', 'string'),
    host: setOption('host', 'string'),
    primaryProperty: setOption('primary-property', 'string'),
    secondaryProperty: setOption('secondary-property', 'string'),
    attribute: mapEntry('attributes', 'any'),
  },
});
