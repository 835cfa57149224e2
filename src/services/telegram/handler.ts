// The `telegram` handler: sends the alert message to a Telegram chat through a bot (sendMessage).
// Generated from generators/catalogue/telegram.yaml by `npm run new-handler telegram`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import {
  deliver,
  eventFields,
  joinURL,
  omitEmpty,
  goMap,
  type EventFields,
  type HostInfo,
  type WireRequest,
} from '../../delivery/wire.js';
import { goEncode } from '../../common/gojson.js';
import { DeliveryError } from '../../delivery/errors.js';
import type { TelegramConfig } from './config.js';
import { telegramOptions, type TelegramOptions } from './options.js';
import type { TelegramService } from './service.js';

/** The request for one event: what Kapacitor's telegram handler sends. */
export function telegramRequest(
  config: TelegramConfig,
  options: TelegramOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: joinURL(config.url + config.token, 'sendMessage'),
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(
      goMap({
        chat_id: options['chat-id'],
        text: event.message,
        parse_mode: omitEmpty(options['parse-mode']),
        disable_web_page_preview: omitEmpty(options['disable-web-page-preview']),
        disable_notification: omitEmpty(options['disable-notification']),
      }),
    ),
    success: [200],
    errorField: 'description',
  };
}

/** The options as the request uses them: config fallbacks applied, Go templates rendered. */
export function resolveTelegramOptions(
  options: TelegramOptions,
  config: TelegramConfig,
  _event: AlertEvent,
): TelegramOptions {
  return {
    ...options,
    'chat-id': options['chat-id'] || config['chat-id'],
    'parse-mode': options['parse-mode'] || config['parse-mode'],
    'disable-web-page-preview':
      options['disable-web-page-preview'] || config['disable-web-page-preview'],
    'disable-notification': options['disable-notification'] || config['disable-notification'],
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendTelegram(
  service: TelegramService,
  options: TelegramOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  const resolved = resolveTelegramOptions(options, config, event);
  await deliver(telegramRequest(config, resolved, eventFields(event), service.host), signal);
}

export const telegramHandler = defineHandlerKind<typeof telegramOptions, TelegramService>({
  kind: 'telegram',
  service: 'telegram',
  external: true,
  options: telegramOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendTelegram(service, options, event, signal) };
  },
});
