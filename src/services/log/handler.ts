// The `log` handler: append the AlertData JSON of each event to a file.

import { open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { encodeAlertData } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { DeliveryError } from '../../delivery/errors.js';
import { logOptions } from './options.js';

export const logHandler = defineHandlerKind({
  kind: 'log',
  external: true,
  options: logOptions,
  create(options) {
    if (!isAbsolute(options.path))
      throw new OptionsError('log', 'path', `must be an absolute path, got "${options.path}"`);
    if ((options.mode & 0o200) === 0) {
      throw new OptionsError(
        'log',
        'mode',
        `must include owner write (0200), got 0${options.mode.toString(8)}`,
      );
    }
    return {
      async handle(event) {
        const line = encodeAlertData(event);
        // Open per event, as Kapacitor does, so rotated files are picked up.
        let file;
        try {
          file = await open(options.path, 'a', options.mode);
          await file.write(line);
        } catch (err) {
          throw new DeliveryError(
            'io',
            `failed to write to ${options.path}: ${(err as Error).message}`,
            { cause: err },
          );
        } finally {
          await file?.close();
        }
      },
    };
  },
});
