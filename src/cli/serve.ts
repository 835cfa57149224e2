// `condenser serve`: load and validate the config, start the host, stop gracefully on
// SIGINT/SIGTERM (stop accepting, drain queues up to [http] shutdown-timeout, close the store).

import { errorMessage } from '../common/errors.js';
import { createLogger } from '../common/log.js';
import { LogHub, parseLogLevel } from '../common/log-hub.js';
import { loadConfig } from '../config/load.js';
import { consoleBuildError, ensureConsoleBuilt, hasConsoleSources } from '../console/build.js';
import { Server } from '../server/server.js';
import type { CliHooks } from './index.js';

export async function serve(options: { config?: string }, hooks: CliHooks = {}): Promise<number> {
  const { config, ignored, source } = loadConfig({ path: options.config });
  // pino writes everything it is given; the hub applies [logging] level (changeable live).
  const hub = new LogHub(
    createLogger({ file: config.logging.file, level: 'debug' }),
    parseLogLevel(config.logging.level) ?? 'info',
  );
  const logger = hub.logger;
  if (ignored.length > 0) {
    // One warning, listing everything set aside: a stock kapacitor.conf loads as it is.
    logger.warn(
      { source, ignored },
      `the configuration holds ${ignored.length} thing(s) this host does not implement: ${ignored.join('; ')}`,
    );
  }
  if (hasConsoleSources()) {
    // The console is rebuilt only when its sources changed since the last build.
    try {
      const { built } = await ensureConsoleBuilt();
      if (built) logger.info('console built');
    } catch (err) {
      logger.error(
        { err: consoleBuildError(err) },
        'console build failed: the API runs without it',
      );
    }
  }
  const server = await Server.start(config, { logger, logHub: hub });
  process.stderr.write(
    `condenser listening on ${server.url} (storage ${server.store.path})\n` +
      `console: ${server.url}/console/\n`,
  );
  hooks.serving?.();
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      server
        .close()
        .catch((err) => logger.error({ err: errorMessage(err) }, 'shutdown failed'))
        .finally(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
