// Options of an `exec` handler.

import { z } from 'zod';
import { string, stringList } from '../../config/fields.js';

export const execOptions = z.strictObject({
  prog: string('', 'Program to run (absolute path or on PATH; no shell)'),
  args: stringList([], 'Arguments passed to the program'),
});
