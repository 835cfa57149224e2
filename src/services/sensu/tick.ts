// `.sensu()` on |alert() and its chained methods.
// Generated from generators/catalogue/sensu.yaml by `npm run new-handler sensu`: do not edit.

import {
  defineTickHandler,
  mapEntry,
  setOption,
  stringList,
} from '../../pipeline/handler-property.js';

export const sensuTick = defineTickHandler({
  property: 'sensu',
  args: [],
  init: () => ({}),
  methods: {
    source: setOption('source', 'string'),
    handlers: stringList('handlers'),
    metadata: mapEntry('metadata', 'any'),
  },
});
