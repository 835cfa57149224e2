// [alerta]: configuration of the alerta handler.
// Generated from generators/catalogue/alerta.yaml by `npm run new-handler alerta`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, duration, headerSafe, httpURL, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const alertaConfig = defineSection({
  name: 'alerta',
  description: "sends alerts to an Alerta server's alert API.",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Alerta'),
    url: httpURL('', 'Base URL of the Alerta API (alerts go to <url>/alert)'),
    'insecure-skip-verify': bool(false, "Do not verify the API's TLS certificate"),
    token: headerSafe(secret('', 'Default API token')),
    'token-prefix': headerSafe(
      string(
        '',
        'Default token prefix of the Authorization header (empty means `Bearer`; `Key` for old Alerta)',
      ),
    ),
    environment: string('', 'Default environment'),
    origin: string('', 'Default origin'),
    timeout: duration(
      '0s',
      'Accepted for compatibility; handlers set their own timeout (24h by default)',
    ),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type AlertaConfig = z.output<typeof alertaConfig.schema>;
