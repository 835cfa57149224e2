// Options of a `servicenow` handler: the HTTP API, handler files and `.serviceNow()` in TICKscript.
// Generated from generators/catalogue/servicenow.yaml by `npm run new-handler servicenow`: do not edit.

import { z } from 'zod';
import { httpURL, jsonMap, secret, string, templated } from '../../config/fields.js';

export const servicenowOptions = z.strictObject({
  url: httpURL('', 'Web service URL (default: the configured one)'),
  username: string('', 'Accepted and ignored: auth always comes from the config'),
  password: secret('', 'Accepted and ignored: auth always comes from the config'),
  source: string('', 'Event source (at most 100 bytes)'),
  node: templated(string('', 'Node name or IP (at most 100 bytes)')),
  type: templated(string('', 'Metric type (at most 100 bytes)')),
  resource: templated(string('', 'Node resource the event is about (at most 100 bytes)')),
  metricname: templated(string('', 'Metric the event is about (at most 100 bytes)')),
  messagekey: templated(
    string('', "Key that groups related events (at most 1024 bytes; default: the alert's ID)"),
  ),
  additional_info: templated(
    jsonMap({}, 'Extra fields, sent as a JSON string of strings (non-strings as Go prints them)'),
  ),
});

export type ServicenowOptions = z.output<typeof servicenowOptions>;
