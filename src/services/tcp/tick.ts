// `.tcp(address)` on |alert().

import { defineTickHandler } from '../../pipeline/handler-property.js';

export const tcpTick = defineTickHandler({
  property: 'tcp',
  args: ['string'],
  init: ([address]) => ({ address: String(address) }),
  methods: {},
});
