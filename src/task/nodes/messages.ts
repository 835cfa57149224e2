// Small constructors and copies for messages. Messages may be shared by several children, so
// a node that changes anything builds a new point/batch instead of mutating its input.

import type { Tags } from '../../alert/event.js';
import { compareBytewise } from '../../common/gojson.js';
import { groupId, type Batch, type Dimensions, type Message, type Point } from '../point.js';
import { own, setOwn } from '../../common/own.js';

export function pointMessage(point: Point): Message {
  return { kind: 'point', point };
}

export function batchMessage(batch: Batch): Message {
  return { kind: 'batch', batch };
}

/** Go's sort.Strings order (bytewise), copied. */
export function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort(compareBytewise);
}

export function dimensions(tagNames: readonly string[], byMeasurement: boolean): Dimensions {
  return { tagNames: sortedNames(tagNames), byMeasurement };
}

/** A group's tags as Kapacitor builds them: every dimension, '' when the point lacks it. */
export function dimensionTags(tags: Tags, dims: Dimensions): Tags {
  const out: Tags = {};
  for (const k of dims.tagNames) setOwn(out, k, own(tags, k) ?? '');
  return out;
}

/** A copy of the point with new tags (and dimensions); the group id is recomputed. */
export function withTags(point: Point, tags: Tags, dims: Dimensions = point.dimensions): Point {
  return { ...point, tags, dimensions: dims, group: groupId(point.name, tags, dims) };
}

/** Dimensions without the given tag names (same object when none is a dimension). */
export function withoutDimensions(dims: Dimensions, removed: readonly string[]): Dimensions {
  if (!dims.tagNames.some((t) => removed.includes(t))) return dims;
  return {
    tagNames: dims.tagNames.filter((t) => !removed.includes(t)),
    byMeasurement: dims.byMeasurement,
  };
}

/** A batch with other points (begin data shared). */
export function withPoints(batch: Batch, points: Batch['points']): Batch {
  return { ...batch, points };
}
