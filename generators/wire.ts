// `npm run wire`: reconcile every handler folder in src/services/ with the six touch points,
// format what changed and write it all at once. `--check` changes nothing and lists drift.

import {
  columns,
  consoleOutput,
  defaultRoot,
  exitCodes,
  parseCommandLine,
  runIfMain,
  runScript,
  type Output,
  type ScriptMain,
} from './cli.js';
import { formatPlan } from './format.js';
import { describeDrift, generatedDrift, renderInstalledKinds } from './kind/regenerate.js';
import { Plan } from './plan.js';
import { withSession, type Session } from './session.js';
import {
  changedTouchPoints,
  checkWiring,
  keepTouchPointOutlines,
  planWiring,
  readHandlerFolders,
  summarizeReport,
} from './wiring/index.js';

// The engine, for scripts that stage their own files first (new-handler).
export {
  checkWiring,
  planWiring,
  readHandlerFolders,
  summarizeReport,
  touchPoints,
  unwireKind,
  wireKind,
} from './wiring/index.js';
export { formatPlan } from './format.js';
export { Plan } from './plan.js';

export const wireUsage = `Usage: npm run wire [-- --check]

Wire every handler folder in src/services/ into the six touch-point files: add the entries a
folder's files call for, remove entries whose folder or file is gone, format the files that
changed (prettier) and write them all at once. Running it again changes nothing.

Options:
  --check   change nothing; list each missing or stale entry, and each generated file that
            differs from its spec (generators/catalogue/) and the templates; exit 1 if any
  --help    show this help

Exit codes: 0 done (or wiring complete), 1 drift or error, 2 usage error.`;

export interface WireOptions {
  root?: string;
  output?: Output;
  /** Handle SIGINT/SIGTERM (the script does; in-process callers do not). */
  handleSignals?: boolean;
}

/** The whole command, for tests and for the script entry below. */
export async function runWire(args: string[], options: WireOptions = {}): Promise<number> {
  const output = options.output ?? consoleOutput;
  const root = options.root ?? defaultRoot;
  return runScript(
    'wire',
    async () => {
      const { values } = parseCommandLine(
        args,
        { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        false,
      );
      if (values.help) {
        output.out(wireUsage);
        return exitCodes.ok;
      }
      return withSession(
        {
          root,
          command: values.check ? 'wire --check' : 'wire',
          notice: (line) => output.err(`wire: ${line}`),
          handleSignals: options.handleSignals ?? false,
        },
        async (session) => {
          const plan = new Plan({ root });
          return values.check ? await reportDrift(plan, output) : wire(plan, output, session);
        },
      );
    },
    output,
  );
}

/** Wiring drift, then generated files that differ from their specs (hand edits). */
async function reportDrift(plan: Plan, output: Output): Promise<number> {
  const drifts = checkWiring(plan);
  const generated = generatedDrift(plan, await renderInstalledKinds(plan));
  if (drifts.length === 0 && generated.length === 0) {
    output.out('wiring is complete');
    return exitCodes.ok;
  }
  for (const drift of drifts) output.out(drift.message);
  for (const d of generated) output.out(describeDrift(d));
  if (drifts.length > 0) {
    output.out(`${drifts.length} wiring problem(s); run \`npm run wire\` to fix them`);
  }
  if (generated.length > 0) {
    output.out(
      `${generated.length} generated file(s) differ; run \`npm run catalogue\` to regenerate them`,
    );
  }
  return exitCodes.failed;
}

async function wire(plan: Plan, output: Output, session: Session): Promise<number> {
  for (const dir of readHandlerFolders(plan).ignored) {
    output.err(`wire: ignoring ${dir}: not a handler folder (name must match ^[a-z][a-z0-9]*$)`);
  }
  const reports = planWiring(plan);
  await formatPlan(plan);
  const written = await session.commit(plan);
  keepTouchPointOutlines(plan); // TypeScript is loaded: the next new kind need not load it
  for (const line of columns(reports.map((r) => [r.file, summarizeReport(r)]))) output.out(line);
  const changed = changedTouchPoints(reports).length;
  output.out(
    changed === 0
      ? 'wiring is complete; nothing changed'
      : `updated ${changed} touch point(s), ${written.length} file(s) written`,
  );
  return exitCodes.ok;
}

/** `npm run wire`. */
export const wireMain: ScriptMain = (args) => runWire(args, { handleSignals: true });

runIfMain(import.meta.url, wireMain);
