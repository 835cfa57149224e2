// Group-by dimensions of from() and groupBy(): tag names or `*`, checked as Kapacitor's
// validateDimensions does.

import { goTypeName, isAstValue, type TickValue } from '../values.js';

export function finishDimensions(
  dimensions: unknown[],
  exclude: string[],
): { names: string[]; star: boolean } | string {
  let star = false;
  const names: string[] = [];
  for (const d of dimensions as TickValue[]) {
    if (typeof d === 'string') {
      if (d.length === 0) return 'dimensions cannot not be the empty string';
      names.push(d);
    } else if (isAstValue(d) && d.kind === 'star') {
      star = true;
    } else {
      return `invalid dimension object of type ${goTypeName(d)}`;
    }
  }
  if (star && dimensions.length > 1) return "cannot group by both '*' and named dimensions.";
  if (!star && exclude.length > 0) return "exclude requires '*'";
  return { names, star };
}
