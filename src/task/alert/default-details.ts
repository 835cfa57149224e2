// Kapacitor's default details template, `{{ json . }}` in html/template, written directly: the
// JSON of detailsInfo (Name, TaskName, Group, Tags, ServerInfo, ID, Fields, Level, Time,
// Duration, Message) as html/template prints it (`"` as &#34;, `'` &#39;, `+` &#43;), without
// building the template data or walking the template, since it renders for every alert
// event. test/task/alert/default-details.test.ts checks it against the template engine.

import { levelName, type Level } from '../../alert/level.js';
import type { Fields, Tags } from '../../alert/event.js';
import { compareBytewise, formatGoFloat, quoteGoString } from '../../common/gojson.js';
import { flatString } from '../../common/flat-string.js';
import { GoTime } from '../../common/gotime.js';
import { htmlTextEscape } from '../../tick/template/index.js';
import type { ServerInfo } from '../node-runtime.js';

export interface DetailsInput {
  name: string;
  taskName: string;
  /** as the templates show it ("nil" for the nil group) */
  group: string;
  tags: Tags;
  serverInfo: ServerInfo;
  id: string;
  fields: Fields;
  level: Level;
  time: bigint;
  duration: bigint;
  message: string;
}

const Q = '&#34;';

/** Characters that JSON (Go's HTML-safe encoder) or html/template would escape. */
// eslint-disable-next-line no-control-regex
const escaped = /["\\\u0000-\u001f<>&'+\u2028\u2029\ud800-\udfff]/;

/** A JSON string as html/template prints it. */
function str(s: string): string {
  return escaped.test(s) ? htmlTextEscape(quoteGoString(s)) : Q + s + Q;
}

function value(v: Fields[string]): string {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      return htmlTextEscape(formatGoFloat(v)); // throws for NaN and ±Inf, as json does
    case 'bigint':
      return v.toString();
    default:
      return v ? 'true' : 'false';
  }
}

/** A Go map: keys sorted bytewise. */
function map<V>(record: Readonly<Record<string, V>>, encode: (v: V) => string): string {
  const keys = Object.keys(record).sort(compareBytewise);
  let out = '{';
  for (let i = 0; i < keys.length; i++)
    out += (i === 0 ? '' : ',') + str(keys[i]!) + ':' + encode(record[keys[i]!]!);
  return out + '}';
}

/**
 * What `{{ json . }}` renders in an alert node's details: the JSON and a newline, or '' when
 * a value cannot be encoded (NaN, ±Inf), as Kapacitor's json function does.
 */
export function defaultDetails(d: DetailsInput): string {
  let json: string;
  try {
    json =
      `{${Q}Name${Q}:${str(d.name)},${Q}TaskName${Q}:${str(d.taskName)},` +
      `${Q}Group${Q}:${str(d.group)},${Q}Tags${Q}:${map(d.tags, str)},` +
      `${Q}ServerInfo${Q}:{${Q}Hostname${Q}:${str(d.serverInfo.Hostname)},` +
      `${Q}ClusterID${Q}:${str(d.serverInfo.ClusterID)},${Q}ServerID${Q}:${str(d.serverInfo.ServerID)}},` +
      `${Q}ID${Q}:${str(d.id)},${Q}Fields${Q}:${map(d.fields, value)},` +
      `${Q}Level${Q}:${str(levelName(d.level))},` +
      `${Q}Time${Q}:${str(new GoTime(d.time).toRFC3339Nano())},` +
      `${Q}Duration${Q}:${d.duration},${Q}Message${Q}:${str(d.message)}}\n`;
  } catch {
    return '';
  }
  return flatString(json); // kept in the topic's event state
}
