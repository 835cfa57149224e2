// `.pagerDuty()` on |alert() and its chained methods.
// Generated from generators/catalogue/pagerduty.yaml by `npm run new-handler pagerduty`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const pagerdutyTick = defineTickHandler({
  property: 'pagerDuty',
  args: [],
  init: () => ({}),
  methods: {
    serviceKey: setOption('service-key', 'string'),
  },
});
