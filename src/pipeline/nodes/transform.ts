// Filtering and shaping nodes: where, groupBy, window, eval, default, delete, changeDetect
// (nodes.md §2).

import type { GoDuration } from '../../common/duration.js';
import type { FieldValue } from '../../alert/event.js';
import { asBigint, asString, asStrings, field, flag, method, type NodeSpec } from '../node-spec.js';
import { goTypeName, type TickValue } from '../values.js';
import { finishDimensions } from './dimensions.js';
import { setOwn } from '../../common/own.js';

export const whereSpec: NodeSpec<'where'> = {
  type: 'where',
  goType: '*pipeline.WhereNode',
  chains: 'chain',
  properties: {},
  lambdas: (n) => [
    { lambda: n.props.expression, context: 'Failed to compile expression in where clause' },
  ],
};

export const groupBySpec: NodeSpec<'groupBy'> = {
  type: 'groupBy',
  goType: '*pipeline.GroupByNode',
  chains: 'chain',
  properties: {
    ByMeasurement: flag((n) => void (n.props.byMeasurement = true)),
    Exclude: method(['string'], (n, tags) => void n.props.exclude.push(...asStrings(tags)), true),
  },
  validate(n) {
    const dims = finishDimensions(n.extras.dimensions ?? [], n.props.exclude);
    if (typeof dims === 'string') return dims;
    n.props.dimensions = dims.names;
    n.props.star = dims.star;
    return undefined;
  },
};

const ns = (v: TickValue): bigint => (v as GoDuration).ns;

export const windowSpec: NodeSpec<'window'> = {
  type: 'window',
  goType: '*pipeline.WindowNode',
  chains: 'chain',
  properties: {
    Period: field('time.Duration', (n, v) => void (n.props.period = ns(v))),
    Every: field('time.Duration', (n, v) => void (n.props.every = ns(v))),
    PeriodCount: field('int64', (n, v) => void (n.props.periodCount = Number(asBigint(v)))),
    EveryCount: field('int64', (n, v) => void (n.props.everyCount = Number(asBigint(v)))),
    Align: flag((n) => void (n.props.align = true)),
    FillPeriod: flag((n) => void (n.props.fillPeriod = true)),
  },
  validate({ props: w }) {
    if (w.periodCount !== 0 && w.period !== 0n) return 'cannot specify both period and periodCount';
    if (w.periodCount !== 0 && w.align) return 'can only align windows based off time, not count';
    if (w.periodCount !== 0 && w.everyCount <= 0) return 'everyCount must be greater than zero';
    // Kapacitor checks this when the window node starts; a stored task would never start.
    if (w.period === 0n && w.periodCount === 0) {
      return 'window node must have either a non zero period or non zero period count';
    }
    return undefined;
  },
};

export const evalSpec: NodeSpec<'eval'> = {
  type: 'eval',
  goType: '*pipeline.EvalNode',
  chains: 'chain',
  properties: {
    As: method(['string'], (n, names) => void (n.props.as = asStrings(names)), true),
    Tags: method(['string'], (n, names) => void (n.props.tags = asStrings(names)), true),
    Keep: method(
      ['string'],
      (n, fields) => {
        n.props.keep = true;
        n.props.keepList = asStrings(fields);
      },
      true,
    ),
  },
  validate({ props: e }) {
    if (e.as.length !== e.expressions.length) {
      return `must specify same number of expressions and .as() names: got ${e.as.length} as names, and ${e.expressions.length} expressions.`;
    }
    const tag = e.tags.find((t) => !e.as.includes(t));
    if (tag !== undefined) return `invalid tag name "${tag}", name is not present is .as() names`;
    return undefined;
  },
  lambdas: (n) =>
    n.props.expressions.map((lambda, i) => ({
      lambda,
      context: `Failed to compile ${i} expression`,
    })),
};

/** default().field() values: Go's interface{} holds whatever the script passed. */
function defaultFieldValue(v: TickValue): FieldValue | undefined {
  return typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    typeof v === 'boolean'
    ? v
    : undefined;
}

export const defaultSpec: NodeSpec<'default'> = {
  type: 'default',
  goType: '*pipeline.DefaultNode',
  chains: 'chain',
  properties: {
    Field: method(['string', 'interface {}'], (n, [name, value]) => {
      const v = defaultFieldValue(value!);
      if (v !== undefined) setOwn(n.props.fields, asString(name), v);
      // Kapacitor rejects other types in validate(); keep the first offender for that step.
      else
        n.extras.invalid ??= `unsupported type ${goTypeName(value!)} for field "${asString(name)}", field values must be float, int, string or bool`;
    }),
    Tag: method(['string', 'string'], (n, [name, value]) => {
      setOwn(n.props.tags, asString(name), asString(value));
    }),
  },
  validate: (n) => n.extras.invalid,
};

export const deleteSpec: NodeSpec<'delete'> = {
  type: 'delete',
  goType: '*pipeline.DeleteNode',
  chains: 'chain',
  properties: {
    Field: method(['string'], (n, [name]) => void n.props.fields.push(asString(name))),
    Tag: method(['string'], (n, [name]) => void n.props.tags.push(asString(name))),
  },
};

export const changeDetectSpec: NodeSpec<'changeDetect'> = {
  type: 'changeDetect',
  goType: '*pipeline.ChangeDetectNode',
  chains: 'chain',
  properties: {},
};
