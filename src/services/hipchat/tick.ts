// `.hipChat()` on |alert() and its chained methods.
// Generated from generators/catalogue/hipchat.yaml by `npm run new-handler hipchat`: do not edit.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const hipchatTick = defineTickHandler({
  property: 'hipChat',
  args: [],
  init: () => ({}),
  methods: {
    room: setOption('room', 'string'),
    token: setOption('token', 'string'),
  },
});
