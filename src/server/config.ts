// The root configuration: the host's own sections plus one section per handler folder that
// has a config.ts. Touch point: `npm run wire` adds and removes the handler entries.

import { coreSections } from '../config/core-sections.js';
import type { SectionValue } from '../config/section.js';
import { alertaConfig } from '../services/alerta/config.js';
import { bigpandaConfig } from '../services/bigpanda/config.js';
import { discordConfig } from '../services/discord/config.js';
import { hipchatConfig } from '../services/hipchat/config.js';
import { httppostConfig } from '../services/httppost/config.js';
import { kafkaConfig } from '../services/kafka/config.js';
import { mqttConfig } from '../services/mqtt/config.js';
import { opsgenieConfig } from '../services/opsgenie/config.js';
import { opsgenie2Config } from '../services/opsgenie2/config.js';
import { pagerdutyConfig } from '../services/pagerduty/config.js';
import { pagerduty2Config } from '../services/pagerduty2/config.js';
import { pushoverConfig } from '../services/pushover/config.js';
import { sensuConfig } from '../services/sensu/config.js';
import { servicenowConfig } from '../services/servicenow/config.js';
import { slackConfig } from '../services/slack/config.js';
import { smtpConfig } from '../services/smtp/config.js';
import { snmptrapConfig } from '../services/snmptrap/config.js';
import { talkConfig } from '../services/talk/config.js';
import { teamsConfig } from '../services/teams/config.js';
import { telegramConfig } from '../services/telegram/config.js';
import { victoropsConfig } from '../services/victorops/config.js';
import { zenossConfig } from '../services/zenoss/config.js';

/** Handler sections, keyed by service (folder) name. */
export const handlerSections = {
  alerta: alertaConfig,
  bigpanda: bigpandaConfig,
  discord: discordConfig,
  hipchat: hipchatConfig,
  httppost: httppostConfig,
  kafka: kafkaConfig,
  mqtt: mqttConfig,
  opsgenie: opsgenieConfig,
  opsgenie2: opsgenie2Config,
  pagerduty: pagerdutyConfig,
  pagerduty2: pagerduty2Config,
  pushover: pushoverConfig,
  sensu: sensuConfig,
  servicenow: servicenowConfig,
  slack: slackConfig,
  smtp: smtpConfig,
  snmptrap: snmptrapConfig,
  talk: talkConfig,
  teams: teamsConfig,
  telegram: telegramConfig,
  victorops: victoropsConfig,
  zenoss: zenossConfig,
};

export type ServiceName = keyof typeof handlerSections;

export const allSections = { ...coreSections, ...handlerSections };
export type SectionName = keyof typeof allSections;

export type Config = { [K in SectionName]: SectionValue<(typeof allSections)[K]> };
