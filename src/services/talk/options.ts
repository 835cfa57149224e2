// Options of a `talk` handler: the HTTP API, handler files and `.talk()` in TICKscript.
// Generated from generators/catalogue/talk.yaml by `npm run new-handler talk`: do not edit.

import { z } from 'zod';

export const talkOptions = z.strictObject({});

export type TalkOptions = z.output<typeof talkOptions>;
