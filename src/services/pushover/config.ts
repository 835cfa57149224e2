// [pushover]: configuration of the pushover handler.
// Generated from generators/catalogue/pushover.yaml by `npm run new-handler pushover`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const pushoverConfig = defineSection({
  name: 'pushover',
  description: 'sends the alert message to Pushover with a priority from its level.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Pushover'),
    token: secret('', "The application's API token"),
    'user-key': secret('', 'The user or group key that receives the alerts'),
    url: httpURL('https://api.pushover.net/1/messages.json', 'The Pushover messages API URL'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.token === '') return { key: 'token', message: 'must be set when enabled = true' };
    if (c['user-key'] === '')
      return { key: 'user-key', message: 'must be set when enabled = true' };
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type PushoverConfig = z.output<typeof pushoverConfig.schema>;
