// [snmptrap]: configuration of the snmptrap handler.
// Generated from generators/catalogue/snmptrap.yaml by `npm run new-handler snmptrap`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, hostPort, int, secret } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const snmptrapConfig = defineSection({
  name: 'snmptrap',
  description: "sends an SNMP v2c trap per alert, with the handler's data items as typed varbinds.",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts as SNMP traps'),
    addr: hostPort('localhost:162', "The trap receiver's host:port (UDP)"),
    community: secret('kapacitor', 'The SNMP v2c community'),
    retries: int(1, 'Retries of acknowledged SNMP requests'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.addr === '') return { key: 'addr', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type SnmptrapConfig = z.output<typeof snmptrapConfig.schema>;
