// Options of a `pagerduty2` handler: the HTTP API, handler files and `.pagerDuty2()` in TICKscript.
// Generated from generators/catalogue/pagerduty2.yaml by `npm run new-handler pagerduty2`: do not edit.

import { z } from 'zod';
import { objectList, string, templated } from '../../config/fields.js';

export const pagerduty2Options = z.strictObject({
  'routing-key': string('', 'Routing (integration) key of the PagerDuty service'),
  links: templated(
    objectList(
      ['href', 'text'],
      [],
      'Links shown with the incident (`href`, `text`); a link without text shows its href',
    ),
  ),
});

export type Pagerduty2Options = z.output<typeof pagerduty2Options>;
