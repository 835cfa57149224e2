// Building the alert event (alert-node.md §5.4) and the data the node forwards: the result
// rows Kapacitor attaches to events (PointToRow / BatchToRow) and the level/id/message/
// duration tags and fields added to forwarded points and batches.

import type { AlertEvent, EventState, Fields, Row, RowValue, Tags } from '../../alert/event.js';
import { levelName } from '../../alert/level.js';
import { compareBytewise } from '../../common/gojson.js';
import { GoTime } from '../../common/gotime.js';
import type { AlertProps } from '../../pipeline/model.js';
import type { Batch, BatchPoint, Point } from '../point.js';
import { setOwn } from '../../common/own.js';

/** The series row of a point: all its tags, columns `time` + sorted field names. */
export function pointRow(point: Point): Row {
  const keys = Object.keys(point.fields).sort(compareBytewise);
  return {
    name: point.name,
    tags: { ...point.tags },
    columns: ['time', ...keys],
    values: [[new GoTime(point.time), ...keys.map((k) => point.fields[k]!)]],
  };
}

/**
 * The series row of a batch: the group tags, columns `time` + the first point's fields and
 * non-group tags (sorted); later points fill the same columns, null where absent.
 */
export function batchRow(batch: Batch): Row {
  const row: Row = { name: batch.name, tags: { ...batch.tags } };
  const first = batch.points[0];
  if (!first) return row;
  const extraTags = Object.keys(first.tags).filter((t) => !Object.hasOwn(batch.tags, t));
  const keys = [...Object.keys(first.fields), ...extraTags].sort(compareBytewise);
  row.columns = ['time', ...keys];
  row.values = batch.points.map((p): RowValue[] => [
    new GoTime(p.time),
    ...keys.map((k) =>
      Object.hasOwn(p.fields, k) ? p.fields[k]! : Object.hasOwn(p.tags, k) ? p.tags[k]! : null,
    ),
  ]);
  return row;
}

export interface EventInput {
  state: EventState;
  name: string;
  taskName: string;
  category: string;
  /** raw group id, '' for the nil group */
  group: string;
  tags: Tags;
  fields: Fields;
  recoverable: boolean;
  row: Row;
}

/** The event before a topic collects it (topic and previousLevel are set by collect). */
export function buildEvent(input: EventInput): AlertEvent {
  return {
    topic: '',
    state: input.state,
    data: {
      name: input.name,
      taskName: input.taskName,
      category: input.category,
      group: input.group,
      tags: input.tags,
      fields: input.fields,
      recoverable: input.recoverable,
      result: { series: [input.row] },
    },
    previousLevel: input.state.level,
    noExternal: false,
  };
}

type Augmentation = Pick<
  AlertProps,
  'levelTag' | 'levelField' | 'messageField' | 'durationField' | 'idTag' | 'idField'
>;

function augmentTags(tags: Tags, opts: Augmentation, state: EventState): Tags {
  if (opts.levelTag === '' && opts.idTag === '') return tags;
  const out = { ...tags };
  if (opts.levelTag !== '') setOwn(out, opts.levelTag, levelName(state.level));
  if (opts.idTag !== '') setOwn(out, opts.idTag, state.id);
  return out;
}

function augmentFields(fields: Fields, opts: Augmentation, state: EventState): Fields {
  if (
    opts.levelField === '' &&
    opts.messageField === '' &&
    opts.idField === '' &&
    opts.durationField === ''
  ) {
    return fields;
  }
  const out = { ...fields };
  if (opts.levelField !== '') setOwn(out, opts.levelField, levelName(state.level));
  if (opts.messageField !== '') setOwn(out, opts.messageField, state.message);
  if (opts.idField !== '') setOwn(out, opts.idField, state.id);
  if (opts.durationField !== '') setOwn(out, opts.durationField, state.duration); // int64 ns
  return out;
}

/** The forwarded copy of a point that triggered an event (the input is not modified). */
export function augmentPoint(point: Point, opts: Augmentation, state: EventState): Point {
  return {
    ...point,
    tags: augmentTags(point.tags, opts, state),
    fields: augmentFields(point.fields, opts, state),
  };
}

/** The forwarded copy of a batch: tags on the group and every point, fields on every point. */
export function augmentBatch(batch: Batch, opts: Augmentation, state: EventState): Batch {
  return {
    ...batch,
    tags: augmentTags(batch.tags, opts, state),
    points: batch.points.map((p): BatchPoint => ({
      ...p,
      tags: augmentTags(p.tags, opts, state),
      fields: augmentFields(p.fields, opts, state),
    })),
  };
}
