// The order test files start in. The suite-after-generation test runs the whole suite again
// in a copy of the repository: started first, it runs beside the other files instead of
// after them, which roughly halves the wall time of `npm test` on two cores. The rest keep
// vitest's order (the slowest of the last run first; larger files first on a fresh clone).

import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

const first = ['test/generators/suite-after-generation.test.ts'];

const rank = (spec: TestSpecification): number => {
  const i = first.findIndex((f) => spec.moduleId.endsWith(f));
  return i < 0 ? first.length : i;
};

export class FirstLongestSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
