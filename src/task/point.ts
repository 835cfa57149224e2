// The data that flows through a task: points (stream edges) and batches (batch edges).
// Times are int64 nanoseconds (bigint); field values keep Go's types (number = float64,
// bigint = int64, string, boolean).

import type { Fields, Tags } from '../alert/event.js';
import { own, setOwn } from '../common/own.js';

export type EdgeType = 'stream' | 'batch';

/** How a point or batch is grouped: dimension tag names (sorted) and whether by measurement. */
export interface Dimensions {
  readonly tagNames: readonly string[];
  readonly byMeasurement: boolean;
}

export const noDimensions: Dimensions = { tagNames: [], byMeasurement: false };

export interface Point {
  name: string;
  db: string;
  rp: string;
  tags: Tags;
  fields: Fields;
  /** ns since the epoch */
  time: bigint;
  /** group id, see groupId(); '' is the nil group */
  group: string;
  dimensions: Dimensions;
}

export interface BatchPoint {
  time: bigint;
  fields: Fields;
  tags: Tags;
}

export interface Batch {
  name: string;
  db: string;
  rp: string;
  /** the batch's time (window end) */
  tmax: bigint;
  group: string;
  /** the group's tags */
  tags: Tags;
  dimensions: Dimensions;
  points: BatchPoint[];
}

export type Message = { kind: 'point'; point: Point } | { kind: 'batch'; batch: Batch };

/**
 * Kapacitor's group id: dimension names sorted, `name=value` joined by `,` (a missing tag
 * gives `name=`); by measurement it is `<measurement>\n<tags>` or just the measurement.
 */
export function groupId(name: string, tags: Tags, dims: Dimensions): string {
  // Built by concatenation: a grouping node computes this for every point.
  const names = dims.tagNames;
  let parts = '';
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!;
    parts += (i === 0 ? '' : ',') + k + '=' + (own(tags, k) ?? '');
  }
  if (!dims.byMeasurement) return parts;
  return parts === '' ? name : `${name}\n${parts}`;
}

/** The tags of a group: only the dimension tags. */
export function groupTags(tags: Tags, dims: Dimensions): Tags {
  const out: Tags = {};
  for (const k of dims.tagNames) {
    const v = own(tags, k);
    if (v !== undefined) setOwn(out, k, v);
  }
  return out;
}
