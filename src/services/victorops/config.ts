// [victorops]: configuration of the victorops handler.
// Generated from generators/catalogue/victorops.yaml by `npm run new-handler victorops`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const victoropsConfig = defineSection({
  name: 'victorops',
  description: 'posts the alert to the VictorOps REST integration (<url>/<api-key>/<routing-key>).',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to VictorOps'),
    'api-key': secret('', 'The REST integration API key (a path segment of the URL)'),
    'routing-key': string('', 'Default routing key (a path segment of the URL)'),
    url: httpURL(
      'https://alert.victorops.com/integrations/generic/20131114/alert',
      'The REST integration URL; the API key and routing key are appended',
    ),
    global: bool(false, 'Send every alert here, not only those of tasks that name victorOps'),
    'json-data': bool(false, 'Send the alert data as a JSON object instead of a JSON string'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type VictoropsConfig = z.output<typeof victoropsConfig.schema>;
