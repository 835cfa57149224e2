// `.exec(prog, args...)` on |alert().

import { defineTickHandler } from '../../pipeline/handler-property.js';

export const execTick = defineTickHandler({
  property: 'exec',
  args: ['string', 'string'],
  optionalArgs: 1,
  variadic: true,
  init: ([prog, ...args]) => ({ prog: String(prog), args: args.map(String) }),
  methods: {},
});
