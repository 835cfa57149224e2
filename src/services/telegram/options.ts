// Options of a `telegram` handler: the HTTP API, handler files and `.telegram()` in TICKscript.
// Generated from generators/catalogue/telegram.yaml by `npm run new-handler telegram`: do not edit.

import { z } from 'zod';
import { bool, oneOf, string } from '../../config/fields.js';

export const telegramOptions = z.strictObject({
  'chat-id': string('', 'Chat to send to'),
  'parse-mode': oneOf(['Markdown', 'HTML'], '', 'Text formatting (Markdown or HTML)', {
    caseInsensitive: true,
  }),
  'disable-web-page-preview': bool(false, 'Disable link previews (also when the config says so)'),
  'disable-notification': bool(false, 'Send silently (also when the config says so)'),
});

export type TelegramOptions = z.output<typeof telegramOptions>;
