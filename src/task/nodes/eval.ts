// `|eval(lambdas...)`: computes new fields (or tags with `.tags()`), following Kapacitor's
// eval.go: each expression sees the point's referenced fields/tags first and earlier results
// second, results are stored under their `.as()` name, `.keep()` decides the output fields.
// Expression instances (stateful functions) are per group. Any error drops the point.

import type { FieldValue, Fields, Tags } from '../../alert/event.js';
import { GoDuration } from '../../common/duration.js';
import type { EvalProps } from '../../pipeline/model.js';
import {
  LambdaEvalError,
  MISSING,
  compileLambda,
  type CompiledLambda,
  type Scope,
  type Value,
} from '../../tick/lambda/index.js';
import { GoTime } from '../../common/gotime.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { BatchPoint, Message } from '../point.js';
import { reportError } from './errors.js';
import { goTypeName } from './go-types.js';
import { referencedNames } from './lambda-refs.js';
import { batchMessage, pointMessage, withPoints, withTags } from './messages.js';
import { duplicateNameError, ownField, ownTag } from './scope.js';
import { setOwn } from '../../common/own.js';

/** Kapacitor's stateful.Scope for one evaluation: names set from the point and from results. */
class EvalScope implements Scope {
  readonly vars = new Map<string, Value>();

  get(name: string): Value | undefined {
    return this.vars.get(name);
  }

  names(): string[] {
    return [...this.vars.keys()].sort();
  }

  /** fillScope: copy the referenced names from the point; absent ones keep earlier results. */
  fill(refs: readonly string[], fields: Fields, tags: Tags, ns: bigint): void {
    for (const name of refs) {
      if (name === 'time') {
        this.vars.set('time', new GoTime(ns));
        continue;
      }
      const field = ownField(fields, name);
      const tag = ownTag(tags, name);
      if (field !== undefined) {
        if (tag !== undefined) throw duplicateNameError(name);
        this.vars.set(name, field);
      } else if (tag !== undefined) {
        this.vars.set(name, tag);
      } else if (!this.vars.has(name)) {
        this.vars.set(name, MISSING);
      }
    }
  }
}

interface Evaluated {
  fields: Fields;
  /** undefined when no tag was set */
  tags: Tags | undefined;
}

function toFieldValue(name: string, v: Value): FieldValue {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'string':
    case 'boolean':
      return v;
  }
  // Fields hold no duration type here: keep its int64 nanoseconds.
  if (v instanceof GoDuration) return v.ns;
  throw new LambdaEvalError(`cannot store a value of type ${goTypeName(v)} in field "${name}"`);
}

class EvalNode implements NodeRuntime {
  private readonly base: CompiledLambda[];
  private readonly refs: string[][];
  private readonly byGroup = new Map<string, CompiledLambda[]>();
  private readonly tagNames: ReadonlySet<string>;
  private readonly scope = new EvalScope();

  constructor(
    private readonly props: EvalProps,
    private readonly ctx: NodeContext,
  ) {
    if (props.as.length !== props.expressions.length) {
      throw new Error(
        `must specify same number of expressions and .as() names: got ${props.as.length} as names, and ${props.expressions.length} expressions.`,
      );
    }
    for (const t of props.tags) {
      if (!props.as.includes(t)) {
        throw new Error(`invalid tag name "${t}", name is not present is .as() names`);
      }
    }
    this.base = props.expressions.map((e) => compileLambda(e.expr));
    this.refs = props.expressions.map((e) => [...referencedNames(e.expr)]);
    this.tagNames = new Set(props.tags);
  }

  private expressions(group: string): CompiledLambda[] {
    let exprs = this.byGroup.get(group);
    if (exprs === undefined) {
      exprs = this.byGroup.size === 0 ? this.base : this.base.map((e) => e.newInstance());
      this.byGroup.set(group, exprs);
    }
    return exprs;
  }

  receive(msg: Message): void {
    if (msg.kind === 'point') {
      const p = msg.point;
      const r = this.evaluate(p.group, p.fields, p.tags, p.time);
      if (r === undefined) return;
      const out =
        r.tags === undefined
          ? { ...p, fields: r.fields }
          : { ...withTags(p, r.tags), fields: r.fields };
      this.ctx.emit(pointMessage(out));
      return;
    }
    const b = msg.batch;
    const points: BatchPoint[] = [];
    for (const bp of b.points) {
      const r = this.evaluate(b.group, bp.fields, bp.tags, bp.time);
      if (r !== undefined)
        points.push({ time: bp.time, fields: r.fields, tags: r.tags ?? bp.tags });
    }
    this.ctx.emit(batchMessage(withPoints(b, points)));
  }

  private evaluate(group: string, fields: Fields, tags: Tags, ns: bigint): Evaluated | undefined {
    const scope = this.scope;
    scope.vars.clear();
    try {
      const exprs = this.expressions(group);
      for (let i = 0; i < exprs.length; i++) {
        scope.fill(this.refs[i]!, fields, tags, ns);
        scope.vars.set(this.props.as[i]!, exprs[i]!.eval(scope));
      }
      return { tags: this.newTags(tags), fields: this.newFields(fields) };
    } catch (err) {
      reportError(this.ctx, 'error evaluating expression', err);
      return undefined;
    }
  }

  private result(name: string): Value {
    return this.scope.vars.get(name) ?? MISSING;
  }

  private newTags(tags: Tags): Tags | undefined {
    if (this.tagNames.size === 0) return undefined;
    const out = { ...tags };
    for (const t of this.tagNames) {
      const v = this.result(t);
      if (typeof v !== 'string') {
        throw new LambdaEvalError(
          `result of a tag expression must be of type string, got ${goTypeName(v)}`,
        );
      }
      setOwn(out, t, v);
    }
    return out;
  }

  private newFields(fields: Fields): Fields {
    const { keep, keepList, as } = this.props;
    const out: Fields = {};
    if (keep && keepList.length > 0) {
      for (const f of keepList) {
        // Scope first (results and referenced names), then the raw fields.
        const kept = this.scope.vars.has(f) ? toFieldValue(f, this.result(f)) : ownField(fields, f);
        if (kept !== undefined) setOwn(out, f, kept);
        else throw new LambdaEvalError(`cannot keep field "${f}", field does not exist`);
      }
    } else if (keep) {
      Object.assign(out, fields);
      for (const f of as) setOwn(out, f, toFieldValue(f, this.result(f)));
    } else {
      for (const f of as) {
        if (!this.tagNames.has(f)) setOwn(out, f, toFieldValue(f, this.result(f)));
      }
    }
    return out;
  }
}

export const evalNodeFactory: NodeFactory<'eval'> = (node, ctx) => new EvalNode(node.props, ctx);
