// Property-based checks (fast-check, bounded runs) over every parser of client input: each
// input either parses or raises one of the host's typed errors. The same targets run long
// with `npm run fuzz -- <target>`.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTargets, isTyped } from '../../fuzz/targets.js';

describe('fuzz targets (bounded property runs)', () => {
  it.each(Object.keys(fuzzTargets))('%s: every input parses or raises a typed error', (name) => {
    const target = fuzzTargets[name]!;
    fc.assert(
      fc.property(target.arbitrary, (input) => target.run(input)),
      { numRuns: 300 },
    );
  });

  it('the checker itself tells typed errors from untyped ones', () => {
    expect(isTyped(new TypeError('x'))).toBe(false);
    expect(isTyped(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(() => fuzzTargets['tick-parser']!.run('(')).not.toThrow();
  });
});
