// `npm run new-handler <kind> [-- flags]`: generate a complete alert handler and wire it in.
// Flags or a --spec file give the answers; on a terminal, missing answers are asked (plop);
// without one it never waits. Exit codes: 0 ok, 1 refused (bad name, bad spec, write failed),
// 2 usage (unknown flag, missing name without a terminal).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { defaultRoot, runIfMain, type ScriptMain } from './cli.js';
import { withFormatWorker } from './format.js';
import type { FormatWorker } from './format-worker.js';
import { resolveKind, sessionGenerator, type Output } from './generate.js';
import { readInventory } from './inventory.js';
import { InterruptedError } from './session.js';
import { registerGenerators, type NewHandlerAnswers } from './plopfile.js';
import {
  fieldTypes,
  kapacitorKinds,
  SpecError,
  specFileSchema,
  transports,
  type SpecInput,
} from './spec.js';

export const usage = `Usage: npm run new-handler <kind> [-- options]

Generate a complete alert handler in src/services/<kind>/ (config, service, handler,
TICKscript property, options, docs page) and test/services/<kind>.test.ts, and wire it into
the host's six touch points.

One of Kapacitor's kinds (${kapacitorKinds.join(', ')})
is generated from its spec in generators/catalogue/<kind>.yaml, byte-exact with Kapacitor; flags
that would change its wire format are refused. Any other name is built from the flags below
(its spec is written to generators/catalogue/<kind>.yaml); with only a name it generates
Kapacitor's contributor-guide handler: [<kind>] enabled/url/room, option room,
.<kind>().room('x'), a JSON POST.

Options:
  --option name:type[=default]   a handler option, also a TICKscript chained method (repeatable)
  --config name:type[=default]   a config field (repeatable); enabled and url/address are always there
  --secret name                  a config field that is redacted everywhere (repeatable)
  --list-section KEY             a [[<kind>]] list section keyed by KEY (like slack's workspace)
  --tick-name NAME               the TICKscript property when it is not <kind> (camelCase)
  --transport T                  ${transports.join(' | ')} (default http-json)
  --success S,S                  HTTP statuses that mean success (default: any 2xx)
  --spec FILE                    the same answers in a YAML or JSON file, or a whole kind spec
                                 (docs/ARCHITECTURE.md, "The kind spec language"); the name
                                 may be left out, the file's kind is used
  --dry-run                      print the unified diff of every file; write nothing
  -y, --yes                      never prompt (the default without a terminal)
  -h, --help                     this help

Types: ${fieldTypes.join(', ')}

Examples:
  npm run new-handler foo
  npm run new-handler slack
  npm run new-handler chat -- --option channel:string --option urgent:bool --secret token
  npm run new-handler pager -- --list-section team --transport http-form --dry-run
`;

export interface RunOptions {
  root: string;
  io: Output;
  isTTY: boolean;
  /** Handle SIGINT/SIGTERM (the script does; in-process callers do not). */
  handleSignals?: boolean;
  /** How long to wait for another scaffolder run's lock. */
  lockWaitMs?: number;
  /** Prettier's worker, when the launcher started it already. */
  formatWorker?: FormatWorker;
}

type Answers = SpecInput & { kindSpec?: { text: string; file: string } };

function specFromFile(path: string): Answers {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SpecError(`--spec ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  // A whole kind spec (it describes its requests) rather than the flags' answers; it names
  // its kind, so the handler name may be left out (a different one is refused later).
  if (raw !== null && typeof raw === 'object' && 'requests' in raw) {
    const kind = (raw as { kind?: unknown }).kind;
    return { kindSpec: { text, file: path }, ...(typeof kind === 'string' ? { kind } : {}) };
  }
  const parsed = specFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where =
      issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '');
    throw new SpecError(
      `--spec ${path}: ${where ? `${where}: ` : ''}${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`,
    );
  }
  const s = parsed.data;
  return {
    kind: s.kind,
    tickName: s['tick-name'],
    transport: s.transport,
    listSection: s['list-section'],
    options: s.options as SpecInput['options'],
    config: s.config as SpecInput['config'],
    secrets: s.secrets,
  };
}

export async function runNewHandler(argv: string[], opts: RunOptions): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        option: { type: 'string', multiple: true },
        config: { type: 'string', multiple: true },
        secret: { type: 'string', multiple: true },
        'list-section': { type: 'string' },
        'tick-name': { type: 'string' },
        transport: { type: 'string' },
        success: { type: 'string' },
        spec: { type: 'string' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    opts.io.err(`new-handler: ${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    opts.io.out(usage);
    return 0;
  }
  if (positionals.length > 1) {
    opts.io.err(
      `new-handler: one handler name expected, got ${positionals.length}: ${positionals.join(' ')}\n`,
    );
    return 2;
  }
  try {
    const fromFile = values.spec ? specFromFile(resolve(values.spec)) : {};
    const input: Answers = {
      ...fromFile,
      ...(positionals[0] !== undefined ? { kind: positionals[0] } : {}),
      ...(values.option ? { options: values.option } : {}),
      ...(values.config ? { config: values.config } : {}),
      ...(values.secret ? { secrets: values.secret } : {}),
      ...(values['list-section'] !== undefined ? { listSection: values['list-section'] } : {}),
      ...(values['tick-name'] !== undefined ? { tickName: values['tick-name'] } : {}),
      ...(values.transport !== undefined ? { transport: values.transport } : {}),
      ...(values.success !== undefined ? { success: values.success } : {}),
    };
    const existing = () => readInventory(opts.root);
    const dryRun = values['dry-run'] ?? false;
    // The lock, recovery of an interrupted commit and signal handling wrap the planning and
    // the commit, not the questions: nobody holds the repository while a person types.
    const generate = sessionGenerator({
      root: opts.root,
      dryRun,
      io: opts.io,
      handleSignals: opts.handleSignals ?? false,
      ...(opts.lockWaitMs !== undefined ? { lockWaitMs: opts.lockWaitMs } : {}),
    });
    if (input.kind === undefined) {
      if (!opts.isTTY || values.yes) {
        opts.io.err(
          'new-handler: missing the handler name: npm run new-handler <kind> (no terminal to ask on)\n',
        );
        return 2;
      }
      // On a terminal: let plop ask the missing answers, then run its action list.
      // node-plop (and its prompt libraries) only loads when there is someone to ask.
      const { default: nodePlop } = await import('node-plop');
      const plop = await nodePlop(undefined, { destBasePath: opts.root, force: false });
      registerGenerators(plop, { root: opts.root, existing, generate, preset: input });
      const generator = plop.getGenerator('new-handler');
      const answers = (await generator.runPrompts()) as NewHandlerAnswers;
      const result = await generator.runActions(answers);
      const failure = result.failures[0];
      if (failure) {
        opts.io.err(`new-handler: ${failure.error}\n`);
        return 1;
      }
      return 0;
    }
    // Prettier loads in a worker meanwhile (from the process's start when the launcher
    // started it), and formats the new files beside the wiring.
    if (process.env.CONDENSER_SCAFFOLD_DEBUG) {
      opts.io.err(
        `formatting: ${opts.formatWorker ? 'worker started at launch' : 'worker started now'}\n`,
      );
    }
    await withFormatWorker(
      opts.root,
      async () => {
        resolveKind(input, opts.root, existing()); // refuse bad answers before waiting for the lock
        await generate(input);
      },
      opts.formatWorker,
    );
    return 0;
  } catch (err) {
    opts.io.err(`new-handler: ${(err as Error).message}\n`);
    return err instanceof InterruptedError ? 130 : 1;
  }
}

/** `npm run new-handler`: asks on a terminal (not under CI), never waits without one. */
export const newHandlerMain: ScriptMain = (args, launched) =>
  runNewHandler(args, {
    ...(launched?.formatWorker ? { formatWorker: launched.formatWorker } : {}),
    root: defaultRoot,
    io: { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true',
    handleSignals: true,
  });

runIfMain(import.meta.url, newHandlerMain);
