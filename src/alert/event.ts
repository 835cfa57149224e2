// The alert event model and the AlertData JSON that log/post/tcp/exec/kafka send,
// shaped exactly as Kapacitor's alert.Event and alert.AlertData.

import { goEncode, goMap, goMarshal, type GoValue } from '../common/gojson.js';
import { GoTime } from '../common/gotime.js';
import { Level, levelName } from './level.js';

/** A point's field value: float64 (number), int64 (bigint), string or bool. */
export type FieldValue = number | bigint | string | boolean;
export type Tags = Record<string, string>;
export type Fields = Record<string, FieldValue>;

/** One value in a result row: a time, a field value, or null (absent). */
export type RowValue = FieldValue | GoTime | null;

/** models.Row: each member is omitted from JSON when empty. */
export interface Row {
  name?: string;
  tags?: Tags;
  columns?: string[];
  values?: RowValue[][];
}

/** models.Result: `series` is null when there are no rows. */
export interface Result {
  series: Row[] | null;
  error?: string;
}

export interface EventState {
  id: string;
  message: string;
  details: string;
  /** ns since the epoch */
  time: bigint;
  /** ns since the first non-OK event of the incident */
  duration: bigint;
  level: Level;
}

export interface EventData {
  /** measurement name */
  name: string;
  taskName: string;
  category: string;
  /** raw group key, `host=a,dc=eu`; empty when ungrouped */
  group: string;
  tags: Tags;
  fields: Fields;
  recoverable: boolean;
  result: Result;
}

export interface AlertEvent {
  topic: string;
  state: EventState;
  data: EventData;
  /** Level stored for this event id in this topic before this event (OK if none). */
  previousLevel: Level;
  /** Set by aggregate when none of its events were for external handlers. */
  noExternal: boolean;
}

export function emptyResult(): Result {
  return { series: null };
}

/** A new event with Kapacitor's zero values for everything not given. */
export function makeEvent(init: {
  topic?: string;
  state?: Partial<EventState>;
  data?: Partial<EventData>;
  previousLevel?: Level;
  noExternal?: boolean;
}): AlertEvent {
  return {
    topic: init.topic ?? '',
    state: {
      id: '',
      message: '',
      details: '',
      time: GoTime.zero.ns,
      duration: 0n,
      level: Level.OK,
      ...init.state,
    },
    data: {
      name: '',
      taskName: '',
      category: '',
      group: '',
      tags: {},
      fields: {},
      recoverable: false,
      result: emptyResult(),
      ...init.data,
    },
    previousLevel: init.previousLevel ?? Level.OK,
    noExternal: init.noExternal ?? false,
  };
}

export function rowToGo(row: Row): GoValue {
  return {
    name: row.name ? row.name : undefined,
    tags: row.tags && Object.keys(row.tags).length > 0 ? goMap(row.tags) : undefined,
    columns: row.columns && row.columns.length > 0 ? row.columns : undefined,
    values: row.values && row.values.length > 0 ? (row.values as GoValue) : undefined,
  };
}

export function resultToGo(result: Result): GoValue {
  return {
    series: result.series === null ? null : result.series.map(rowToGo),
    error: result.error ? result.error : undefined,
  };
}

/** alert.AlertData in Go field order, ready for goEncode. */
export function alertDataToGo(event: AlertEvent): GoValue {
  const s = event.state;
  return {
    id: s.id,
    message: s.message,
    details: s.details,
    time: new GoTime(s.time),
    duration: s.duration,
    level: levelName(s.level),
    data: resultToGo(event.data.result),
    previousLevel: levelName(event.previousLevel),
    recoverable: event.data.recoverable,
  };
}

/** The body log/post/tcp/exec send: the Encoder output (JSON + newline). */
export function encodeAlertData(event: AlertEvent): string {
  return goEncode(alertDataToGo(event));
}

/** AlertData as json.Marshal writes it (no newline). */
export function marshalAlertData(event: AlertEvent): string {
  return goMarshal(alertDataToGo(event));
}
