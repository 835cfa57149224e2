// `npm run remove-handler -- <kind>`: delete a generated handler (its folder and its test) and
// unwire it, all at once, leaving the touch points as they were before it was added. First it
// looks in the store the host would use: tasks and topic handlers that use the kind would stop
// running, so it refuses (listing them) unless --force.

import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { resolveStorageDir } from '../src/config/storage-dir.js';
import { findKindUsage, type KindUsage } from '../src/store/kind-usage.js';
import { shellWord } from '../src/common/shell-word.js';
import {
  columns,
  consoleOutput,
  defaultRoot,
  exitCodes,
  parseCommandLine,
  runIfMain,
  runScript,
  UsageError,
  type Output,
  type ScriptMain,
} from './cli.js';
import { formatPlan } from './format.js';
import { readInventory } from './inventory.js';
import { specPath } from './kind/regenerate.js';
import { Plan } from './plan.js';
import { kapacitorKinds } from './spec.js';
import { withSession, type Session } from './session.js';
import {
  changedTouchPoints,
  isKindName,
  keepTouchPointOutlines,
  servicesDir,
  summarizeReport,
  unwireKind,
  type TouchPointReport,
} from './wiring/index.js';

/** Kinds the host ships with: removing one would break the host and its tests. */
export const builtInKinds: readonly string[] = [
  'aggregate',
  'exec',
  'httppost',
  'log',
  'publish',
  'tcp',
];

export const removeHandlerUsage = `Usage: npm run remove-handler -- <kind> [--dry-run] [--yes] [--force]
                                          [--storage-dir <dir> | --config <file>]

Delete src/services/<kind>/ and its tests (test/services/<kind>.test.ts and any
test/services/<kind>.*.test.ts) and remove the kind from the six touch-point files, all at
once. A kind generated from flags also loses its spec
(generators/catalogue/<kind>.yaml); Kapacitor's kinds keep theirs, so \`npm run new-handler
<kind>\` brings them back. Built-in kinds (${builtInKinds.join(', ')}) are refused.

First it reads (never writes) the store the host would use: tasks whose TICKscript calls the
kind's property and topic handlers of the kind would stop running, so they are listed, with
the commands that delete them, and nothing is removed unless --force is given.

Options:
  --dry-run            print what would change (a unified diff) and change nothing
  --yes                do not ask for confirmation (needed when stdin is not a terminal)
  --force              remove the kind even if tasks or topic handlers in the store use it
  --storage-dir <dir>  the host's data directory (default: the [storage] dir \`npm start\`
                       uses: $KAPACITOR_CONFIG_PATH's, $KAPACITOR_STORAGE_DIR, else ./.condenser)
  --config <file>      take the data directory from this kapacitor.conf's [storage] dir
  --help               show this help

Relative paths are taken from the repository root, where \`npm start\` runs.

Exit codes: 0 removed (or dry run), 1 refused (in use, built in, unknown) or error, 2 usage error.`;

export interface RemoveHandlerOptions {
  root?: string;
  output?: Output;
  /** Asks the user; undefined when there is nobody to ask (stdin not a terminal). */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  /** Handle SIGINT/SIGTERM (the script does; in-process callers do not). */
  handleSignals?: boolean;
}

export async function runRemoveHandler(
  args: string[],
  options: RemoveHandlerOptions = {},
): Promise<number> {
  const output = options.output ?? consoleOutput;
  const root = options.root ?? defaultRoot;
  const confirm = 'confirm' in options ? options.confirm : terminalConfirm();
  return runScript(
    'remove-handler',
    async () => {
      const { values, positionals } = parseCommandLine(
        args,
        {
          'dry-run': { type: 'boolean' },
          yes: { type: 'boolean', short: 'y' },
          force: { type: 'boolean' },
          'storage-dir': { type: 'string' },
          config: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        true,
      );
      if (values.help) {
        output.out(removeHandlerUsage);
        return exitCodes.ok;
      }
      if (positionals.length !== 1) throw new UsageError('expected exactly one handler kind');
      if (values['storage-dir'] !== undefined && values.config !== undefined)
        throw new UsageError('give --storage-dir or --config, not both');
      const kind = positionals[0]!;
      return withSession(
        {
          root,
          command: `remove-handler ${kind}`,
          notice: (line) => output.err(`remove-handler: ${line}`),
          handleSignals: options.handleSignals ?? false,
        },
        (session) => removeHandler(kind, { root, output, confirm, session, values }),
      );
    },
    output,
  );
}

interface RemoveContext {
  root: string;
  output: Output;
  confirm: ((question: string) => Promise<boolean>) | undefined;
  session: Session;
  values: {
    'dry-run'?: boolean | undefined;
    yes?: boolean | undefined;
    force?: boolean | undefined;
    'storage-dir'?: string | undefined;
    config?: string | undefined;
  };
}

async function removeHandler(kind: string, ctx: RemoveContext): Promise<number> {
  const { output, confirm, values } = ctx;
  const plan = new Plan({ root: ctx.root });
  const refusal = refusalReason(plan, kind);
  if (refusal) {
    output.err(`remove-handler: ${refusal}`);
    return exitCodes.failed;
  }

  if (!checkStore(kind, ctx)) return exitCodes.failed;

  const reports = stageRemoval(plan, kind);
  await formatPlan(plan);
  const deleted = plan.changes().filter((c) => c.kind === 'deleted');
  const rows: Array<[string, string]> = [
    ...deleted.map((c): [string, string] => [c.path, 'deleted']),
    ...changedTouchPoints(reports).map((r): [string, string] => [r.file, summarizeReport(r)]),
  ];

  if (values['dry-run']) {
    output.out(`remove-handler ${kind} (dry run, nothing written):`);
    for (const line of columns(rows)) output.out(line);
    output.out(plan.diff().trimEnd());
    return exitCodes.ok;
  }
  if (!values.yes) {
    if (!confirm) {
      output.err('remove-handler: stdin is not a terminal; pass --yes to confirm');
      return exitCodes.failed;
    }
    output.out(`remove-handler ${kind} will change:`);
    for (const line of columns(rows)) output.out(line);
    if (!(await confirm(`Delete handler "${kind}"? [y/N] `))) {
      output.out('nothing changed');
      return exitCodes.failed;
    }
  }
  await ctx.session.commit(plan);
  keepTouchPointOutlines(plan); // TypeScript is loaded: the next new kind need not load it
  for (const line of columns(rows)) output.out(line);
  output.out(`removed handler "${kind}"`);
  return exitCodes.ok;
}

/**
 * Look in the store for tasks and topic handlers that use the kind. false = refuse: some do
 * and neither --force nor --dry-run was given (or the store cannot be read without --force).
 */
function checkStore(kind: string, ctx: RemoveContext): boolean {
  const { output, values, root } = ctx;
  const force = values.force === true;
  const dryRun = values['dry-run'] === true;
  let usage: KindUsage | undefined;
  let where: string;
  const names = kindNames(root, kind);
  try {
    const resolved =
      values['storage-dir'] !== undefined
        ? { dir: values['storage-dir'], source: '--storage-dir' }
        : resolveStorageDir({
            config: values.config === undefined ? undefined : path.resolve(root, values.config),
          });
    const dir = path.resolve(root, resolved.dir);
    where = `${shown(root, dir)} (${resolved.source})`;
    usage = findKindUsage(dir, names);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (!force) throw new Error(`${reason} (pass --force to remove the kind without checking)`);
    output.err(`remove-handler: not checked whether the store uses "${kind}": ${reason}`);
    return true;
  }
  if (usage === undefined || usage.tasks.length + usage.handlers.length === 0) {
    output.out(`store ${where}: nothing uses "${kind}"`);
    return true;
  }
  const deletes = [
    ...(usage.tasks.length === 0
      ? []
      : [`npx condenser delete tasks ${usage.tasks.map((t) => shellWord(t.id)).join(' ')}`]),
    ...usage.handlers.map(
      (h) => `npx condenser delete-topic-handler ${shellWord(h.topic)} ${shellWord(h.id)}`,
    ),
  ];
  output.err(
    `remove-handler: handler kind "${kind}" is in use in the store ${shown(root, usage.file)}:`,
  );
  for (const t of usage.tasks)
    output.err(`  task ${t.id} (${t.status}): its TICKscript calls .${names.property}()`);
  for (const h of usage.handlers) output.err(`  topic handler ${h.id} of topic ${h.topic}`);
  output.err('Without the kind they stop running (the host reports each one at start).');
  output.err(
    force
      ? 'Removing it anyway (--force). To delete them (with the host running):'
      : dryRun
        ? 'Without --force this is refused; delete them first (with the host running):'
        : 'Refused: delete them first (with the host running), or pass --force to remove it anyway:',
  );
  for (const command of deletes) output.err(`  ${command}`);
  return force || dryRun;
}

/** A path as the user reads it: relative to the repository when inside it. */
function shown(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The kind's API name (handler.ts) and TICKscript property (tick.ts), read from its files. */
function kindNames(root: string, folder: string): { kind: string; property: string | undefined } {
  const inventory = readInventory(root);
  const nameIn = (m: Map<string, string>) => [...m].find(([, f]) => f === folder)?.[0];
  return { kind: nameIn(inventory.apiKinds) ?? folder, property: nameIn(inventory.tickProperties) };
}

/** Why `kind` cannot be removed, or undefined if it can. */
export function refusalReason(plan: Plan, kind: string): string | undefined {
  if (!isKindName(kind)) {
    return `"${kind}" is not a handler kind name (lower-case letters and digits, e.g. "foo")`;
  }
  if (builtInKinds.includes(kind))
    return `"${kind}" is a built-in handler kind; refusing to remove it`;
  if (!plan.isDirectory(`${servicesDir}/${kind}`)) {
    return (
      `no handler "${kind}": ${servicesDir}/${kind}/ does not exist ` +
      '(run `npm run wire` to drop wiring left behind by a deleted folder)'
    );
  }
  return undefined;
}

/**
 * Stage the deletion of the kind's folder and tests (and the spec of a kind made from flags:
 * the catalogue keeps Kapacitor's), and its unwiring.
 */
export function stageRemoval(plan: Plan, kind: string): TouchPointReport[] {
  plan.delete(`${servicesDir}/${kind}`);
  // Its generated test and any hand-written ones beside it (`kafka.wire.test.ts`): without
  // the kind they could only fail.
  for (const name of plan.list('test/services')) {
    if (name === `${kind}.test.ts` || (name.startsWith(`${kind}.`) && name.endsWith('.test.ts'))) {
      plan.delete(`test/services/${name}`);
    }
  }
  const spec = specPath(kind);
  if (!(kapacitorKinds as readonly string[]).includes(kind) && plan.exists(spec)) plan.delete(spec);
  return unwireKind(plan, kind);
}

/** A y/N prompt on the terminal, or undefined when stdin is not one. */
function terminalConfirm(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = await rl.question(question);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

/** `npm run remove-handler`. */
export const removeHandlerMain: ScriptMain = (args) =>
  runRemoveHandler(args, { handleSignals: true });

runIfMain(import.meta.url, removeHandlerMain);
