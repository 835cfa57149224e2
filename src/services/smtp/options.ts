// Options of a `smtp` handler: the HTTP API, handler files and `.email()` in TICKscript.
// Generated from generators/catalogue/smtp.yaml by `npm run new-handler smtp`: do not edit.

import { z } from 'zod';
import { emailList, stringList, templated } from '../../config/fields.js';

export const smtpOptions = z.strictObject({
  to: emailList([], 'Recipients (default: the configured to)'),
  'to-field': templated(
    stringList(
      [],
      'More recipients: Go templates over the event data (.Name, .TaskName, .Group, .Tags, .Fields, ...); empty results are skipped',
    ),
  ),
});

export type SmtpOptions = z.output<typeof smtpOptions>;
