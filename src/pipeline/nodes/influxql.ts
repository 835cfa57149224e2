// InfluxQL function nodes (`|mean('value')`, nodes.md §3): one node type, named after the
// function.

import { asString, field, flag, type NodeSpec } from '../node-spec.js';

export const influxqlSpec: NodeSpec<'influxql'> = {
  type: 'influxql',
  goType: '*pipeline.InfluxQLNode',
  chains: 'chain',
  properties: {
    As: field('string', (n, v) => void (n.props.as = asString(v))),
    UsePointTimes: flag((n) => void (n.props.usePointTimes = true)),
  },
};
