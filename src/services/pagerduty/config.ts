// [pagerduty]: configuration of the pagerduty handler.
// Generated from generators/catalogue/pagerduty.yaml by `npm run new-handler pagerduty`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const pagerdutyConfig = defineSection({
  name: 'pagerduty',
  description: "triggers and resolves incidents through PagerDuty's generic events API (v1).",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to PagerDuty'),
    url: httpURL(
      'https://events.pagerduty.com/generic/2010-04-15/create_event.json',
      'The generic events API URL',
    ),
    'service-key': secret('', 'Default service key of the PagerDuty service'),
    global: bool(
      false,
      'Send every alert to PagerDuty, not only those of tasks that name pagerDuty',
    ),
  }),
});

export type PagerdutyConfig = z.output<typeof pagerdutyConfig.schema>;
