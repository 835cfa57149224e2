// `.email()` on |alert() and its chained methods.
// Generated from generators/catalogue/smtp.yaml by `npm run new-handler smtp`: do not edit.

import { appendList, defineTickHandler } from '../../pipeline/handler-property.js';

export const smtpTick = defineTickHandler({
  property: 'email',
  args: ['string'],
  optionalArgs: 1,
  variadic: true,
  init: (args) => ({ to: args.slice(0).map(String) }),
  methods: {
    to: appendList('to'),
    toTemplates: appendList('to-field'),
  },
});
