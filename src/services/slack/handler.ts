// The `slack` handler: posts a message with a coloured attachment to a Slack incoming webhook.
// Generated from generators/catalogue/slack.yaml by `npm run new-handler slack`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import {
  deliver,
  eventFields,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { SlackConfig } from './config.js';
import { slackOptions, type SlackOptions } from './options.js';
import type { SlackService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  color: { OK: 'good', INFO: 'good', WARNING: 'warning', CRITICAL: 'danger' },
} as const;

/** The request for one event: what Kapacitor's slack handler sends. */
export function slackRequest(
  config: SlackConfig,
  options: SlackOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: {
      'Content-Type': 'application/json',
      Authorization: config.token === '' ? '' : `Bearer ${config.token}`,
    },
    body: goEncode(
      goMap({
        attachments: [
          {
            fallback: event.message,
            color: levels.color[event.level],
            text: event.message,
            mrkdwn_in: ['text'],
          },
        ],
        channel: options.channel,
        icon_emoji: options['icon-emoji'],
        text: '',
        username: options.username,
      }),
    ),
    success: [200],
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveSlackOptions(
  options: SlackOptions,
  config: SlackConfig,
  _event: AlertEvent,
): SlackOptions {
  return {
    ...options,
    channel: options.channel || config.channel,
    username: options.username || config.username,
    'icon-emoji': options['icon-emoji'] || config['icon-emoji'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendSlack(
  service: SlackService,
  options: SlackOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.element(options.workspace);
  if (!config) {
    throw new DeliveryError('protocol', `no [[slack]] element "${options.workspace}"`, {
      retryable: false,
    });
  }
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveSlackOptions(options, config, event);
  await deliver(slackRequest(config, resolved, eventFields(event), service.host), signal);
}

export const slackHandler = defineHandlerKind<typeof slackOptions, SlackService>({
  kind: 'slack',
  service: 'slack',
  external: true,
  options: slackOptions,
  create(options, { service }) {
    if (!service.element(options.workspace)) {
      throw new OptionsError('slack', 'workspace', `no [[slack]] element "${options.workspace}"`);
    }
    return { handle: (event, signal) => sendSlack(service, options, event, signal) };
  },
});
