// Options of a `hipchat` handler: the HTTP API, handler files and `.hipChat()` in TICKscript.
// Generated from generators/catalogue/hipchat.yaml by `npm run new-handler hipchat`: do not edit.

import { z } from 'zod';
import { string } from '../../config/fields.js';

export const hipchatOptions = z.strictObject({
  room: string('', 'Room to notify (name or ID)'),
  token: string('', 'Authentication token for the room'),
});

export type HipchatOptions = z.output<typeof hipchatOptions>;
