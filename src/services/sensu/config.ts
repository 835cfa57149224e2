// [sensu]: configuration of the sensu handler.
// Generated from generators/catalogue/sensu.yaml by `npm run new-handler sensu`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, hostPort, string, stringList } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const sensuConfig = defineSection({
  name: 'sensu',
  description:
    'writes the alert as a check result to the Sensu client socket (TCP), which must answer ok.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Sensu'),
    addr: hostPort('', "The Sensu client socket's host:port"),
    source: string('Kapacitor', 'Default source (the JIT client name) of the check results'),
    handlers: stringList([], 'Default Sensu handlers'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.addr === '') return { key: 'addr', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type SensuConfig = z.output<typeof sensuConfig.schema>;
