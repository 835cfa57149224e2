// The data handler-side templates see. Field names are Go's (templates write `.Message`),
// while `json .` must write the JSON tags (`"message"`), so the JSON form rides along under
// goJSONValue. Go maps are JS Maps (a missing key prints `<no value>`).

import { GoDuration } from '../common/duration.js';
import { goJSONValue, type GoValue } from '../common/gojson.js';
import { GoTime } from '../common/gotime.js';
import { alertDataToGo, type AlertEvent, type Row } from './event.js';
import { levelName } from './level.js';

function rowData(row: Row) {
  return {
    Name: row.name ?? '',
    Tags: new Map(Object.entries(row.tags ?? {})),
    Columns: row.columns ?? [],
    Values: row.values ?? [],
  };
}

/** alert.AlertData as templates see it (post url/alert-template, kafka template). */
export function alertDataTemplateData(event: AlertEvent) {
  const s = event.state;
  return {
    ID: s.id,
    Message: s.message,
    Details: s.details,
    Time: new GoTime(s.time),
    Duration: new GoDuration(s.duration),
    Level: levelName(s.level),
    Data: {
      Series: event.data.result.series?.map(rowData) ?? [],
      Err: event.data.result.error ?? '',
    },
    PreviousLevel: levelName(event.previousLevel),
    Recoverable: event.data.recoverable,
    [goJSONValue]: (): GoValue => alertDataToGo(event),
  };
}

/** Handler-side TemplateData: `.ID .Message .Level .Time .Duration .Details .Name .TaskName .Group .Tags .Fields`. */
export function eventTemplateData(event: AlertEvent) {
  const s = event.state;
  return {
    ID: s.id,
    Message: s.message,
    Level: levelName(s.level),
    Time: new GoTime(s.time),
    Duration: new GoDuration(s.duration),
    Details: s.details,
    Name: event.data.name,
    TaskName: event.data.taskName,
    Group: event.data.group,
    Tags: new Map(Object.entries(event.data.tags)),
    Fields: new Map(Object.entries(event.data.fields)),
  };
}

/**
 * EventData as the smtp `to-field` templates see it: `.Name .TaskName .Category .Group .Tags
 * .Fields .Recoverable .Result`.
 */
export function eventDataTemplateData(event: AlertEvent) {
  const d = event.data;
  return {
    Name: d.name,
    TaskName: d.taskName,
    Category: d.category,
    Group: d.group,
    Tags: new Map(Object.entries(d.tags)),
    Fields: new Map(Object.entries(d.fields)),
    Recoverable: d.recoverable,
    Result: { Series: d.result.series?.map(rowData) ?? [], Err: d.result.error ?? '' },
  };
}
