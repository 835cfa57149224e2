// Every node type's spec, keyed by NodeType.

import type { NodeSpec, NodeSpecs } from '../node-spec.js';
import type { NodeType } from '../model.js';
import { alertSpec } from './alert.js';
import { joinSpec, shiftSpec } from './combine.js';
import { batchSpec, influxDBOutSpec, querySpec } from './influxdb.js';
import { influxqlSpec } from './influxql.js';
import { httpOutSpec, httpPostSpec, logSpec } from './outputs.js';
import { fromSpec, streamSpec } from './sources.js';
import { derivativeSpec, noopSpec, stateCountSpec, stateDurationSpec, statsSpec } from './state.js';
import {
  changeDetectSpec,
  defaultSpec,
  deleteSpec,
  evalSpec,
  groupBySpec,
  whereSpec,
  windowSpec,
} from './transform.js';

export const nodeSpecs: NodeSpecs = {
  stream: streamSpec,
  batch: batchSpec,
  query: querySpec,
  influxDBOut: influxDBOutSpec,
  shift: shiftSpec,
  join: joinSpec,
  from: fromSpec,
  where: whereSpec,
  groupBy: groupBySpec,
  window: windowSpec,
  eval: evalSpec,
  default: defaultSpec,
  delete: deleteSpec,
  changeDetect: changeDetectSpec,
  derivative: derivativeSpec,
  stateDuration: stateDurationSpec,
  stateCount: stateCountSpec,
  influxql: influxqlSpec,
  stats: statsSpec,
  httpOut: httpOutSpec,
  httpPost: httpPostSpec,
  log: logSpec,
  alert: alertSpec,
  noop: noopSpec,
};

export function specOf<T extends NodeType>(type: T): NodeSpec<T> {
  return nodeSpecs[type] as NodeSpec<T>;
}
