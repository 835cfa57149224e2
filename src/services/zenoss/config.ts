// [zenoss]: configuration of the zenoss handler.
// Generated from generators/catalogue/zenoss.yaml by `npm run new-handler zenoss`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, headerSafe, httpURL, int, levelMap, secret, string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const zenossConfig = defineSection({
  name: 'zenoss',
  description: 'adds the alert as an event through the Zenoss JSON API (EventsRouter add_event).',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to Zenoss'),
    url: httpURL(
      'https://tenant.zenoss.io:8080/zport/dmd/evconsole_router',
      'The events router URL',
    ),
    username: headerSafe(string('', 'Basic auth user (sent only with a password)')),
    password: headerSafe(secret('', 'Basic auth password (sent only with a username)')),
    action: string('EventsRouter', 'Default router name'),
    method: string('add_event', 'Default router method'),
    type: string('rpc', 'Default request type'),
    tid: int(1, 'Default transaction ID'),
    collector: string('Kapacitor', 'Default collector (typically an IP or host name)'),
    'severity-map': levelMap(
      { ok: 'Clear', info: 'Info', warning: 'Warning', critical: 'Critical' },
      'Zenoss severity (a name or a number) for each alert level',
    ),
    global: bool(false, 'Send every alert here, not only those of tasks that name zenoss'),
    'state-changes-only': bool(false, 'With global, only state changes'),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type ZenossConfig = z.output<typeof zenossConfig.schema>;
