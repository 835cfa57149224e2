// Kapacitor's Pipeline.Walk order: a depth-first topological sort that visits the sources in
// reverse and reverses the result. Validation errors and the dot graph follow this order.

export interface WalkableNode<N> {
  readonly children: readonly N[];
}

export function walkOrder<N extends WalkableNode<N>>(sources: readonly N[]): N[] {
  const sorted: N[] = [];
  const done = new Set<N>();
  const visit = (n: N): void => {
    if (done.has(n)) return;
    for (const c of n.children) visit(c);
    done.add(n);
    sorted.push(n);
  };
  for (let i = sources.length - 1; i >= 0; i--) visit(sources[i]!);
  return sorted.reverse();
}
