// Options of a `pagerduty` handler: the HTTP API, handler files and `.pagerDuty()` in TICKscript.
// Generated from generators/catalogue/pagerduty.yaml by `npm run new-handler pagerduty`: do not edit.

import { z } from 'zod';
import { string } from '../../config/fields.js';

export const pagerdutyOptions = z.strictObject({
  'service-key': string('', 'Service key of the PagerDuty service'),
});

export type PagerdutyOptions = z.output<typeof pagerdutyOptions>;
