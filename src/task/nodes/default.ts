// `|default()`: adds absent fields, and tags that are absent or empty, to points, batch
// points and batch group tags.

import type { Fields, Tags } from '../../alert/event.js';
import type { DefaultProps } from '../../pipeline/model.js';
import type { NodeFactory } from '../node-runtime.js';
import { batchMessage, pointMessage, withTags } from './messages.js';
import { ownField, ownTag } from './scope.js';
import { setOwn } from '../../common/own.js';

function defaultFields(fields: Fields, defaults: DefaultProps['fields']): Fields {
  let out: Fields | undefined;
  for (const [k, v] of Object.entries(defaults)) {
    if (ownField(fields, k) !== undefined) continue;
    out ??= { ...fields };
    setOwn(out, k, v);
  }
  return out ?? fields;
}

function defaultTags(tags: Tags, defaults: DefaultProps['tags']): Tags {
  let out: Tags | undefined;
  for (const [k, v] of Object.entries(defaults)) {
    const cur = ownTag(tags, k);
    if (cur !== undefined && cur !== '') continue;
    out ??= { ...tags };
    setOwn(out, k, v);
  }
  return out ?? tags;
}

export const defaultNodeFactory: NodeFactory<'default'> = (node, ctx) => {
  const { fields: df, tags: dt } = node.props;
  return {
    receive(msg) {
      if (msg.kind === 'point') {
        const p = msg.point;
        const fields = defaultFields(p.fields, df);
        const tags = defaultTags(p.tags, dt);
        if (fields === p.fields && tags === p.tags) return ctx.emit(msg);
        // A defaulted dimension tag changes the group id.
        const out = tags === p.tags ? { ...p, fields } : { ...withTags(p, tags), fields };
        ctx.emit(pointMessage(out));
        return;
      }
      const b = msg.batch;
      ctx.emit(
        batchMessage({
          ...b,
          tags: defaultTags(b.tags, dt),
          points: b.points.map((bp) => ({
            time: bp.time,
            fields: defaultFields(bp.fields, df),
            tags: defaultTags(bp.tags, dt),
          })),
        }),
      );
    },
  };
};
