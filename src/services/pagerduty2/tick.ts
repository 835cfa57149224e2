// `.pagerDuty2()` on |alert() and its chained methods.
// Generated from generators/catalogue/pagerduty2.yaml by `npm run new-handler pagerduty2`: do not edit.

import { defineTickHandler, pushObject, setOption } from '../../pipeline/handler-property.js';

export const pagerduty2Tick = defineTickHandler({
  property: 'pagerDuty2',
  args: [],
  init: () => ({}),
  methods: {
    routingKey: setOption('routing-key', 'string'),
    link: pushObject('links', ['href', 'text'], 1),
    serviceKey: setOption('routing-key', 'string'),
  },
});
