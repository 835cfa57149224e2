// [talk]: configuration of the talk handler.
// Generated from generators/catalogue/talk.yaml by `npm run new-handler talk`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const talkConfig = defineSection({
  name: 'talk',
  description: "posts the alert's ID and message to a Talk incoming webhook.",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Talk'),
    url: httpURL('', 'The incoming webhook URL (from the Talk integration)', { secret: true }),
    author_name: string('', 'Author name shown with each message'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type TalkConfig = z.output<typeof talkConfig.schema>;
