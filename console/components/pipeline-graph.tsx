// A task's pipeline drawn from its dot output: one box per node with its statistics, arrows
// labelled with the messages each edge carried. A table below gives the same numbers as text.

import { parseDot, type DotGraph } from '../lib/dot.js';
import { layoutGraph } from '../lib/layout.js';

const charWidth = 7.4;
const lineHeight = 16;

function statLines(attrs: Record<string, string>): string[] {
  return Object.entries(attrs).map(([k, v]) => `${k}: ${v}`);
}

export function PipelineGraph({ dot, taskId }: { dot: string; taskId: string }) {
  let graph: DotGraph;
  try {
    graph = parseDot(dot);
  } catch (err) {
    return (
      <p class="muted">
        The pipeline graph could not be read: {err instanceof Error ? err.message : ''}
      </p>
    );
  }
  if (graph.nodes.length === 0) return <p class="muted">The task has no pipeline yet.</p>;
  const lines = new Map(graph.nodes.map((n) => [n.id, statLines(n.attrs)]));
  const size = (id: string) => {
    const ls = lines.get(id) ?? [];
    const longest = Math.max(id.length + 2, ...ls.map((l) => l.length));
    return { width: Math.max(120, longest * charWidth + 20), height: 30 + ls.length * lineHeight };
  };
  const layout = layoutGraph(
    graph.nodes.map((n) => n.id),
    graph.edges,
    size,
    { x: 28, y: 44 },
  );
  const pad = 8;
  const throughput = graph.attrs.throughput;
  return (
    <div class="pipeline">
      {throughput && <p>Throughput: {throughput}</p>}
      <div class="graph-scroll">
        <svg
          class="graph"
          viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
          width={layout.width + 2 * pad}
          role="img"
          aria-label={`Pipeline of task ${taskId}: ${graph.edges.map((e) => `${e.from} to ${e.to}`).join(', ')}`}
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
            </marker>
          </defs>
          {graph.edges.map((e, i) => {
            const a = layout.boxes.get(e.from)!;
            const b = layout.boxes.get(e.to)!;
            const x1 = a.x + a.width / 2;
            const y1 = a.y + a.height;
            const x2 = b.x + b.width / 2;
            const y2 = b.y;
            const my = (y1 + y2) / 2;
            const processed = e.attrs.processed ?? /processed=(\d+)/.exec(e.attrs.label ?? '')?.[1];
            return (
              <g key={i} class="edge">
                <path
                  d={`M ${x1} ${y1} C ${x1} ${my}, ${x2} ${my}, ${x2} ${y2}`}
                  marker-end="url(#arrow)"
                />
                {processed !== undefined && (
                  <text x={(x1 + x2) / 2 + 6} y={my + 4}>
                    {processed}
                  </text>
                )}
              </g>
            );
          })}
          {graph.nodes.map((n) => {
            const box = layout.boxes.get(n.id)!;
            return (
              <g key={n.id} class="node" transform={`translate(${box.x} ${box.y})`}>
                <rect width={box.width} height={box.height} rx="6" />
                <text class="node-name" x="10" y="20">
                  {n.id}
                </text>
                {(lines.get(n.id) ?? []).map((l, i) => (
                  <text key={l} class="node-stat" x="10" y={38 + i * lineHeight}>
                    {l}
                  </text>
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <NodeStatsTable graph={graph} />
    </div>
  );
}

function NodeStatsTable({ graph }: { graph: DotGraph }) {
  const keys = [...new Set(graph.nodes.flatMap((n) => Object.keys(n.attrs)))].sort();
  if (keys.length === 0) return null;
  return (
    <details class="stats-table">
      <summary>Node statistics as a table</summary>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">node</th>
              {keys.map((k) => (
                <th scope="col" key={k}>
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {graph.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row">{n.id}</th>
                {keys.map((k) => (
                  <td key={k}>{n.attrs[k] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
