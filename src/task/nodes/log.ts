// `|log()`: logs every point or batch at the configured level, then forwards it unchanged.
// The message is the Go JSON of the data (bigint-safe, unlike handing pino the raw object).

import { goMap, goMarshal, type GoValue } from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import type { LogFn } from '../../common/logger.js';
import type { LogProps } from '../../pipeline/model.js';
import type { NodeFactory } from '../node-runtime.js';
import type { Message } from '../point.js';
import { reportError } from './errors.js';

export function messageToGo(msg: Message): GoValue {
  if (msg.kind === 'point') {
    const p = msg.point;
    return {
      name: p.name || undefined,
      database: p.db || undefined,
      retentionPolicy: p.rp || undefined,
      group: p.group || undefined,
      dimensions: { TagNames: p.dimensions.tagNames, ByName: p.dimensions.byMeasurement },
      fields: goMap(p.fields),
      tags: goMap(p.tags),
      time: new GoTime(p.time),
    };
  }
  const b = msg.batch;
  return {
    name: b.name || undefined,
    tmax: new GoTime(b.tmax),
    group: b.group || undefined,
    byname: b.dimensions.byMeasurement || undefined,
    tags: goMap(b.tags),
    points: b.points.map((bp) => ({
      fields: goMap(bp.fields),
      tags: goMap(bp.tags),
      time: new GoTime(bp.time),
    })),
  };
}

const loggerMethod: Record<LogProps['level'], 'debug' | 'info' | 'warn' | 'error'> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export const logNodeFactory: NodeFactory<'log'> = (node, ctx) => {
  const { level, prefix } = node.props;
  const log: LogFn = ctx.logger[loggerMethod[level]].bind(ctx.logger);
  return {
    receive(msg) {
      try {
        log({ prefix, kind: msg.kind }, goMarshal(messageToGo(msg)));
      } catch (err) {
        // NaN/Inf fields cannot be encoded (as in Go); the data still flows on.
        reportError(ctx, 'failed to log data', err);
      }
      ctx.emit(msg);
    },
  };
};
