// The root configuration: the host's own sections plus one section per handler folder that
// has a config.ts. Touch point: `npm run wire` adds and removes the handler entries.

import { coreSections } from '../config/core-sections.js';
import type { SectionValue } from '../config/section.js';
import { httppostConfig } from '../services/httppost/config.js';
import { slackConfig } from '../services/slack/config.js';

/** Handler sections, keyed by service (folder) name. */
export const handlerSections = {
  httppost: httppostConfig,
  slack: slackConfig,
};

export type ServiceName = keyof typeof handlerSections;

export const allSections = { ...coreSections, ...handlerSections };
export type SectionName = keyof typeof allSections;

export type Config = { [K in SectionName]: SectionValue<(typeof allSections)[K]> };
