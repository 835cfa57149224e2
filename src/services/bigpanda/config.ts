// [bigpanda]: configuration of the bigpanda handler.
// Generated from generators/catalogue/bigpanda.yaml by `npm run new-handler bigpanda`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, headerSafe, httpURL, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const bigpandaConfig = defineSection({
  name: 'bigpanda',
  description:
    "sends alerts to BigPanda's alerts API, with tags, fields and attributes as alert properties.",
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to BigPanda'),
    global: bool(false, 'Send every alert to BigPanda, not only those of tasks that name bigPanda'),
    'app-key': string('', 'Application key of the BigPanda integration'),
    token: headerSafe(secret('', 'Organization token, sent as `Authorization: Bearer`')),
    'state-changes-only': bool(false, 'With global, only state changes'),
    'insecure-skip-verify': bool(false, "Do not verify the API's TLS certificate"),
    url: httpURL('https://api.bigpanda.io/data/v2/alerts', 'The alerts API URL'),
    'auto-attributes': string(
      'tags,fields',
      "Which of the event's tags and fields become alert properties (`tags`, `fields`, `tags,fields` or empty)",
    ),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c['app-key'] === '') return { key: 'app-key', message: 'must be set when enabled = true' };
    if (c.token === '') return { key: 'token', message: 'must be set when enabled = true' };
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type BigpandaConfig = z.output<typeof bigpandaConfig.schema>;
