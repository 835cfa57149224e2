// What every client verb shares: which server to talk to (-url / --url, else $KAPACITOR_URL,
// else http://localhost:9092) and how a failure ends the command: one line on stderr,
// prefixed with the command's name, and exit 1 (or 2 for an unusable URL). No stack traces.

import type { Command } from 'commander';
import { CondenserError } from '../common/errors.js';
import { defaultURL, KapacitorClient, ServerURLError } from './client.js';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE } from './exit-codes.js';
import type { CliIO, CliState } from './index.js';

/** The URL the flag names, else $KAPACITOR_URL, else the default (as Kapacitor's CLI does). */
export function resolveServerURL(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env.KAPACITOR_URL;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultURL;
}

/** A verb's body: talks to the server, prints, and returns its exit code (default 0). */
export type RemoteBody = (client: KapacitorClient) => Promise<number | void>;

/** Runs a verb's body against the selected server and turns its errors into exit codes. */
export type RemoteRunner = (command: Command, body: RemoteBody) => Promise<void>;

export function remoteRunner(io: CliIO, state: CliState): RemoteRunner {
  return async (command, body) => {
    try {
      const { url } = command.optsWithGlobals<{ url?: string }>();
      state.exitCode = (await body(new KapacitorClient(resolveServerURL(url)))) ?? EXIT_OK;
    } catch (err) {
      // Anything else is a bug; runCli reports it in one line too.
      if (!(err instanceof CondenserError)) throw err;
      io.err(`condenser ${command.name()}: ${err.message}\n`);
      // status 2 marks a usage error (a bad argument found by the verb itself).
      state.exitCode =
        err instanceof ServerURLError || err.status === 2 ? EXIT_USAGE : EXIT_REFUSED;
    }
  };
}
