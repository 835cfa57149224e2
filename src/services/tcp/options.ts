// Options of a `tcp` handler.

import { z } from 'zod';
import { string } from '../../config/fields.js';

export const tcpOptions = z.strictObject({
  address: string('', 'host:port to connect to for each event'),
});
