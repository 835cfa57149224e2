// The handler properties of |alert(): `.post()`, `.log()`, `.tcp()`, `.exec()` and every
// generated kind's `.foo()`. Touch point: `npm run wire` adds and removes entries.

import { alertaTick } from '../services/alerta/tick.js';
import { bigpandaTick } from '../services/bigpanda/tick.js';
import { discordTick } from '../services/discord/tick.js';
import { execTick } from '../services/exec/tick.js';
import { hipchatTick } from '../services/hipchat/tick.js';
import { httppostTick } from '../services/httppost/tick.js';
import { kafkaTick } from '../services/kafka/tick.js';
import { logTick } from '../services/log/tick.js';
import { mqttTick } from '../services/mqtt/tick.js';
import { opsgenieTick } from '../services/opsgenie/tick.js';
import { opsgenie2Tick } from '../services/opsgenie2/tick.js';
import { pagerdutyTick } from '../services/pagerduty/tick.js';
import { pagerduty2Tick } from '../services/pagerduty2/tick.js';
import { pushoverTick } from '../services/pushover/tick.js';
import { sensuTick } from '../services/sensu/tick.js';
import { servicenowTick } from '../services/servicenow/tick.js';
import { slackTick } from '../services/slack/tick.js';
import { smtpTick } from '../services/smtp/tick.js';
import { snmptrapTick } from '../services/snmptrap/tick.js';
import { talkTick } from '../services/talk/tick.js';
import { tcpTick } from '../services/tcp/tick.js';
import { teamsTick } from '../services/teams/tick.js';
import { telegramTick } from '../services/telegram/tick.js';
import { victoropsTick } from '../services/victorops/tick.js';
import { zenossTick } from '../services/zenoss/tick.js';
import type { TickHandlerDef } from './handler-property.js';

/** TICKscript handler properties, keyed by service folder name. */
export const alertHandlerProperties = {
  alerta: alertaTick,
  bigpanda: bigpandaTick,
  discord: discordTick,
  exec: execTick,
  hipchat: hipchatTick,
  httppost: httppostTick,
  kafka: kafkaTick,
  log: logTick,
  mqtt: mqttTick,
  opsgenie: opsgenieTick,
  opsgenie2: opsgenie2Tick,
  pagerduty: pagerdutyTick,
  pagerduty2: pagerduty2Tick,
  pushover: pushoverTick,
  sensu: sensuTick,
  servicenow: servicenowTick,
  slack: slackTick,
  smtp: smtpTick,
  snmptrap: snmptrapTick,
  talk: talkTick,
  tcp: tcpTick,
  teams: teamsTick,
  telegram: telegramTick,
  victorops: victoropsTick,
  zenoss: zenossTick,
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
