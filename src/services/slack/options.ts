// Options of a `slack` handler: the HTTP API, handler files and `.slack()` in TICKscript.
// Generated from generators/catalogue/slack.yaml by `npm run new-handler slack`: do not edit.

import { z } from 'zod';
import { string } from '../../config/fields.js';

export const slackOptions = z.strictObject({
  workspace: string('', 'Which workspace to post to (default: the default one)'),
  channel: string('', 'Channel to post to'),
  username: string('', 'Username to post as'),
  'icon-emoji': string('', 'Icon emoji of the message'),
});

export type SlackOptions = z.output<typeof slackOptions>;
