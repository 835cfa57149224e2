// `.snmpTrap()` on |alert() and its chained methods.
// Generated from generators/catalogue/snmptrap.yaml by `npm run new-handler snmptrap`: do not edit.

import { defineTickHandler, pushObject } from '../../pipeline/handler-property.js';

export const snmptrapTick = defineTickHandler({
  property: 'snmpTrap',
  args: ['string'],
  init: ([trapOid]) => ({ ...(trapOid === undefined ? {} : { 'trap-oid': String(trapOid) }) }),
  methods: {
    data: pushObject('data-list', ['oid', 'type', 'value'], 0),
  },
});
