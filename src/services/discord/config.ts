// [[discord]]: configuration of the discord handler.
// Generated from generators/catalogue/discord.yaml by `npm run new-handler discord`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, httpURL, string } from '../../config/fields.js';
import { defineListSection } from '../../config/section.js';

export const discordConfig = defineListSection({
  name: 'discord',
  description: 'posts an embed coloured by level to a Discord channel webhook.',
  key: 'workspace',
  defaults: [{ default: true }],
  defaultFlag: 'default',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to this Discord webhook'),
    default: bool(false, 'The workspace handlers use when they name none'),
    workspace: string('', 'Name of this workspace (the element key)'),
    url: httpURL('', 'The channel webhook URL'),
    timestamp: bool(false, 'Show the event time in the embed'),
    username: string('', 'Default username of the webhook'),
    'avatar-url': httpURL('', 'Default avatar URL of the webhook'),
    'embed-title': string(
      '',
      'Accepted for compatibility; Kapacitor takes the title from the handler only',
    ),
    global: bool(false, 'Send every alert here, not only those of tasks that name discord'),
    'state-changes-only': bool(false, 'With global, only state changes'),
    'ssl-ca': string('', "CA file for the webhook's TLS"),
    'ssl-cert': string('', 'Client certificate file'),
    'ssl-key': string('', 'Client key file'),
    'insecure-skip-verify': bool(false, "Do not verify the webhook's TLS certificate"),
  }),
  validate: (c) => {
    if (!c.enabled) return undefined;
    if (c.url === '') return { key: 'url', message: 'must be set when enabled = true' };
    return undefined;
  },
});

export type DiscordConfig = z.output<typeof discordConfig.schema>;
