// `.opsGenie()` on |alert() and its chained methods.
// Generated from generators/catalogue/opsgenie.yaml by `npm run new-handler opsgenie`: do not edit.

import { defineTickHandler, stringList } from '../../pipeline/handler-property.js';

export const opsgenieTick = defineTickHandler({
  property: 'opsGenie',
  args: [],
  init: () => ({}),
  methods: {
    teams: stringList('teams-list'),
    recipients: stringList('recipients-list'),
  },
});
