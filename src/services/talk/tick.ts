// `.talk()` on |alert() and its chained methods.
// Generated from generators/catalogue/talk.yaml by `npm run new-handler talk`: do not edit.

import { defineTickHandler } from '../../pipeline/handler-property.js';

export const talkTick = defineTickHandler({
  property: 'talk',
  args: [],
  init: () => ({}),
  methods: {},
});
