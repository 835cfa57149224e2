// Options of an `aggregate` handler.

import { z } from 'zod';
import { nanoseconds, string } from '../../config/fields.js';

export const aggregateOptions = z.strictObject({
  id: string('', 'ID of the aggregated event'),
  interval: nanoseconds(0, 'Aggregation period in nanoseconds'),
  topic: string('', 'Topic the aggregated event is published to'),
  message: string(
    'Received {{ .Count }} events in the last {{.Interval}}.',
    'Go template with .Count and .Interval',
  ),
});
