// [hipchat]: configuration of the hipchat handler.
// Generated from generators/catalogue/hipchat.yaml by `npm run new-handler hipchat`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const hipchatConfig = defineSection({
  name: 'hipchat',
  description: 'posts a coloured room notification through the HipChat v2 API.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to HipChat'),
    url: httpURL(
      '',
      'The HipChat API URL of the rooms (e.g. https://subdomain.hipchat.com/v2/room)',
    ),
    token: secret('', 'Default authentication token (sent as the auth_token query parameter)'),
    room: string('', 'Default room (name or ID)'),
    global: bool(false, 'Send every alert to HipChat, not only those of tasks that name hipChat'),
    'state-changes-only': bool(false, 'With global, only state changes'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type HipchatConfig = z.output<typeof hipchatConfig.schema>;
