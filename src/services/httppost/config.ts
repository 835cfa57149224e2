// [[httppost]]: named endpoints for the `post` handler and the httpPost node, keyed by `endpoint`.

import { z } from 'zod';
import { absolutePath, headerMap, httpURL, secretObject, string } from '../../config/fields.js';
import { defineListSection } from '../../config/section.js';

export const basicAuthSchema = z.strictObject({
  username: z.string().default(''),
  password: z.string().default(''),
});

export const httppostConfig = defineListSection({
  name: 'httppost',
  description: 'Named HTTP endpoints that `post` handlers and httpPost nodes send to.',
  key: 'endpoint',
  defaults: [{ endpoint: 'example', url: 'http://example.com' }],
  schema: z.strictObject({
    endpoint: string(
      '',
      'Name of the endpoint, used by `.post().endpoint(name)` and the `endpoint` option',
    ),
    url: httpURL('', 'URL to POST to (http or https); a Go template over the alert data', {
      template: true,
    }),
    headers: headerMap({}, 'Headers added to every request (values redacted when read back)'),
    'basic-auth': secretObject(basicAuthSchema.optional(), 'Basic auth `{ username, password }`'),
    'alert-template': string('', 'Go template for the alert body (instead of the AlertData JSON)'),
    'alert-template-file': absolutePath('', 'Absolute path of a file holding the alert template'),
    'row-template': string('', 'Go template for httpPost node bodies'),
    'row-template-file': absolutePath('', 'Absolute path of a file holding the row template'),
  }),
  validate: (c) => {
    if (c.url === '') return { key: 'url', message: 'must be set' };
    if (c['alert-template'] !== '' && c['alert-template-file'] !== '') {
      return { key: 'alert-template-file', message: 'cannot be set together with alert-template' };
    }
    if (c['row-template'] !== '' && c['row-template-file'] !== '') {
      return { key: 'row-template-file', message: 'cannot be set together with row-template' };
    }
    return undefined;
  },
});

export type HttppostConfig = z.output<typeof httppostConfig.schema>;
