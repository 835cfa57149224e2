// [pagerduty2]: configuration of the pagerduty2 handler.
// Generated from generators/catalogue/pagerduty2.yaml by `npm run new-handler pagerduty2`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const pagerduty2Config = defineSection({
  name: 'pagerduty2',
  description: 'triggers and resolves PagerDuty incidents through the Events API v2.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to PagerDuty'),
    url: httpURL('https://events.pagerduty.com/v2/enqueue', 'The Events API v2 URL'),
    'routing-key': secret('', 'Default routing (integration) key of the PagerDuty service'),
    global: bool(
      false,
      'Send every alert to PagerDuty, not only those of tasks that name pagerDuty2',
    ),
  }),
});

export type Pagerduty2Config = z.output<typeof pagerduty2Config.schema>;
