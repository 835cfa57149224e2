// `|delete()`: removes fields and tags. On stream points a deleted dimension tag also leaves
// the dimensions, so the point changes group.

import type { Fields, Tags } from '../../alert/event.js';
import type { NodeFactory } from '../node-runtime.js';
import { groupId } from '../point.js';
import { batchMessage, pointMessage, withTags, withoutDimensions } from './messages.js';

function without<T extends Fields | Tags>(record: T, names: readonly string[]): T {
  if (!names.some((n) => Object.hasOwn(record, n))) return record;
  const out = { ...record };
  for (const n of names) delete out[n];
  return out;
}

export const deleteNodeFactory: NodeFactory<'delete'> = (node, ctx) => {
  const { fields: df, tags: dt } = node.props;
  return {
    receive(msg) {
      if (msg.kind === 'point') {
        const p = msg.point;
        const fields = without(p.fields, df);
        const tags = without(p.tags, dt);
        if (fields === p.fields && tags === p.tags) return ctx.emit(msg);
        const out =
          tags === p.tags
            ? { ...p, fields }
            : { ...withTags(p, tags, withoutDimensions(p.dimensions, dt)), fields };
        ctx.emit(pointMessage(out));
        return;
      }
      const b = msg.batch;
      const dims = withoutDimensions(b.dimensions, dt);
      const tags = without(b.tags, dt);
      ctx.emit(
        batchMessage({
          ...b,
          tags,
          dimensions: dims,
          group: dims === b.dimensions ? b.group : groupId(b.name, tags, dims),
          points: b.points.map((bp) => ({
            time: bp.time,
            fields: without(bp.fields, df),
            tags: without(bp.tags, dt),
          })),
        }),
      );
    },
  };
};
