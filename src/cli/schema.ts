// The CLI checks the host's answers with zod's mini build: the same schemas as zod's classic
// API, as functions. Named one by one, so that a CLI call loads the 40 KB of zod it uses
// (bin/host-bundle.js bundles this module on its own) rather than all of it (0.7 MB, tens
// of ms of compiling at every start). English messages, as the classic build gives.

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  _default,
  array,
  boolean,
  extend,
  nullable,
  number,
  object,
  optional,
  pick,
  record,
  string,
  unknown,
} from 'zod/mini';
export type { output, ZodMiniType } from 'zod/mini';
