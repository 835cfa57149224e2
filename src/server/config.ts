// The root configuration: the host's own sections plus one section per handler folder that
// has a config.ts. Touch point: `npm run wire` adds and removes the handler entries.

import { coreSections } from '../config/core-sections.js';
import type { SectionValue } from '../config/section.js';
import { alertaConfig } from '../services/alerta/config.js';
import { bigpandaConfig } from '../services/bigpanda/config.js';
import { discordConfig } from '../services/discord/config.js';
import { hipchatConfig } from '../services/hipchat/config.js';
import { httppostConfig } from '../services/httppost/config.js';
import { opsgenieConfig } from '../services/opsgenie/config.js';
import { opsgenie2Config } from '../services/opsgenie2/config.js';
import { pagerdutyConfig } from '../services/pagerduty/config.js';
import { pagerduty2Config } from '../services/pagerduty2/config.js';
import { slackConfig } from '../services/slack/config.js';

/** Handler sections, keyed by service (folder) name. */
export const handlerSections = {
  alerta: alertaConfig,
  bigpanda: bigpandaConfig,
  discord: discordConfig,
  hipchat: hipchatConfig,
  httppost: httppostConfig,
  opsgenie: opsgenieConfig,
  opsgenie2: opsgenie2Config,
  pagerduty: pagerdutyConfig,
  pagerduty2: pagerduty2Config,
  slack: slackConfig,
};

export type ServiceName = keyof typeof handlerSections;

export const allSections = { ...coreSections, ...handlerSections };
export type SectionName = keyof typeof allSections;

export type Config = { [K in SectionName]: SectionValue<(typeof allSections)[K]> };
