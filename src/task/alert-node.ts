// Handlers of a TICKscript alert node: each `.post()`/`.log()`/... property becomes a handler
// of the matching kind, built from the options the property and its chained methods set.
// Touch point: `npm run wire` adds and removes entries.

import type { AnyHandlerKind } from '../alert/handler.js';
import type { AlertHandlerFolder } from '../pipeline/alert.js';
import { alertaHandler } from '../services/alerta/handler.js';
import { bigpandaHandler } from '../services/bigpanda/handler.js';
import { discordHandler } from '../services/discord/handler.js';
import { execHandler } from '../services/exec/handler.js';
import { hipchatHandler } from '../services/hipchat/handler.js';
import { httppostHandler } from '../services/httppost/handler.js';
import { kafkaHandler } from '../services/kafka/handler.js';
import { logHandler } from '../services/log/handler.js';
import { mqttHandler } from '../services/mqtt/handler.js';
import { opsgenieHandler } from '../services/opsgenie/handler.js';
import { opsgenie2Handler } from '../services/opsgenie2/handler.js';
import { pagerdutyHandler } from '../services/pagerduty/handler.js';
import { pagerduty2Handler } from '../services/pagerduty2/handler.js';
import { pushoverHandler } from '../services/pushover/handler.js';
import { sensuHandler } from '../services/sensu/handler.js';
import { servicenowHandler } from '../services/servicenow/handler.js';
import { slackHandler } from '../services/slack/handler.js';
import { smtpHandler } from '../services/smtp/handler.js';
import { snmptrapHandler } from '../services/snmptrap/handler.js';
import { talkHandler } from '../services/talk/handler.js';
import { tcpHandler } from '../services/tcp/handler.js';
import { teamsHandler } from '../services/teams/handler.js';
import { telegramHandler } from '../services/telegram/handler.js';
import { victoropsHandler } from '../services/victorops/handler.js';
import { zenossHandler } from '../services/zenoss/handler.js';

/** The handler kind behind each TICKscript handler property, keyed by folder name. */
export const alertNodeHandlers = {
  alerta: alertaHandler,
  bigpanda: bigpandaHandler,
  discord: discordHandler,
  exec: execHandler,
  hipchat: hipchatHandler,
  httppost: httppostHandler,
  kafka: kafkaHandler,
  log: logHandler,
  mqtt: mqttHandler,
  opsgenie: opsgenieHandler,
  opsgenie2: opsgenie2Handler,
  pagerduty: pagerdutyHandler,
  pagerduty2: pagerduty2Handler,
  pushover: pushoverHandler,
  sensu: sensuHandler,
  servicenow: servicenowHandler,
  slack: slackHandler,
  smtp: smtpHandler,
  snmptrap: snmptrapHandler,
  talk: talkHandler,
  tcp: tcpHandler,
  teams: teamsHandler,
  telegram: telegramHandler,
  victorops: victoropsHandler,
  zenoss: zenossHandler,
} satisfies Record<AlertHandlerFolder, AnyHandlerKind>;
