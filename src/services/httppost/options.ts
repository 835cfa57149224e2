// Options of a `post` handler (HTTP API, handler files, and what `.post()` in a TICKscript sets).

import { z } from 'zod';
import { bool, headerMap, httpURL, nanoseconds, string } from '../../config/fields.js';

export const postOptions = z.strictObject({
  url: httpURL(
    '',
    'URL to POST to (http or https; a Go template over the alert data); required unless `endpoint` names an [[httppost]] endpoint',
    { template: true },
  ),
  endpoint: string(
    '',
    'Name of an [[httppost]] endpoint; when it exists its url, headers and templates win',
  ),
  headers: headerMap({}, 'Extra request headers (override the endpoint headers)'),
  'capture-response': bool(false, 'Log the response body of failed requests'),
  timeout: nanoseconds(0, 'Request timeout in nanoseconds (0 = the [alert] delivery-timeout)'),
  'skip-ssl-verification': bool(false, 'Do not verify the TLS certificate'),
});

export type PostOptions = z.output<typeof postOptions>;
