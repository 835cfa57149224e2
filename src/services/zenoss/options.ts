// Options of a `zenoss` handler: the HTTP API, handler files and `.zenoss()` in TICKscript.
// Generated from generators/catalogue/zenoss.yaml by `npm run new-handler zenoss`: do not edit.

import { z } from 'zod';
import { int, jsonMap, string, templated } from '../../config/fields.js';

export const zenossOptions = z.strictObject({
  action: string('', 'Router name'),
  method: string('', 'Router method'),
  type: string('', 'Request type'),
  tid: int(0, 'Transaction ID (0: the configured one)'),
  summary: templated(string('', 'Event summary (at most 256 bytes; default: the alert message)')),
  device: templated(string('', 'Device the event is about')),
  component: templated(string('', 'Component of the device')),
  eventclasskey: templated(string('', 'Event class key')),
  eventclass: templated(string('', 'Event class')),
  collector: templated(string('', 'Collector (default: the configured one)')),
  message: templated(string('', 'Event message (at most 4096 bytes)')),
  customField: templated(
    jsonMap({}, 'Extra event fields; a string that is JSON ({...} or [...]) is sent as that JSON'),
  ),
});

export type ZenossOptions = z.output<typeof zenossOptions>;
