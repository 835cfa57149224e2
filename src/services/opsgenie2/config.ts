// [opsgenie2]: configuration of the opsgenie2 handler.
// Generated from generators/catalogue/opsgenie2.yaml by `npm run new-handler opsgenie2`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, headerSafe, httpURL, secret, string, stringList } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const opsgenie2Config = defineSection({
  name: 'opsgenie2',
  description:
    'creates OpsGenie alerts through the v2 alert API, and closes or annotates them on recovery.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to OpsGenie'),
    'api-key': headerSafe(secret('', 'The OpsGenie API key, sent as `Authorization: GenieKey`')),
    teams: stringList([], 'Default teams to notify'),
    recipients: stringList([], 'Default users to notify'),
    url: httpURL('https://api.opsgenie.com/v2/alerts', 'The alert API URL'),
    recovery_action: string(
      'notes',
      'What a recovery (OK event) does to the alert: `notes` adds a note, `close` closes it; anything else means notes',
    ),
    global: bool(
      false,
      'Send every alert to OpsGenie, not only those of tasks that name opsGenie2',
    ),
    details: bool(
      false,
      "Send the event's details as the alert description (instead of its data as JSON)",
    ),
  }),
});

export type Opsgenie2Config = z.output<typeof opsgenie2Config.schema>;
