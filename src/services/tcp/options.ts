// Options of a `tcp` handler.

import { z } from 'zod';
import { hostPort } from '../../config/fields.js';

export const tcpOptions = z.strictObject({
  address: hostPort('', 'host:port to connect to for each event'),
});
