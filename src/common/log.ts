// The host's logger: pino (JSON lines) to stderr, stdout or a file, at the configured level.

import { pino } from 'pino';
import type { Logger } from './logger.js';

export function createLogger(options: { file: string; level: string }): Logger {
  const level = options.level.toLowerCase();
  const dest =
    options.file === 'STDERR' || options.file === ''
      ? pino.destination(2)
      : options.file === 'STDOUT'
        ? pino.destination(1)
        : pino.destination({ dest: options.file, mkdir: true, sync: false });
  return pino(
    { level, base: { service: 'condenser' }, timestamp: pino.stdTimeFunctions.isoTime },
    dest,
  );
}
