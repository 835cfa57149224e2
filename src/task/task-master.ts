// The task master's view of handler services: the services TICKscript alert nodes may use,
// by folder name. Touch point: `npm run wire` adds and removes entries.

import type { HttppostService } from '../services/httppost/service.js';
import type { ServiceName } from '../server/config.js';

export interface HandlerServices {
  httppost: HttppostService;
}

/** Typed completeness check: every service with a config section is here. */
export type MissingHandlerServices = Exclude<ServiceName, keyof HandlerServices>;
const complete: MissingHandlerServices extends never ? true : never = true;
void complete;
