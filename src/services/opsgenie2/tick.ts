// `.opsGenie2()` on |alert() and its chained methods.
// Generated from generators/catalogue/opsgenie2.yaml by `npm run new-handler opsgenie2`: do not edit.

import {
  defineTickHandler,
  ignored,
  setOption,
  stringList,
} from '../../pipeline/handler-property.js';

export const opsgenie2Tick = defineTickHandler({
  property: 'opsGenie2',
  args: [],
  init: () => ({}),
  methods: {
    teams: stringList('teams-list'),
    recipients: stringList('recipients-list'),
    recoveryAction: setOption('recovery_action', 'string'),
    details: ignored(),
  },
});
