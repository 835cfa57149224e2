// Options of a `publish` handler.

import { z } from 'zod';
import { stringList } from '../../config/fields.js';

export const publishOptions = z.strictObject({
  topics: stringList([], 'Topics each event is published to as well'),
});
