// `.slack()` on |alert() and its chained methods.
// Generated from generators/catalogue/slack.yaml by `npm run new-handler slack`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const slackTick = defineTickHandler({
  property: 'slack',
  args: [],
  init: () => ({}),
  methods: {
    workspace: setOption('workspace', 'string'),
    channel: setOption('channel', 'string'),
    username: setOption('username', 'string'),
    iconEmoji: setOption('icon-emoji', 'string'),
  },
});
