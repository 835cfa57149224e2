// `|shift(d)`: every point, and every batch with its points, moved forward in time by d.

import type { NodeFactory } from '../node-runtime.js';
import { batchMessage, pointMessage } from './messages.js';

export const shiftNodeFactory: NodeFactory<'shift'> = (node, ctx) => {
  const d = node.props.shift;
  return {
    receive(msg) {
      if (msg.kind === 'point') {
        ctx.emit(pointMessage({ ...msg.point, time: msg.point.time + d }));
        return;
      }
      const b = msg.batch;
      ctx.emit(
        batchMessage({
          ...b,
          tmax: b.tmax + d,
          points: b.points.map((p) => ({ ...p, time: p.time + d })),
        }),
      );
    },
  };
};
