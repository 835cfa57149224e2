// Options of a `opsgenie2` handler: the HTTP API, handler files and `.opsGenie2()` in TICKscript.
// Generated from generators/catalogue/opsgenie2.yaml by `npm run new-handler opsgenie2`: do not edit.

import { z } from 'zod';
import { string, stringList } from '../../config/fields.js';

export const opsgenie2Options = z.strictObject({
  'teams-list': stringList([], 'Teams to notify'),
  'recipients-list': stringList([], 'Users to notify'),
  recovery_action: string(
    '',
    'What a recovery does: `close` or `notes` (otherwise the configured recovery_action)',
  ),
});

export type Opsgenie2Options = z.output<typeof opsgenie2Options>;
