// `.victorOps()` on |alert() and its chained methods.
// Generated from generators/catalogue/victorops.yaml by `npm run new-handler victorops`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const victoropsTick = defineTickHandler({
  property: 'victorOps',
  args: [],
  init: () => ({}),
  methods: {
    routingKey: setOption('routing-key', 'string'),
  },
});
