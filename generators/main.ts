// The scaffolder's commands by name: the entry of the bundle that generators/launch.js runs
// for `npm run new-handler | wire | catalogue | remove-handler` (generators/bundle.js).

import type { ScriptMain } from './cli.js';
import { newHandlerMain } from './new-handler.js';
import { catalogueMain } from './regenerate.js';
import { removeHandlerMain } from './remove-handler.js';
import { wireMain } from './wire.js';

export const commands: Readonly<Record<string, ScriptMain>> = {
  'new-handler': newHandlerMain,
  wire: wireMain,
  catalogue: catalogueMain,
  'remove-handler': removeHandlerMain,
};
