import { GoDuration } from '../../src/common/duration.js';
import { evaluateScript, type EvaluateOptions } from '../../src/pipeline/evaluate.js';
import type {
  NodePropsByType,
  NodeType,
  Pipeline,
  PipelineNode,
} from '../../src/pipeline/model.js';

export function evaluate(script: string, options: Partial<EvaluateOptions> = {}): Pipeline {
  return evaluateScript(script, { taskId: 'test', ...options });
}

/** The error message evaluating `script` throws (fails the test if it does not throw). */
export function evalError(script: string, options: Partial<EvaluateOptions> = {}): string {
  try {
    evaluate(script, options);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected an error for: ${script}`);
}

export function names(p: Pipeline): string[] {
  return p.nodes.map((n) => n.name);
}

export function node<T extends NodeType>(p: Pipeline, name: string, type: T): PipelineNode<T> {
  const n = p.nodes.find((x) => x.name === name);
  if (n === undefined) throw new Error(`no node ${name} in ${names(p).join(',')}`);
  if (n.type !== type) throw new Error(`${name} is a ${n.type}, not ${type}`);
  return n as PipelineNode<T>;
}

export function props<T extends NodeType>(p: Pipeline, name: string, type: T): NodePropsByType[T] {
  return node(p, name, type).props;
}

export const seconds = (s: number): bigint => BigInt(s) * 1_000_000_000n;
export const dur = (s: number): GoDuration => new GoDuration(seconds(s));
