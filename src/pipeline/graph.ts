// The pipeline while it is being built: mutable nodes with sequential ids, linked as chain
// methods are called. `toPipeline()` freezes it into the model the runtime consumes.

import type { Position } from '../tick/ast.js';
import type { EdgeType } from '../task/point.js';
import { TickEvalError } from './eval-error.js';
import type { DBRP, NodePropsByType, NodeType, Pipeline, PipelineNode } from './model.js';

/** Most nodes one task may create (real pipelines have a few dozen). */
export const maxPipelineNodes = 500;

/** Raw property values Kapacitor keeps until validation (so it can report them there). */
export interface NodeExtras {
  /** from/groupBy dimensions as given: strings and `*` (or anything else, which is invalid) */
  dimensions?: unknown[];
  /** httpPost: urls given to the chain method and `.endpoint()` calls */
  urls?: string[];
  endpoints?: string[];
  /** log: the level as written, checked by validate() */
  logLevel?: string;
  /** the first unusable value a property received, reported by validate() as Kapacitor does */
  invalid?: string;
  /** query: `.cron()` as written (refused by validate()) */
  cron?: string;
}

export interface NodeShape {
  /** name prefix, nodes.md §0.3 */
  desc: string;
  /** Go type shown in error messages, `*pipeline.WindowNode` */
  goType: string;
  wants: EdgeType | 'none';
  provides: EdgeType;
}

export class GraphNode<T extends NodeType = NodeType> {
  readonly parents: GraphNode[] = [];
  readonly children: GraphNode[] = [];
  quiet = false;
  readonly extras: NodeExtras = {};

  constructor(
    readonly id: number,
    readonly type: T,
    readonly shape: NodeShape,
    readonly props: NodePropsByType[T],
    readonly pos: Position,
  ) {}

  get name(): string {
    return `${this.shape.desc}${this.id}`;
  }

  get provides(): EdgeType {
    return this.shape.provides;
  }

  is<U extends NodeType>(type: U): this is GraphNode<U> {
    return (this.type as NodeType) === type;
  }
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  /** Kapacitor's sources in the order they were added: the stream node, then stats nodes. */
  readonly sources: GraphNode[] = [];

  /** A node without parents (the stream node, a stats node). */
  addSource<T extends NodeType>(
    type: T,
    shape: NodeShape,
    props: NodePropsByType[T],
    pos: Position,
  ): GraphNode<T> {
    const node = this.create(type, shape, props, pos);
    this.sources.push(node);
    return node;
  }

  linkChild<T extends NodeType>(
    parent: GraphNode,
    type: T,
    shape: NodeShape,
    props: NodePropsByType[T],
    pos: Position,
  ): GraphNode<T> {
    const node = this.create(type, shape, props, pos);
    parent.children.push(node);
    node.parents.push(parent);
    return node;
  }

  /** Make `parent` another parent of `node` (join). */
  linkParent(node: GraphNode, parent: GraphNode): void {
    parent.children.push(node);
    node.parents.push(parent);
  }

  all(): readonly GraphNode[] {
    return this.nodes;
  }

  toPipeline(type: 'stream' | 'batch', dbrps: DBRP[]): Pipeline {
    const frozen = new Map<GraphNode, PipelineNode>();
    for (const n of this.nodes) {
      frozen.set(n, {
        id: n.id,
        type: n.type,
        name: n.name,
        wants: n.shape.wants,
        provides: n.shape.provides,
        parents: [],
        children: [],
        props: n.props,
        quiet: n.quiet,
        pos: n.pos,
      });
    }
    for (const n of this.nodes) {
      const f = frozen.get(n)!;
      for (const p of n.parents) f.parents.push(frozen.get(p)!);
      for (const c of n.children) f.children.push(frozen.get(c)!);
    }
    return { nodes: this.nodes.map((n) => frozen.get(n)!), type, dbrps };
  }

  private create<T extends NodeType>(
    type: T,
    shape: NodeShape,
    props: NodePropsByType[T],
    pos: Position,
  ): GraphNode<T> {
    // Walks and point delivery recurse along the graph: its size (so its depth) is bounded.
    if (this.nodes.length >= maxPipelineNodes) {
      throw new TickEvalError(
        `a task may have at most ${maxPipelineNodes} nodes (this one is the ${maxPipelineNodes + 1}th)`,
        pos,
      );
    }
    const node = new GraphNode(this.nodes.length, type, shape, props, pos);
    this.nodes.push(node as unknown as GraphNode);
    return node;
  }
}
