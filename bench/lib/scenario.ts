// A bench scenario: a name for the command line, a one-line description for the listing,
// and a run function that prints its own results. Each bench/<area>.ts file exports
// `scenarios: Scenario[]`; run.ts discovers those files, so adding an area is one file.

export interface Scenario {
  /** kebab-case, unique across files: `npm run bench -- <name>` */
  name: string;
  description: string;
  run(): Promise<void>;
}

/** Narrowing for modules loaded by discovery (their exports are unknown until checked). */
export function isScenario(value: unknown): value is Scenario {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' && typeof v.description === 'string' && typeof v.run === 'function'
  );
}
