// [teams]: configuration of the teams handler.
// Generated from generators/catalogue/teams.yaml by `npm run new-handler teams`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const teamsConfig = defineSection({
  name: 'teams',
  description: "posts the alert as a MessageCard to a Microsoft Teams channel's incoming webhook.",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Microsoft Teams'),
    'channel-url': httpURL('', "The channel's incoming webhook URL"),
    global: bool(false, 'Send every alert here, not only those of tasks that name teams'),
    'state-changes-only': bool(false, 'With global, only state changes'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c['channel-url'] === '')
      return { key: 'channel-url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type TeamsConfig = z.output<typeof teamsConfig.schema>;
