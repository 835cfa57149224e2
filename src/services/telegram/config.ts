// [telegram]: configuration of the telegram handler.
// Generated from generators/catalogue/telegram.yaml by `npm run new-handler telegram`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, oneOf, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const telegramConfig = defineSection({
  name: 'telegram',
  description: 'sends the alert message to a Telegram chat through a bot (sendMessage).',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Telegram'),
    url: httpURL(
      'https://api.telegram.org/bot',
      'The Bot API URL; the token and /sendMessage are appended',
    ),
    token: secret('', 'The bot token (from @BotFather)'),
    'chat-id': string('', 'Default chat: a user, group or channel ID'),
    'parse-mode': oneOf(['Markdown', 'HTML'], '', 'Default text formatting', {
      caseInsensitive: true,
    }),
    'disable-web-page-preview': bool(false, 'Disable link previews in every message'),
    'disable-notification': bool(false, 'Send every message silently'),
    global: bool(false, 'Send every alert here, not only those of tasks that name telegram'),
    'state-changes-only': bool(false, 'With global, only state changes'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    if (c.token === '') return { key: 'token', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type TelegramConfig = z.output<typeof telegramConfig.schema>;
