// `node --import tsx bench/lib/bare-plop.ts <kind> <dest>`: the bare plop baseline as a real
// process (bench/scaffold.ts). Builds the view new-handler renders for `<kind>` with no flags
// (kindView of resolveKind({ kind })) and runs lib/bare-plopfile.ts's `add` actions with it
// into <dest>. Exit 0 when every file was written, 1 on a failed action, 2 on usage.

import path from 'node:path';
import nodePlop from 'node-plop';
import { resolveKind } from '../../generators/generate.js';
import { emptyInventory } from '../../generators/inventory.js';
import { kindView } from '../../generators/kind/view.js';
import { generatorName } from './bare-plopfile.js';

const [kind, dest, ...rest] = process.argv.slice(2);
if (kind === undefined || dest === undefined || rest.length > 0) {
  process.stderr.write('usage: node --import tsx bench/lib/bare-plop.ts <kind> <dest>\n');
  process.exit(2);
}

const plop = await nodePlop(path.join(import.meta.dirname, 'bare-plopfile.ts'), {
  destBasePath: path.resolve(dest),
  force: false,
});
const view = kindView(resolveKind({ kind }, process.cwd(), emptyInventory).spec);
const result = await plop.getGenerator(generatorName).runActions(view);
for (const f of result.failures) process.stderr.write(`bare-plop: ${f.path}: ${f.error}\n`);
process.stdout.write(`bare-plop ${kind}: ${result.changes.length} files written\n`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
