// Options of a `sensu` handler: the HTTP API, handler files and `.sensu()` in TICKscript.
// Generated from generators/catalogue/sensu.yaml by `npm run new-handler sensu`: do not edit.

import { z } from 'zod';
import { jsonMap, string, stringList, templated } from '../../config/fields.js';

export const sensuOptions = z.strictObject({
  source: templated(
    string('', 'Source of the check result (a Go template; default: the configured source)'),
  ),
  handlers: stringList([], 'Sensu handlers (default: the configured ones)'),
  metadata: jsonMap({}, 'Extra members of the check result (the five standard ones win)'),
});

export type SensuOptions = z.output<typeof sensuOptions>;
