// `.discord()` on |alert() and its chained methods.
// Generated from generators/catalogue/discord.yaml by `npm run new-handler discord`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const discordTick = defineTickHandler({
  property: 'discord',
  args: [],
  init: () => ({}),
  methods: {
    workspace: setOption('workspace', 'string'),
    username: setOption('username', 'string'),
    avatarURL: setOption('avatar-url', 'string'),
    embedTitle: setOption('embed-title', 'string'),
  },
});
