// A small layered layout for task pipelines (directed acyclic graphs, mostly chains and
// trees): each node in the layer of its longest path from a source, layers top to bottom,
// nodes ordered by their parents' positions to keep edges from crossing.

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export interface Layout {
  boxes: Map<string, Box>;
  width: number;
  height: number;
}

export function layoutGraph(
  ids: readonly string[],
  edges: ReadonlyArray<{ from: string; to: string }>,
  size: (id: string) => Size,
  gap = { x: 32, y: 48 },
): Layout {
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) parents.get(e.to)?.push(e.from);
  // Longest path from a source; a cycle (never in a pipeline) is cut at the first revisit.
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const d = Math.max(-1, ...(parents.get(id) ?? []).map(depth)) + 1;
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  for (const id of ids) depth(id);

  const layers: string[][] = [];
  for (const id of ids) (layers[layer.get(id)!] ??= []).push(id);
  // Order each layer by the mean position of its parents in the layer above.
  const position = new Map<string, number>();
  for (const row of layers) {
    const rank = (id: string): number => {
      const ps = (parents.get(id) ?? []).filter((p) => position.has(p));
      return ps.length === 0 ? Infinity : ps.reduce((s, p) => s + position.get(p)!, 0) / ps.length;
    };
    const order = new Map(row.map((id, i) => [id, i]));
    row.sort((a, b) => rank(a) - rank(b) || order.get(a)! - order.get(b)!);
    row.forEach((id, i) => position.set(id, i));
  }

  const sizes = new Map(ids.map((id) => [id, size(id)]));
  const rowWidth = (row: string[]): number =>
    row.reduce((w, id) => w + sizes.get(id)!.width, 0) + gap.x * Math.max(row.length - 1, 0);
  const width = Math.max(0, ...layers.map(rowWidth));
  const boxes = new Map<string, Box>();
  let y = 0;
  for (const row of layers) {
    const height = Math.max(...row.map((id) => sizes.get(id)!.height));
    let x = (width - rowWidth(row)) / 2;
    for (const id of row) {
      const s = sizes.get(id)!;
      boxes.set(id, { x, y: y + (height - s.height) / 2, ...s });
      x += s.width + gap.x;
    }
    y += height + gap.y;
  }
  return { boxes, width, height: Math.max(0, y - gap.y) };
}
