// [[slack]]: configuration of the slack handler.
// Generated from generators/catalogue/slack.yaml by `npm run new-handler slack`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import { z } from 'zod';
import { bool, headerSafe, httpURL, secret, string } from '../../config/fields.js';
import { defineListSection } from '../../config/section.js';

export const slackConfig = defineListSection({
  name: 'slack',
  description: 'posts a message with a coloured attachment to a Slack incoming webhook.',
  key: 'workspace',
  defaults: [{ default: true }],
  defaultFlag: 'default',
  schema: z.strictObject({
    enabled: bool(false, 'Send alerts to this Slack workspace'),
    default: bool(false, 'The workspace handlers use when they name none'),
    workspace: string('', 'Name of this workspace (the element key)'),
    url: httpURL(
      '',
      'The incoming webhook URL (or https://slack.com/api/chat.postMessage with a token)',
      { secret: true },
    ),
    token: headerSafe(secret('', 'Bot token sent as `Authorization: Bearer`; empty sends none')),
    channel: string('', 'Default channel (e.g. #alerts)'),
    username: string('kapacitor', 'Default username'),
    'icon-emoji': string('', 'Default icon emoji (e.g. :ghost:)'),
    global: bool(false, 'Send every alert here, not only those of tasks that name slack'),
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

export type SlackConfig = z.output<typeof slackConfig.schema>;
