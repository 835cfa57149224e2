// Options of a `log` handler.

import { z } from 'zod';
import { absolutePath, fileMode } from '../../config/fields.js';

export const logOptions = z.strictObject({
  path: absolutePath(
    '',
    'Absolute path of the file each event is appended to, one JSON document per line',
  ),
  mode: fileMode(
    0o600,
    'File mode when the file is created (decimal in JSON: 420 = 0644); must include owner write',
  ),
});

export type LogOptions = z.output<typeof logOptions>;
