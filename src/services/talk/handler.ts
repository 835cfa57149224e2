// The `talk` handler: posts the alert's ID and message to a Talk incoming webhook.
// Generated from generators/catalogue/talk.yaml by `npm run new-handler talk`: do not edit;
// change the spec or templates/kind/ and regenerate (`npm run catalogue`).

import type { AlertEvent } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
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
import type { TalkConfig } from './config.js';
import { talkOptions, type TalkOptions } from './options.js';
import type { TalkService } from './service.js';

/** The request for one event: what Kapacitor's talk handler sends. */
export function talkRequest(
  config: TalkConfig,
  _options: TalkOptions,
  event: EventFields,
  _host: HostInfo,
): WireRequest {
  return {
    transport: 'http',
    method: 'POST',
    url: config.url,
    headers: { 'Content-Type': 'application/json' },
    body: goEncode(goMap({ authorName: config.author_name, text: event.message, title: event.id })),
    success: [200],
    errorField: 'error',
  };
}

/** Send one event with the live config: a change through the config API applies at once. */
export async function sendTalk(
  service: TalkService,
  options: TalkOptions,
  event: AlertEvent,
  signal: AbortSignal,
): Promise<void> {
  const config = service.config;
  if (!config.enabled) {
    throw new DeliveryError('protocol', 'service is not enabled', { retryable: false });
  }
  await deliver(talkRequest(config, options, eventFields(event), service.host), signal);
}

export const talkHandler = defineHandlerKind<typeof talkOptions, TalkService>({
  kind: 'talk',
  service: 'talk',
  external: true,
  options: talkOptions,
  create(options, { service }) {
    return { handle: (event, signal) => sendTalk(service, options, event, signal) };
  },
});
