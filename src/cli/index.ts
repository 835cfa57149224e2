// The `condenser` command line: `serve` and `config` run the host side; the Kapacitor CLI
// verbs talk to a running host over HTTP. Kapacitor's single-dash long flags (`-url`,
// `-config`) work as well as `--url`. Exit codes: 0 ok, 1 the server (or config) said no,
// 2 usage.

import { Command, CommanderError } from 'commander';
import { CondenserError, errorMessage } from '../common/errors.js';
import { registerClientCommands } from './client-commands.js';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE } from './exit-codes.js';

export { EXIT_OK, EXIT_REFUSED, EXIT_USAGE };

/** `-url x` → `--url x`: Kapacitor's flags are Go-style single-dash long flags. */
export function normalizeArgs(args: string[]): string[] {
  return args.map((a) => (/^-[a-zA-Z][a-zA-Z-]+(=.*)?$/.test(a) ? `-${a}` : a));
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

const stdio: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** What the process running the CLI wants to know of it. */
export interface CliHooks {
  /**
   * Called once `serve` answers requests: bin/condenser.js keeps V8's code cache of such a
   * run only, not of `serve --help` or of a start its configuration refused.
   */
  serving?(): void;
}

/** Result holder: commands set the exit code here instead of calling process.exit. */
export interface CliState {
  exitCode: number;
}

export type CommandRegistrar = (program: Command, io: CliIO, state: CliState) => void;

const registrars: CommandRegistrar[] = [];

/** Client verbs (list, show-topic, define-topic-handler, ...) register themselves here. */
export function addCommands(registrar: CommandRegistrar): void {
  registrars.push(registrar);
}

addCommands(registerClientCommands);

export function buildProgram(io: CliIO, state: CliState, hooks: CliHooks = {}): Command {
  const program = new Command('condenser')
    .description('A Kapacitor-compatible alert engine: run the host, or talk to a running one.')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('serve')
    .description(
      'Start the host (HTTP API on 127.0.0.1:9092 by default, embedded store, no config file needed)',
    )
    .option(
      '--config <file>',
      'kapacitor.conf-style TOML file (default: $KAPACITOR_CONFIG_PATH, else built-in defaults)',
    )
    .action(async (opts: { config?: string }) => {
      // The host side is loaded only by the verbs that run it: a client verb starts at once.
      const { serve } = await import('./serve.js');
      state.exitCode = await serve(opts, hooks);
    });

  program
    .command('config')
    .description('Print the effective configuration as TOML, secrets redacted')
    .option('--config <file>', 'kapacitor.conf-style TOML file (default: $KAPACITOR_CONFIG_PATH)')
    .action(async (opts: { config?: string }) => {
      const { printConfig } = await import('./config-cmd.js');
      state.exitCode = printConfig(opts, io.out, io.err);
    });

  program
    .command('hash-password')
    .description(
      'Read a password (or with --token, a bearer token) on stdin and print the hash to put in [auth]',
    )
    .option('--token', 'hash a bearer token (sha256) instead of a password (scrypt)')
    .action(async (opts: { token?: boolean }) => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      const secret = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (secret === '') throw new CondenserError('usage', 'nothing on stdin to hash', 2);
      const { hashPassword, hashToken } = await import('../server/auth.js');
      io.out((opts.token ? hashToken(secret) : hashPassword(secret)) + '\n');
    });

  for (const r of registrars) r(program, io, state);
  return program;
}

export async function runCli(
  argv: string[],
  io: CliIO = stdio,
  hooks: CliHooks = {},
): Promise<number> {
  const state: CliState = { exitCode: EXIT_OK };
  const program = buildProgram(io, state, hooks);
  try {
    await program.parseAsync(normalizeArgs(argv), { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.err(`condenser: ${errorMessage(err)}\n`);
    if (err instanceof CondenserError && err.status === 2) return EXIT_USAGE;
    return EXIT_REFUSED;
  }
}
