// Options of a `victorops` handler: the HTTP API, handler files and `.victorOps()` in TICKscript.
// Generated from generators/catalogue/victorops.yaml by `npm run new-handler victorops`: do not edit.

import { z } from 'zod';
import { string } from '../../config/fields.js';

export const victoropsOptions = z.strictObject({
  'routing-key': string('', 'Routing key (a path segment of the URL)'),
});

export type VictoropsOptions = z.output<typeof victoropsOptions>;
