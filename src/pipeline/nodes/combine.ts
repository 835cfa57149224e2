// Nodes that combine or move streams: `shift` and `join` (nodes.md §5). A join whose parents
// can never match (no common dimensions, or `.on()` a dimension a parent lacks) is refused
// when the task is defined, located at the `|join()` call, instead of silently joining nothing.

import { formatGoDuration, type GoDuration } from '../../common/duration.js';
import { TickEvalError } from '../eval-error.js';
import type { GraphNode } from '../graph.js';
import { asString, asStrings, field, method, type NodeSpec } from '../node-spec.js';
import { goTypeName, type TickValue } from '../values.js';

export const shiftSpec: NodeSpec<'shift'> = {
  type: 'shift',
  goType: '*pipeline.ShiftNode',
  chains: 'chain',
  properties: {},
  validate(n) {
    const d = n.props.shift;
    if (d === 0n) throw new TickEvalError('invalid shift value: must be non zero duration', n.pos);
    if (d < 0n) {
      throw new TickEvalError(
        `invalid shift value ${formatGoDuration(d)}: must be a positive duration (shift moves points forward in time)`,
        n.pos,
      );
    }
    return undefined;
  },
};

/**
 * The group dimensions a node's output is known to have, or undefined when they depend on the
 * data (`groupBy('*')`).
 */
export function staticDimensions(node: GraphNode, all: readonly GraphNode[]): string[] | undefined {
  if (node.is('from')) return node.props.groupByStar ? undefined : [...node.props.groupBy];
  if (node.is('groupBy')) return node.props.star ? undefined : [...node.props.dimensions];
  if (node.is('query')) return node.props.groupByStar ? undefined : [...node.props.groupBy];
  if (node.is('stats')) {
    const observed = all.find((n) => n.id === node.props.sourceId);
    return observed ? staticDimensions(observed, all) : [];
  }
  const parent = node.parents[0];
  if (parent === undefined) return [];
  const dims = staticDimensions(parent, all);
  if (dims === undefined) return undefined;
  if (node.is('delete')) return dims.filter((d) => !node.props.tags.includes(d));
  if (node.is('join')) {
    if (node.props.on.length === 0) return dims;
    const union = new Set<string>();
    for (const p of node.parents) {
      const d = staticDimensions(p, all);
      if (d === undefined) return undefined;
      for (const t of d) union.add(t);
    }
    return [...union];
  }
  return dims;
}

const list = (dims: readonly string[]): string => `[${dims.join(', ')}]`;

function checkJoinable(n: GraphNode<'join'>, all: readonly GraphNode[]): void {
  const parents = n.parents.map((p) => ({ node: p, dims: staticDimensions(p, all) }));
  const on = n.props.on;
  if (on.length > 0) {
    for (const { node, dims } of parents) {
      const missing = dims === undefined ? [] : on.filter((d) => !dims.includes(d));
      if (missing.length > 0) {
        throw new TickEvalError(
          `cannot join on ${list(missing)}: ${node.name} is grouped by ${list(dims!)}; group every joined node by the .on() dimensions`,
          n.pos,
        );
      }
    }
    return;
  }
  const known = parents.filter(
    (p): p is { node: GraphNode; dims: string[] } => p.dims !== undefined,
  );
  const first = known[0];
  if (first === undefined) return;
  for (const other of known.slice(1)) {
    const a = [...first.dims].sort();
    const b = [...other.dims].sort();
    if (a.join('\u0000') === b.join('\u0000')) continue;
    const common = a.filter((d) => b.includes(d));
    const grouping = `${first.node.name} is grouped by ${list(a)}, ${other.node.name} by ${list(b)}`;
    throw new TickEvalError(
      common.length === 0
        ? `cannot join streams with no common dimensions: ${grouping}`
        : `cannot join differently grouped streams: ${grouping}; join .on(${common.map((d) => `'${d}'`).join(', ')})`,
      n.pos,
    );
  }
}

export const joinSpec: NodeSpec<'join'> = {
  type: 'join',
  goType: '*pipeline.JoinNode',
  chains: 'chain',
  properties: {
    As: method(['string'], (n, names) => void (n.props.as = asStrings(names)), true),
    On: method(['string'], (n, dims) => void (n.props.on = asStrings(dims)), true),
    Delimiter: field('string', (n, v) => void (n.props.delimiter = asString(v))),
    Tolerance: field('time.Duration', (n, v) => void (n.props.tolerance = (v as GoDuration).ns)),
    StreamName: field('string', (n, v) => void (n.props.streamName = asString(v))),
    Fill: field('interface {}', (n, v: TickValue) => {
      if (typeof v === 'number' || typeof v === 'bigint') n.props.fill = v;
      else if (v === 'null') n.props.fill = 'null';
      else if (v === 'none') delete n.props.fill;
      else
        n.extras.invalid =
          typeof v === 'string'
            ? `unexpected fill option ${v}`
            : `unexpected fill type ${goTypeName(v)}`;
    }),
  },
  validate(n, ctx) {
    const p = n.props;
    if (n.extras.invalid !== undefined) throw new TickEvalError(n.extras.invalid, n.pos);
    if (p.as.length === 0) {
      return 'a call to join.as() is required to specify the output stream prefixes.';
    }
    if (p.as.length !== n.parents.length) {
      return "number of prefixes specified by 'as' property must be equal to the number of joined nodes";
    }
    for (const name of p.as) {
      if (name === '')
        return 'must provide a prefix name for the join node, see .as() property method';
      if (p.delimiter !== '' && name.includes(p.delimiter)) {
        return `cannot use name ${name} as field prefix, it contains the delimiter ${JSON.stringify(p.delimiter)} `;
      }
    }
    if (new Set(p.as).size !== p.as.length)
      return 'cannot use the same prefix name see .as() property method';
    if (p.tolerance < 0n) throw new TickEvalError('tolerance must be non-negative', n.pos);
    if (n.parents.some((parent) => parent.provides !== 'stream')) {
      throw new TickEvalError(
        'joining batches is not supported by this host: join streams (an aggregation such as |mean() turns a batch into a stream)',
        n.pos,
      );
    }
    checkJoinable(n, ctx.graph.all());
    return undefined;
  },
};
