// The handler properties of |alert(): `.post()`, `.log()`, `.tcp()`, `.exec()` and every
// generated kind's `.foo()`. Touch point: `npm run wire` adds and removes entries.

import { execTick } from '../services/exec/tick.js';
import { httppostTick } from '../services/httppost/tick.js';
import { logTick } from '../services/log/tick.js';
import { slackTick } from '../services/slack/tick.js';
import { tcpTick } from '../services/tcp/tick.js';
import type { TickHandlerDef } from './handler-property.js';

/** TICKscript handler properties, keyed by service folder name. */
export const alertHandlerProperties = {
  exec: execTick,
  httppost: httppostTick,
  log: logTick,
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
