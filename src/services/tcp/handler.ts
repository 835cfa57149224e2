// The `tcp` handler: a new connection per event carrying the AlertData JSON and a blank line.

import { encodeAlertData } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { sendTCP } from '../../delivery/tcp.js';
import { tcpOptions } from './options.js';

export const tcpHandler = defineHandlerKind({
  kind: 'tcp',
  external: true,
  options: tcpOptions,
  create(options) {
    if (options.address === '') throw new OptionsError('tcp', 'address', 'is required (host:port)');
    return {
      async handle(event, signal) {
        // Encoder output plus the extra newline Kapacitor writes.
        await sendTCP({ address: options.address, data: encodeAlertData(event) + '\n', signal });
      },
    };
  },
});
