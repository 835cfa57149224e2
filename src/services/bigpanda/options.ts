// Options of a `bigpanda` handler: the HTTP API, handler files and `.bigPanda()` in TICKscript.
// Generated from generators/catalogue/bigpanda.yaml by `npm run new-handler bigpanda`: do not edit.

import { z } from 'zod';
import { httpURL, jsonMap, string, templated } from '../../config/fields.js';

export const bigpandaOptions = z.strictObject({
  'app-key': string('', 'Application key of the BigPanda integration'),
  url: httpURL('', 'The alerts API URL to post to instead of the configured one'),
  host: templated(string('', "The alert's host property")),
  'primary-property': string('', 'The property BigPanda groups alerts by first'),
  'secondary-property': string('', 'The property BigPanda groups alerts by second'),
  attributes: templated(
    jsonMap(
      {},
      'More alert properties: strings are rendered, other values are sent as their JSON text',
    ),
  ),
});

export type BigpandaOptions = z.output<typeof bigpandaOptions>;
