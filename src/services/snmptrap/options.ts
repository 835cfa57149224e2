// Options of a `snmptrap` handler: the HTTP API, handler files and `.snmpTrap()` in TICKscript.
// Generated from generators/catalogue/snmptrap.yaml by `npm run new-handler snmptrap`: do not edit.

import { z } from 'zod';
import { snmpDataList, snmpOID, templated } from '../../config/fields.js';

export const snmptrapOptions = z.strictObject({
  'trap-oid': snmpOID('', 'The trap OID, sent as snmpTrapOID.0 (`.snmpTrap(oid)` in TICKscript)', {
    required: true,
  }),
  'data-list': templated(
    snmpDataList(
      'The varbinds after sysUpTime.0 and snmpTrapOID.0: { oid, type, value } with type c (Counter64), i (Integer), n (Null), s (OctetString) or t (TimeTicks); the values are Go templates',
    ),
  ),
});

export type SnmptrapOptions = z.output<typeof snmptrapOptions>;
