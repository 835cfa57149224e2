// Options of a `discord` handler: the HTTP API, handler files and `.discord()` in TICKscript.
// Generated from generators/catalogue/discord.yaml by `npm run new-handler discord`: do not edit.

import { z } from 'zod';
import { httpURL, string, templated } from '../../config/fields.js';

export const discordOptions = z.strictObject({
  workspace: string('', 'Which workspace to post to (default: the default one)'),
  username: string('', 'Username of the webhook'),
  'avatar-url': httpURL('', 'Avatar URL of the webhook'),
  'embed-title': templated(string('', 'Title of the embed')),
});

export type DiscordOptions = z.output<typeof discordOptions>;
