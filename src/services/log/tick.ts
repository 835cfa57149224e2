// `.log(path)` on |alert(), with `.mode(0644)`.

import { defineTickHandler, setOption } from '../../pipeline/handler-property.js';

export const logTick = defineTickHandler({
  property: 'log',
  args: ['string'],
  init: ([path]) => ({ path: String(path) }),
  methods: {
    mode: setOption('mode', 'int', Number),
  },
});
