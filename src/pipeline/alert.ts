// The handler properties of |alert(): `.post()`, `.log()`, `.tcp()`, `.exec()` and every
// generated kind's `.foo()`. Touch point: `npm run wire` adds and removes entries.

import { alertaTick } from '../services/alerta/tick.js';
import { bigpandaTick } from '../services/bigpanda/tick.js';
import { discordTick } from '../services/discord/tick.js';
import { execTick } from '../services/exec/tick.js';
import { hipchatTick } from '../services/hipchat/tick.js';
import { httppostTick } from '../services/httppost/tick.js';
import { logTick } from '../services/log/tick.js';
import { opsgenieTick } from '../services/opsgenie/tick.js';
import { opsgenie2Tick } from '../services/opsgenie2/tick.js';
import { pagerdutyTick } from '../services/pagerduty/tick.js';
import { pagerduty2Tick } from '../services/pagerduty2/tick.js';
import { slackTick } from '../services/slack/tick.js';
import { tcpTick } from '../services/tcp/tick.js';
import type { TickHandlerDef } from './handler-property.js';

/** TICKscript handler properties, keyed by service folder name. */
export const alertHandlerProperties = {
  alerta: alertaTick,
  bigpanda: bigpandaTick,
  discord: discordTick,
  exec: execTick,
  hipchat: hipchatTick,
  httppost: httppostTick,
  log: logTick,
  opsgenie: opsgenieTick,
  opsgenie2: opsgenie2Tick,
  pagerduty: pagerdutyTick,
  pagerduty2: pagerduty2Tick,
  slack: slackTick,
  tcp: tcpTick,
} satisfies Record<string, TickHandlerDef>;

export type AlertHandlerFolder = keyof typeof alertHandlerProperties;

/** Find a handler property by its TICKscript name; the first letter matches in any case. */
export function findHandlerProperty(
  name: string,
): { folder: AlertHandlerFolder; def: TickHandlerDef } | undefined {
  const norm = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  for (const [folder, def] of Object.entries(alertHandlerProperties) as Array<
    [AlertHandlerFolder, TickHandlerDef]
  >) {
    if (norm(def.property) === norm(name)) return { folder, def };
  }
  return undefined;
}
