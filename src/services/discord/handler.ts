// The `discord` handler: posts an embed coloured by level to a Discord channel webhook.
// Generated from generators/catalogue/discord.yaml by `npm run new-handler discord`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { eventTemplateData } from '../../alert/template-data.js';
import {
  deliver,
  eventFields,
  rfc3339Seconds,
  goMap,
  renderTemplate,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { DiscordConfig } from './config.js';
import { discordOptions, type DiscordOptions } from './options.js';
import type { DiscordService } from './service.js';

/** Values that depend on the event's level. */
export const levels = {
  color: { OK: 8021490, INFO: 8021490, WARNING: 16026936, CRITICAL: 16342867 },
} as const;

/** The request for one event: what Kapacitor's discord handler sends. */
export function discordRequest(
  config: DiscordConfig,
  options: DiscordOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        avatar_url: options['avatar-url'],
        embeds: [
          {
            color: levels.color[event.level],
            title: options['embed-title'],
            description: event.message,
            timestamp: config.timestamp ? rfc3339Seconds(event.time) : '',
          },
        ],
        username: options.username,
      }),
    ),
    success: [204],
    errorField: 'error',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveDiscordOptions(
  options: DiscordOptions,
  config: DiscordConfig,
  event: AlertEvent,
): DiscordOptions {
  const data = eventTemplateData(event);
  return {
    ...options,
    username: options.username || config.username,
    'avatar-url': options['avatar-url'] || config['avatar-url'],
    'embed-title': renderTemplate('embed-title', options['embed-title'], data),
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendDiscord(
  service: DiscordService,
  options: DiscordOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.element(options.workspace);
  if (!config) {
    throw new DeliveryError('protocol', `no [[discord]] element "${options.workspace}"`, {
      retryable: false,
    });
  }
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveDiscordOptions(options, config, event);
  await deliver(discordRequest(config, resolved, eventFields(event), service.host), signal);
}

export const discordHandler = defineHandlerKind<typeof discordOptions, DiscordService>({
  kind: 'discord',
  service: 'discord',
  external: true,
  options: discordOptions,
  create(options, { service }) {
    if (!service.element(options.workspace)) {
      throw new OptionsError(
        'discord',
        'workspace',
        `no [[discord]] element "${options.workspace}"`,
      );
    }
    return { handle: (event, signal) => sendDiscord(service, options, event, signal) };
  },
});
