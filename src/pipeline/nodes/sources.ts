// `stream` and `|from()` (nodes.md §1).

import type { GoDuration } from '../../common/duration.js';
import { asString, field, flag, method, type NodeSpec } from '../node-spec.js';
import { lambdaProp } from '../lambda-prop.js';
import { finishDimensions } from './dimensions.js';

export const streamSpec: NodeSpec<'stream'> = {
  type: 'stream',
  goType: '*pipeline.StreamNode',
  chains: 'stream',
  properties: {},
};

export const fromSpec: NodeSpec<'from'> = {
  type: 'from',
  goType: '*pipeline.FromNode',
  chains: 'from',
  properties: {
    Database: field('string', (n, v) => void (n.props.database = asString(v))),
    RetentionPolicy: field('string', (n, v) => void (n.props.retentionPolicy = asString(v))),
    Measurement: field('string', (n, v) => void (n.props.measurement = asString(v))),
    Truncate: field('time.Duration', (n, v) => void (n.props.truncate = (v as GoDuration).ns)),
    Round: field('time.Duration', (n, v) => void (n.props.round = (v as GoDuration).ns)),
    Where: method(['*ast.LambdaNode'], (n, [l]) => void n.props.where.push(lambdaProp(l))),
    // Replaces earlier dimensions, as Kapacitor's FromNode.GroupBy does.
    GroupBy: method(['interface {}'], (n, dims) => void (n.extras.dimensions = dims), true),
    GroupByMeasurement: flag((n) => void (n.props.groupByMeasurement = true)),
  },
  validate(n) {
    const dims = finishDimensions(n.extras.dimensions ?? [], []);
    if (typeof dims === 'string') return dims;
    n.props.groupBy = dims.names;
    n.props.groupByStar = dims.star;
    return undefined;
  },
  lambdas: (n) =>
    n.props.where.map((lambda) => ({ lambda, context: 'Failed to compile from expression' })),
};
