// `npm run bench -- <scenario...>`: runs the named scenarios in order.
// No name: list the scenarios and exit 0. Unknown name: say so and exit 2.
// Scenarios are discovered: every bench/*.ts file except this one that exports
// `scenarios: Scenario[]` (see lib/scenario.ts), so a new area is one new file.

import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { isScenario, type Scenario } from './lib/scenario.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

async function discoverScenarios(): Promise<Scenario[]> {
  const files = (await readdir(benchDir))
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
    .sort();
  const found: Scenario[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as {
      scenarios?: unknown;
    };
    if (!Array.isArray(mod.scenarios)) continue;
    for (const s of mod.scenarios) {
      if (!isScenario(s)) throw new Error(`bench/${file}: a scenarios entry is not a Scenario`);
      if (found.some((f) => f.name === s.name)) {
        throw new Error(`bench/${file}: duplicate scenario name "${s.name}"`);
      }
      found.push(s);
    }
  }
  return found;
}

async function main(argv: string[]): Promise<number> {
  const scenarios = await discoverScenarios();
  if (argv.length === 0) {
    const width = Math.max(...scenarios.map((s) => s.name.length));
    console.log('usage: npm run bench -- <scenario...>\n\nscenarios:');
    for (const s of scenarios) console.log(`  ${s.name.padEnd(width)}  ${s.description}`);
    return 0;
  }
  const unknown = argv.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown bench scenario: ${unknown.join(', ')}`);
    console.error(`known: ${scenarios.map((s) => s.name).join(', ')}`);
    return 2;
  }
  for (const name of argv) {
    const scenario = scenarios.find((s) => s.name === name) as Scenario;
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    await scenario.run();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
