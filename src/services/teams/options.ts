// Options of a `teams` handler: the HTTP API, handler files and `.teams()` in TICKscript.
// Generated from generators/catalogue/teams.yaml by `npm run new-handler teams`: do not edit.

import { z } from 'zod';
import { httpURL } from '../../config/fields.js';

export const teamsOptions = z.strictObject({
  'channel-url': httpURL('', "The channel's incoming webhook URL (default: the configured one)"),
});

export type TeamsOptions = z.output<typeof teamsOptions>;
