// `.post([url])` on |alert() and its chained methods.

import {
  defineTickHandler,
  durationToNs,
  flag,
  setOption,
  TickArgumentError,
} from '../../pipeline/handler-property.js';

export const httppostTick = defineTickHandler({
  property: 'post',
  args: ['string'],
  optionalArgs: 1,
  init: ([url]) => (url === undefined ? {} : { url: String(url) }),
  methods: {
    endpoint: setOption('endpoint', 'string'),
    header: {
      args: ['string', 'string'],
      apply(o, [k, v]) {
        if (String(k).toLowerCase() === 'authenticate')
          throw new TickArgumentError("cannot set 'authenticate' header");
        o.headers = { ...((o.headers as Record<string, string>) ?? {}), [String(k)]: String(v) };
      },
    },
    captureResponse: flag('capture-response'),
    timeout: setOption('timeout', 'duration', durationToNs),
    // Accepted for compatibility; Kapacitor does not pass it on to the handler either.
    skipSSLVerification: { args: [], apply: () => {} },
  },
});
