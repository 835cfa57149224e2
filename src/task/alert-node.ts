// Handlers of a TICKscript alert node: each `.post()`/`.log()`/... property becomes a handler
// of the matching kind, built from the options the property and its chained methods set.
// Touch point: `npm run wire` adds and removes entries.

import type { AnyHandlerKind } from '../alert/handler.js';
import type { AlertHandlerFolder } from '../pipeline/alert.js';
import { execHandler } from '../services/exec/handler.js';
import { httppostHandler } from '../services/httppost/handler.js';
import { logHandler } from '../services/log/handler.js';
import { slackHandler } from '../services/slack/handler.js';
import { tcpHandler } from '../services/tcp/handler.js';

/** The handler kind behind each TICKscript handler property, keyed by folder name. */
export const alertNodeHandlers = {
  exec: execHandler,
  httppost: httppostHandler,
  log: logHandler,
  slack: slackHandler,
  tcp: tcpHandler,
} satisfies Record<AlertHandlerFolder, AnyHandlerKind>;
