// The node factories, keyed by pipeline node type. The alert node's runtime lives in
// src/task/alert/; everything else is in this folder.

import type { NodeType } from '../../pipeline/model.js';
import { alertNodeFactory } from '../alert/node.js';
import type { NodeFactory } from '../node-runtime.js';
import { changeDetectNodeFactory } from './change-detect.js';
import { defaultNodeFactory } from './default.js';
import { deleteNodeFactory } from './delete.js';
import { derivativeNodeFactory } from './derivative.js';
import { evalNodeFactory } from './eval.js';
import { fromNodeFactory } from './from.js';
import { groupByNodeFactory } from './group-by.js';
import { httpOutNodeFactory } from './http-out.js';
import { httpPostNodeFactory } from './http-post.js';
import { influxDBOutNodeFactory } from './influxdb-out.js';
import { joinNodeFactory } from './join.js';
import { influxqlNodeFactory } from './influxql/node.js';
import { logNodeFactory } from './log.js';
import { noopNodeFactory } from './noop.js';
import { queryNodeFactory } from './query.js';
import { shiftNodeFactory } from './shift.js';
import { stateCountNodeFactory, stateDurationNodeFactory } from './state-tracking.js';
import { statsNodeFactory } from './stats.js';
import { streamNodeFactory } from './stream.js';
import { whereNodeFactory } from './where.js';
import { windowNodeFactory } from './window.js';

/** A factory per node type; any subset may be given to startTask to add or override. */
export type NodeFactories = { [T in NodeType]: NodeFactory<T> };

export const builtinNodeFactories: NodeFactories = {
  stream: streamNodeFactory,
  // The batch source only parents its query() nodes, which run on their own schedule.
  batch: () => ({ receive: () => {} }),
  query: queryNodeFactory,
  influxDBOut: influxDBOutNodeFactory,
  shift: shiftNodeFactory,
  join: joinNodeFactory,
  from: fromNodeFactory,
  where: whereNodeFactory,
  groupBy: groupByNodeFactory,
  window: windowNodeFactory,
  eval: evalNodeFactory,
  default: defaultNodeFactory,
  delete: deleteNodeFactory,
  changeDetect: changeDetectNodeFactory,
  derivative: derivativeNodeFactory,
  stateDuration: stateDurationNodeFactory,
  stateCount: stateCountNodeFactory,
  influxql: influxqlNodeFactory,
  stats: statsNodeFactory,
  httpOut: httpOutNodeFactory,
  httpPost: httpPostNodeFactory,
  log: logNodeFactory,
  noop: noopNodeFactory,
  alert: alertNodeFactory,
};
