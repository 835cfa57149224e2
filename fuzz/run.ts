// `npm run fuzz -- <target...|all> [--runs N] [--seed S]`: long fuzz runs (10^5 inputs per
// target by default). Prints inputs/s per target and, on a finding, the shrunk (minimal)
// input that reproduces it with its seed; exits 1 if any target found something.

import fc from 'fast-check';
import { fuzzTargets } from './targets.js';

function usage(): string {
  const names = Object.keys(fuzzTargets);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: npm run fuzz -- <target...|all> [--runs N] [--seed S]',
    '',
    'targets:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${fuzzTargets[n]!.description}`),
  ].join('\n');
}

function main(argv: string[]): number {
  let runs = 100_000;
  let seed: number | undefined;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(usage());
      return 0;
    }
    if (a === '--runs' || a === '--seed') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < (a === '--runs' ? 1 : -(2 ** 31))) {
        console.error(`${a} needs an integer, got ${JSON.stringify(argv[i] ?? '')}`);
        return 2;
      }
      if (a === '--runs') runs = v;
      else seed = v;
      continue;
    }
    names.push(a);
  }
  if (names.length === 0) {
    console.log(usage());
    return 0;
  }
  const selected = names.includes('all') ? Object.keys(fuzzTargets) : names;
  const unknown = selected.filter((n) => !(n in fuzzTargets));
  if (unknown.length > 0) {
    console.error(`unknown fuzz target: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  let failed = 0;
  for (const name of selected) {
    const target = fuzzTargets[name]!;
    const t0 = performance.now();
    const result = fc.check(
      fc.property(target.arbitrary, (input) => target.run(input)),
      {
        numRuns: runs,
        seed,
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    const rate = Math.round(result.numRuns / seconds);
    if (!result.failed) {
      console.log(
        `${name}: ${result.numRuns} inputs, ${rate} inputs/s, no finding (seed ${result.seed})`,
      );
      continue;
    }
    failed++;
    console.log(
      `${name}: FINDING after ${result.numRuns} inputs (${rate} inputs/s, seed ${result.seed})`,
    );
    console.log(`  minimal input: ${JSON.stringify(result.counterexample?.[0])}`);
    console.log(`  error: ${(result.errorInstance as Error | undefined)?.message ?? 'unknown'}`);
    console.log(`  reproduce: npm run fuzz -- ${name} --seed ${result.seed} --runs ${runs}`);
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
