// `npm run remove-handler -- <kind>`: delete a generated handler (its folder and its test) and
// unwire it, all at once, leaving the touch points as they were before it was added.

import { createInterface } from 'node:readline/promises';
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
import { specPath } from './kind/regenerate.js';
import { Plan } from './plan.js';
import { kapacitorKinds } from './spec.js';
import { withSession, type Session } from './session.js';
import {
  changedTouchPoints,
  isKindName,
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

export const removeHandlerUsage = `Usage: npm run remove-handler -- <kind> [--dry-run] [--yes]

Delete src/services/<kind>/ and test/services/<kind>.test.ts and remove the kind from the
six touch-point files, all at once. A kind generated from flags also loses its spec
(generators/catalogue/<kind>.yaml); Kapacitor's kinds keep theirs, so \`npm run new-handler
<kind>\` brings them back. Built-in kinds (${builtInKinds.join(', ')}) are refused.

Options:
  --dry-run  print what would change (a unified diff) and change nothing
  --yes      do not ask for confirmation (needed when stdin is not a terminal)
  --help     show this help

Exit codes: 0 removed (or dry run), 1 refused or error, 2 usage error.`;

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
          help: { type: 'boolean', short: 'h' },
        },
        true,
      );
      if (values.help) {
        output.out(removeHandlerUsage);
        return exitCodes.ok;
      }
      if (positionals.length !== 1) throw new UsageError('expected exactly one handler kind');
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
  values: { 'dry-run'?: boolean | undefined; yes?: boolean | undefined };
}

async function removeHandler(kind: string, ctx: RemoveContext): Promise<number> {
  const { output, confirm, values } = ctx;
  const plan = new Plan({ root: ctx.root });
  const refusal = refusalReason(plan, kind);
  if (refusal) {
    output.err(`remove-handler: ${refusal}`);
    return exitCodes.failed;
  }

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
  for (const line of columns(rows)) output.out(line);
  output.out(`removed handler "${kind}"`);
  return exitCodes.ok;
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
 * Stage the deletion of the kind's folder and test (and the spec of a kind made from flags:
 * the catalogue keeps Kapacitor's), and its unwiring.
 */
export function stageRemoval(plan: Plan, kind: string): TouchPointReport[] {
  plan.delete(`${servicesDir}/${kind}`);
  const testFile = `test/services/${kind}.test.ts`;
  if (plan.exists(testFile)) plan.delete(testFile);
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
