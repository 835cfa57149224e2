// The task's graphviz `dot` as Kapacitor shows it (`GET /tasks/<id>`, `kapacitor show`).
// Without stats it is Pipeline.Dot: `digraph <id> {\n<parent> -> <child>;\n...}` in walk order.
// With stats it is ExecutingTask.EDot: a graph throughput line, each node's stats (sorted by
// name) as attributes (`dot-view=attributes`, the default) or as an xlabel (`labels`), and the
// number of messages each edge carried.

import type { Pipeline, PipelineNode } from './model.js';
import { walkOrder } from './walk.js';

export interface NodeDotStats {
  /** Kapacitor's node stat map: `avg_exec_time_ns`, `errors`, `working_cardinality`, ... */
  values: Record<string, string | number>;
  /** messages sent to each child, keyed by the child's name */
  processed: Record<string, number>;
}

export interface DotStats {
  /** points (stream tasks) or batches (batch tasks) per second through the task */
  throughput: number;
  /** keyed by node name */
  nodes: Record<string, NodeDotStats>;
}

export type DotView = 'attributes' | 'labels';

export function toDot(
  pipeline: Pipeline,
  taskId: string,
  stats?: DotStats,
  view: DotView = 'attributes',
): string {
  // Kapacitor leaves the batch source out: its query() nodes are the real sources.
  const order = walkOrder(pipeline.nodes.filter((n) => n.parents.length === 0)).filter(
    (n) => n.type !== 'batch',
  );
  let out = `digraph ${taskId} {\n`;
  if (stats === undefined) {
    for (const n of order) for (const c of n.children) out += `${n.name} -> ${c.name};\n`;
    return `${out}}`;
  }
  const unit = pipeline.type === 'batch' ? 'batches' : 'points';
  const throughput = `${stats.throughput.toFixed(2)} ${unit}/s`;
  out +=
    view === 'labels'
      ? `graph [label="Throughput: ${throughput}" forcelabels=true pad="0.8,0.5"];\n`
      : `graph [throughput="${throughput}"];\n`;
  for (const n of order) out += nodeDot(n, stats.nodes[n.name], view);
  return `${out}}`;
}

function nodeDot(n: PipelineNode, stats: NodeDotStats | undefined, view: DotView): string {
  const values = Object.entries(stats?.values ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const processed = (c: PipelineNode): number => stats?.processed[c.name] ?? 0;
  let out = '';
  if (view === 'labels') {
    // A literal `\r` is a right-justified line break in graphviz labels.
    out += `\n${n.name} [xlabel="${values.map(([k, v]) => `${k}: ${v}`).join('\\r')}"];\n`;
    for (const c of n.children)
      out += `${n.name} -> ${c.name} [label="processed=${processed(c)}"];\n`;
  } else {
    out += `\n${n.name} [${values.map(([k, v]) => `${k}="${v}" `).join('')}];\n`;
    for (const c of n.children) out += `${n.name} -> ${c.name} [processed="${processed(c)}"];\n`;
  }
  return out;
}
