// What the generator scripts share: argument parsing with usage errors (exit 2), one-line
// errors without stack traces (exit 1), output through an injectable sink for tests.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dropOutputToClosedPipes } from '../bin/closed-pipes.js';
import type { FormatWorker } from './format-worker.js';
import { repoRoot } from './root.js';
import { InterruptedError } from './session.js';

/** 130 = interrupted by a signal (128 + SIGINT), as shells report it. */
export const exitCodes = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The repository this generators/ folder belongs to. */
export const defaultRoot = repoRoot;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs, strict, with its errors turned into one-line UsageErrors. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && path.resolve(script) === fileURLToPath(moduleUrl);
}

/** A script's main: the command line's arguments in, the exit code out. */
export type ScriptMain = (args: string[], launched?: Launched) => Promise<number>;

/** What generators/launch.js started for a command before loading the bundle. */
export interface Launched {
  /** Prettier's worker, loading since the process started (new-handler). */
  formatWorker?: FormatWorker;
}

/**
 * Run `main` with the process's arguments when the module at `moduleUrl` is the script node
 * was started with (`tsx generators/wire.ts`). No top-level await, so that the same modules
 * also bundle as one script for generators/launch.js.
 */
export function runIfMain(moduleUrl: string, main: ScriptMain): void {
  if (!isMainModule(moduleUrl)) return;
  dropOutputToClosedPipes();
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** Run a script's main: its exit code, or a one-line error (2 for usage, 1 otherwise). */
export async function runScript(
  name: string,
  main: () => Promise<number>,
  output: Output = consoleOutput,
): Promise<number> {
  try {
    return await main();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output.err(`${name}: ${message}`);
    if (err instanceof InterruptedError) return exitCodes.interrupted;
    if (err instanceof UsageError) {
      output.err(`run \`${name} --help\` for usage`);
      return exitCodes.usage;
    }
    return exitCodes.failed;
  }
}

/** `  src/a.ts   text` rows with the first column padded to the longest. */
export function columns(rows: Array<[string, string]>): string[] {
  const width = Math.max(0, ...rows.map(([first]) => first.length));
  return rows.map(([first, rest]) => `  ${first.padEnd(width)}  ${rest}`.trimEnd());
}
