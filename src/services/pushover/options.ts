// Options of a `pushover` handler: the HTTP API, handler files and `.pushover()` in TICKscript.
// Generated from generators/catalogue/pushover.yaml by `npm run new-handler pushover`: do not edit.

import { z } from 'zod';
import { httpURL, secret, string } from '../../config/fields.js';

export const pushoverOptions = z.strictObject({
  'user-key': secret('', 'User or group key to alert'),
  device: string('', "Device names to send to instead of all the user's devices (comma-separated)"),
  title: string('', "Message title (default: the app's name)"),
  url: httpURL('', 'A supplementary URL shown with the message'),
  'url-title': string('', 'Title of the supplementary URL'),
  sound: string('', "A sound that overrides the user's default"),
});

export type PushoverOptions = z.output<typeof pushoverOptions>;
