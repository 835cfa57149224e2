// `npm run catalogue`: regenerate every installed kind from its spec in generators/catalogue/
// (after a template or spec change), all at once. `--check` changes nothing: it lists every
// generated file that differs from what its spec and the templates produce (first differing
// line), and prints each kind's generated and hand-written lines.

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
import {
  describeDrift,
  generatedDrift,
  lineCounts,
  renderInstalledKinds,
  type KindFiles,
} from './kind/regenerate.js';
import { Plan } from './plan.js';
import { withSession } from './session.js';
import { planWiring } from './wiring/index.js';

export const catalogueUsage = `Usage: npm run catalogue [-- --check]

Regenerate every installed handler kind (src/services/<kind>/ and test/services/<kind>.test.ts)
from its spec in generators/catalogue/<kind>.yaml and the templates in templates/kind/, then
rewire and write everything at once. Run it after changing a spec or a template: the change
reaches every kind. Hand-written modules a spec names are never touched.

Options:
  --check   change nothing: list generated files that differ from their spec and templates
            (exit 1 if any), and print the generated and hand-written lines of each kind
  --help    show this help

Exit codes: 0 done (or nothing differs), 1 differences or error, 2 usage error.`;

export interface CatalogueOptions {
  root?: string;
  output?: Output;
  handleSignals?: boolean;
}

export async function runCatalogue(
  args: string[],
  options: CatalogueOptions = {},
): Promise<number> {
  const output = options.output ?? consoleOutput;
  const root = options.root ?? defaultRoot;
  return runScript(
    'catalogue',
    async () => {
      const { values } = parseCommandLine(
        args,
        { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        false,
      );
      if (values.help) {
        output.out(catalogueUsage);
        return exitCodes.ok;
      }
      return withSession(
        {
          root,
          command: values.check ? 'catalogue --check' : 'catalogue',
          notice: (line) => output.err(`catalogue: ${line}`),
          handleSignals: options.handleSignals ?? false,
        },
        async (session) => {
          const plan = new Plan({ root });
          const kinds = await renderInstalledKinds(plan);
          if (values.check) return check(plan, kinds, output);
          for (const k of kinds) for (const g of k.generated) plan.write(g.path, g.content);
          planWiring(plan);
          await formatPlan(plan);
          const written = await session.commit(plan);
          output.out(
            written.length === 0
              ? `${kinds.length} kind(s) regenerated; nothing changed`
              : `${kinds.length} kind(s) regenerated; ${written.length} file(s) written:`,
          );
          for (const c of written)
            output.out(`  ${c.kind === 'created' ? 'create' : 'change'}  ${c.path}`);
          return exitCodes.ok;
        },
      );
    },
    output,
  );
}

function check(plan: Plan, kinds: KindFiles[], output: Output): number {
  const counts = lineCounts(plan, kinds);
  const rows: Array<[string, string]> = counts.map((c) => [
    c.kind,
    `${String(c.generated).padStart(5)} generated  ${String(c.handWritten).padStart(4)} hand-written`,
  ]);
  const generated = counts.reduce((n, c) => n + c.generated, 0);
  const hand = counts.reduce((n, c) => n + c.handWritten, 0);
  for (const line of columns(rows)) output.out(line);
  const share = generated + hand === 0 ? 0 : (100 * hand) / (generated + hand);
  output.out(
    `${kinds.length} kinds: ${generated} generated lines, ${hand} hand-written (${share.toFixed(1)}%); ` +
      `${counts.filter((c) => c.handWritten === 0).length} with none hand-written`,
  );
  const drifts = generatedDrift(plan, kinds);
  for (const d of drifts) output.out(describeDrift(d));
  if (drifts.length > 0) {
    output.out(
      `${drifts.length} generated file(s) differ; run \`npm run catalogue\` to regenerate them`,
    );
    return exitCodes.failed;
  }
  output.out('every generated file is as its spec and the templates make it');
  return exitCodes.ok;
}

/** `npm run catalogue`. */
export const catalogueMain: ScriptMain = (args) => runCatalogue(args, { handleSignals: true });

runIfMain(import.meta.url, catalogueMain);
