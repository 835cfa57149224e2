// `.telegram()` on |alert() and its chained methods.
// Generated from generators/catalogue/telegram.yaml by `npm run new-handler telegram`: do not edit.

import { defineTickHandler, flag, setOption } from '../../pipeline/handler-property.js';

export const telegramTick = defineTickHandler({
  property: 'telegram',
  args: [],
  init: () => ({}),
  methods: {
    chatId: setOption('chat-id', 'string'),
    parseMode: setOption('parse-mode', 'string'),
    disableWebPagePreview: flag('disable-web-page-preview'),
    disableNotification: flag('disable-notification'),
  },
});
