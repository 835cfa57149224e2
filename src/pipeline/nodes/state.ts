// State tracking and math nodes: derivative, stateDuration, stateCount, plus stats and the noop
// node `|stats()` adds (nodes.md §3).

import type { GoDuration } from '../../common/duration.js';
import { asString, field, flag, type NodeSpec } from '../node-spec.js';
import type { TickValue } from '../values.js';

const ns = (v: TickValue): bigint => (v as GoDuration).ns;

export const derivativeSpec: NodeSpec<'derivative'> = {
  type: 'derivative',
  goType: '*pipeline.DerivativeNode',
  chains: 'chain',
  properties: {
    As: field('string', (n, v) => void (n.props.as = asString(v))),
    Unit: field('time.Duration', (n, v) => void (n.props.unit = ns(v))),
    NonNegative: flag((n) => void (n.props.nonNegative = true)),
  },
};

export const stateDurationSpec: NodeSpec<'stateDuration'> = {
  type: 'stateDuration',
  goType: '*pipeline.StateDurationNode',
  chains: 'chain',
  properties: {
    As: field('string', (n, v) => void (n.props.as = asString(v))),
    Unit: field('time.Duration', (n, v) => void (n.props.unit = ns(v))),
  },
  lambdas: (n) => [{ lambda: n.props.expression, context: 'Failed to compile expression' }],
};

export const stateCountSpec: NodeSpec<'stateCount'> = {
  type: 'stateCount',
  goType: '*pipeline.StateCountNode',
  chains: 'chain',
  properties: {
    As: field('string', (n, v) => void (n.props.as = asString(v))),
  },
  lambdas: (n) => [{ lambda: n.props.expression, context: 'Failed to compile expression' }],
};

export const statsSpec: NodeSpec<'stats'> = {
  type: 'stats',
  goType: '*pipeline.StatsNode',
  chains: 'chain',
  properties: {
    Align: flag((n) => void (n.props.align = true)),
  },
};

export const noopSpec: NodeSpec<'noop'> = {
  type: 'noop',
  goType: '*pipeline.NoOpNode',
  chains: 'chain',
  properties: {},
};
