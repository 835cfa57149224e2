// [opsgenie]: configuration of the opsgenie handler.
// Generated from generators/catalogue/opsgenie.yaml by `npm run new-handler opsgenie`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret, stringList } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const opsgenieConfig = defineSection({
  name: 'opsgenie',
  description: 'creates and closes OpsGenie alerts through the v1 alert API.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to OpsGenie'),
    'api-key': secret('', 'The OpsGenie API key'),
    teams: stringList([], 'Default teams to notify'),
    recipients: stringList([], 'Default recipients to notify'),
    url: httpURL('https://api.opsgenie.com/v1/json/alert', 'The alert API URL'),
    recovery_url: httpURL(
      'https://api.opsgenie.com/v1/json/alert/note',
      'The API URL recoveries (OK events) go to',
    ),
    global: bool(false, 'Send every alert to OpsGenie, not only those of tasks that name opsGenie'),
  }),
});

export type OpsgenieConfig = z.output<typeof opsgenieConfig.schema>;
