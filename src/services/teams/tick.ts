// `.teams()` on |alert() and its chained methods.
// Generated from generators/catalogue/teams.yaml by `npm run new-handler teams`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const teamsTick = defineTickHandler({
  property: 'teams',
  args: [],
  init: () => ({}),
  methods: {
    channelURL: setOption('channel-url', 'string'),
  },
});
