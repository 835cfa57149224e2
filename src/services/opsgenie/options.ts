// Options of a `opsgenie` handler: the HTTP API, handler files and `.opsGenie()` in TICKscript.
// Generated from generators/catalogue/opsgenie.yaml by `npm run new-handler opsgenie`: do not edit.

import { z } from 'zod';
import { stringList } from '../../config/fields.js';

export const opsgenieOptions = z.strictObject({
  'teams-list': stringList([], 'Teams to notify'),
  'recipients-list': stringList([], 'Recipients to notify'),
});

export type OpsgenieOptions = z.output<typeof opsgenieOptions>;
