// [servicenow]: configuration of the servicenow handler.
// Generated from generators/catalogue/servicenow.yaml by `npm run new-handler servicenow`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, headerSafe, httpURL, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const servicenowConfig = defineSection({
  name: 'servicenow',
  description: 'posts the alert as an event record to ServiceNow Event Management.',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to ServiceNow'),
    url: httpURL(
      'https://instance.service-now.com/api/global/em/jsonv2',
      'The Event Management web service URL',
    ),
    source: string('', 'Default event source'),
    username: headerSafe(string('', 'Basic auth user (sent only with a password)')),
    password: headerSafe(secret('', 'Basic auth password (sent only with a username)')),
    global: bool(false, 'Send every alert here, not only those of tasks that name serviceNow'),
    'state-changes-only': bool(false, 'With global, only state changes'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type ServicenowConfig = z.output<typeof servicenowConfig.schema>;
