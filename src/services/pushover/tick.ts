// `.pushover()` on |alert() and its chained methods.
// Generated from generators/catalogue/pushover.yaml by `npm run new-handler pushover`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const pushoverTick = defineTickHandler({
  property: 'pushover',
  args: [],
  init: () => ({}),
  methods: {
    userKey: setOption('user-key', 'string'),
    device: setOption('device', 'string'),
    title: setOption('title', 'string'),
    URL: setOption('url', 'string'),
    URLTitle: setOption('url-title', 'string'),
    sound: setOption('sound', 'string'),
  },
});
