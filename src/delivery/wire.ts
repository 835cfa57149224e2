// What generated handler kinds are built from: the flat event fields their spec expressions
// read, the Go-faithful helpers those expressions call (path joining and escaping as Go's
// net/url and path do, Unix seconds, RFC3339 forms, byte truncation, ...), and `deliver`,
// which sends a request a kind describes over HTTP or TCP with the kind's success rule.

import { formatGoDuration, GoDuration, parseGoDuration } from '../common/duration.js';
import {
  goEncode,
  goMap,
  goMarshal,
  quoteGoString,
  RawJSON,
  type GoValue,
} from '../common/gojson.js';
import { GoTime, parseRFC3339 } from '../common/gotime.js';

// Expressions may sort a map as Go does: the generated code imports every helper from here.
export { goMap } from '../common/gojson.js';
import { own, setOwn } from '../common/own.js';
import type {
  AlertEvent,
  EventData,
  FieldValue,
  Fields,
  Result,
  RowValue,
  Tags,
} from '../alert/event.js';
import { resultToGo } from '../alert/event.js';
import { levelName, parseLevel, type Level, type LevelName } from '../alert/level.js';
import { eventTemplateData } from '../alert/template-data.js';
import { compileHandlerTemplate, type HandlerTemplate } from '../alert/templates.js';
import { DeliveryError } from './errors.js';
import { sendHTTP, type HTTPMethod } from './http.js';
// Types only: the transports' client libraries load when a kind first connects (peers.ts).
import type { Partitioning } from './kafka.js';
import { mailRecipients } from './mail-format.js';
import { sendTCP } from './tcp.js';
import type { KafkaPartitionAlgorithm } from '../config/validators.js';

export { own };

/** The event as spec expressions see it (`event.message`, `event.tags`, ...). */
export interface EventFields {
  readonly id: string;
  readonly message: string;
  readonly details: string;
  readonly time: GoTime;
  /** nanoseconds */
  readonly duration: bigint;
  readonly level: LevelName;
  readonly previousLevel: LevelName;
  readonly recoverable: boolean;
  /** measurement name */
  readonly name: string;
  readonly taskName: string;
  readonly category: string;
  /** raw group key (`host=a,dc=eu`), '' when ungrouped */
  readonly group: string;
  readonly tags: Readonly<Tags>;
  readonly fields: Readonly<Fields>;
  readonly data: Result;
  readonly topic: string;
}

export function eventFields(event: AlertEvent): EventFields {
  const s = event.state;
  const d = event.data;
  return {
    id: s.id,
    message: s.message,
    details: s.details,
    time: new GoTime(s.time),
    duration: s.duration,
    level: levelName(s.level),
    previousLevel: levelName(event.previousLevel),
    recoverable: d.recoverable,
    name: d.name,
    taskName: d.taskName,
    category: d.category,
    group: d.group,
    tags: d.tags,
    fields: d.fields,
    data: d.result,
    topic: event.topic,
  };
}

/** What a kind knows about the host it runs in. */
export interface HostInfo {
  /** `http://127.0.0.1:9092/kapacitor/v1`: Kapacitor's client_url. */
  readonly apiURL: string;
}

// ---- helpers spec expressions call ----

/**
 * Go's `u.Path = path.Join(u.Path, parts...)` then `u.String()` (`<url>/alert`): scheme, host
 * and query kept, the joined path escaped as Go escapes a path (`Test Room` → `Test%20Room`).
 */
export function joinURL(base: string, ...parts: string[]): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return cleanPath([base, ...parts].join('/'));
  }
  const joined = cleanPath([safeDecode(url.pathname), ...parts].join('/'));
  const auth =
    url.username === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  const path = joined === '.' ? '' : joined.startsWith('/') ? joined : `/${joined}`;
  return `${url.protocol}//${auth}${url.host}${goEscapePath(path)}${url.search}${url.hash}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Go's escape(s, encodePath): bytes other than unreserved and `$&+,/:;=@` as %XX. */
function goEscapePath(p: string): string {
  let out = '';
  for (const byte of Buffer.from(p, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c)
      ? c
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's `u.RawQuery = query` (`''` removes the query); the fragment stays. */
export function setQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const fragment = hash === -1 ? '' : url.slice(hash);
  const rest = hash === -1 ? url : url.slice(0, hash);
  const q = rest.indexOf('?');
  return `${q === -1 ? rest : rest.slice(0, q)}${query === '' ? '' : `?${query}`}${fragment}`;
}

/** Go's path.Clean of an absolute or relative slash path. */
function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out.at(-1) !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

/** Go's url.PathEscape: a path segment (`/ ; , ?` and space escaped, `$ & + : = @` kept). */
export function pathEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%(24|26|2B|3A|3D|40)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Go's url.QueryEscape (space → `+`). */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Whole seconds of a nanosecond duration (Go's int64(d / time.Second)). */
export function seconds(ns: number | bigint): number {
  return Number(BigInt(ns) / 1_000_000_000n);
}

export function unixSeconds(t: GoTime): number {
  return Number(t.unixSeconds());
}

/** RFC3339 with the fewest fractional digits (Go's RFC3339Nano). */
export function rfc3339(t: GoTime): string {
  return t.toRFC3339Nano();
}

/** RFC3339 to the second (Go's `t.Format(time.RFC3339)`). */
export function rfc3339Seconds(t: GoTime): string {
  return new GoTime(t.unixSeconds() * 1_000_000_000n).toRFC3339Nano();
}

/** The current time (a service test's `time.Now()`). */
export function now(): GoTime {
  return GoTime.now();
}

/** A Go duration (`"24h0m0s"`) in nanoseconds; 0 when it is not one, as Go's `d, _ := time.ParseDuration(s)`. */
export function goDurationNs(text: string): number {
  try {
    return Number(parseGoDuration(text));
  } catch {
    return 0;
  }
}

/** A nanosecond duration as Go prints it (`10s`, `1m30s`): a service test lists durations so. */
export function durationText(ns: number | bigint): string {
  return formatGoDuration(BigInt(ns));
}

/** RFC3339 with exactly nine fractional digits. */
export function rfc3339Nano9(t: GoTime): string {
  return t.toRFC3339Fixed9();
}

/** json.Marshal of a value, as a string (a JSON document inside a JSON string). */
export function jsonString(value: GoValue): string {
  return goMarshal(value);
}

/** The event's data (`{"series": [...]}`) as Go encodes models.Result. */
export function eventData(data: Result): GoValue {
  return resultToGo(data);
}

/** Tags as `k=v` strings (alerta's `tags`). */
export function tagList(tags: Readonly<Tags>): string[] {
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`);
}

/** The first `max` bytes of the UTF-8 encoding (Go's s[:max], which may split a character). */
export function truncateBytes(s: string, max: number): string {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= max) return s;
  return bytes.subarray(0, max).toString('utf8');
}

/** base64.URLEncoding (padded) of the UTF-8 bytes. */
export function base64URL(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The first argument that is not empty (a list or map with entries, a non-empty string). */
export function firstNonEmpty<T>(...values: T[]): T {
  for (const v of values) if (!isEmpty(v)) return v;
  return values.at(-1)!;
}

/** null for an empty list or map (Go's nil slice encodes as null). */
export function nullIfEmpty<T>(value: T): T | null {
  return isEmpty(value) ? null : value;
}

/** Each element of a list of objects whose `member` is empty takes its `from` member (pagerduty2's link text). */
export function fillEmpty<T extends Readonly<Record<string, string>>>(
  list: readonly T[],
  member: keyof T & string,
  from: keyof T & string,
): T[] {
  return list.map((e) => (e[member] === '' ? { ...e, [member]: e[from] } : e));
}

/** Each string of a list as a Go map `{<key>: s, ...fixed}` (opsgenie2's responders). */
export function eachAs(
  list: readonly string[],
  key: string,
  fixed: Readonly<Record<string, string>>,
): Array<Record<string, string>> {
  return list.map((s) => goMap({ ...fixed, [key]: s }));
}

/** A map decoded from JSON as Go encodes a `map[string]interface{}`: keys sorted at every level. */
export function sortedMap(value: Readonly<Record<string, unknown>>): Record<string, GoValue> {
  const out: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(goMap(value))) setOwn(out, k, sortedValue(v));
  return out;
}

function sortedValue(v: unknown): GoValue {
  if (Array.isArray(v)) return v.map(sortedValue);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return sortedMap(v as Record<string, unknown>);
  }
  return v as GoValue;
}

/** Go's strings.Contains (bigpanda's `auto-attributes` test for `tags` and `fields`). */
export function contains(s: string, sub: string): boolean {
  return s.includes(sub);
}

/** The map with every value that is not a string written as its JSON (`10` → `"10"`). */
export function jsonStringValues(map: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    setOwn(out, k, typeof v === 'string' ? v : goMarshal(sortedValue(v)));
  }
  return out;
}

/** Go's html.UnescapeString for the entities html/template writes. */
export function htmlUnescape(s: string): string {
  return s.replace(/&(#(\d+)|#x([0-9a-fA-F]+)|amp|lt|gt|quot|apos);/g, (m, _e, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
    return (
      { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" } as Record<
        string,
        string
      >
    )[m]!;
  });
}

/** `Basic <base64 of user:password>` (Go's req.SetBasicAuth). */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Does `s` match the regular expression `pattern` (a literal in the spec; compiled once)? */
export function matches(s: string, pattern: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    patterns.set(pattern, re);
  }
  return re.test(s);
}
const patterns = new Map<string, RegExp>();

/**
 * Go's s[:max] split where a character straddles the cut: the valid prefix and how many bytes
 * of the split character are left dangling (invalid UTF-8 in Go).
 */
function cutBytes(s: string, max: number): { prefix: string; dangling: number } | undefined {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= max) return undefined;
  let end = max;
  // Back up over continuation bytes to the start of the split character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return { prefix: bytes.subarray(0, end).toString('utf8'), dangling: max - end };
}

/**
 * Go's s[:max] + suffix as a JSON string member that Go marshals directly (servicenow,
 * teams): each dangling byte of a split character is written as the escape `\ufffd`, as Go's
 * encoder writes invalid UTF-8, so the member is pre-encoded when a character is split.
 */
export function truncateJSON(s: string, max: number, suffix = ''): string | RawJSON {
  const cut = cutBytes(s, max);
  if (!cut) return s + suffix;
  if (cut.dangling === 0) return cut.prefix + suffix;
  const head = quoteGoString(cut.prefix).slice(0, -1);
  const tail = quoteGoString(suffix).slice(1);
  return new RawJSON(`${head}${'\\ufffd'.repeat(cut.dangling)}${tail}`);
}

/**
 * Go's s[:max] read back as text (zenoss re-decodes its JSON before sending): each dangling
 * byte of a split character becomes one U+FFFD, as Go's decoders replace invalid bytes.
 */
export function truncateUTF8(s: string, max: number): string {
  const cut = cutBytes(s, max);
  return cut ? cut.prefix + '\ufffd'.repeat(cut.dangling) : s;
}

/** fmt's %v of a JSON value (servicenow's additional_info): 1e+06, true, <nil>, [a b], map[k:v]. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloatV(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const m = goMap(v as Record<string, unknown>);
    return `map[${Object.entries(m)
      .map(([k, x]) => `${k}:${goSprint(x)}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** fmt's %v of a float64 (%g, shortest digits): exponent form below 1e-4 and from 1e6. */
function formatFloatV(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, power] = f.toExponential().split('e') as [string, string];
  const exp = Number(power);
  if (exp >= -4 && exp < 6) return String(f);
  // Go writes at least two exponent digits: 1e+06, 1.5e-07.
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** A map's values as strings: strings as they are, other values as fmt's %v; keys sorted (Go map). */
export function stringValues(m: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) setOwn(out, k, goSprint(v));
  return goMap(out);
}

/**
 * A JSON value as Go re-encodes it after decoding it into interface{}: every object becomes a
 * Go map (keys sorted), at any depth (sensu's metadata, zenoss's custom fields).
 */
export function goJSON(v: Readonly<Record<string, unknown>>): Record<string, GoValue>;
export function goJSON(v: unknown): GoValue;
export function goJSON(v: unknown): GoValue {
  if (Array.isArray(v)) return v.map(goJSON);
  if (v !== null && typeof v === 'object' && !(v instanceof GoTime) && !(v instanceof RawJSON)) {
    const out: Record<string, GoValue> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, goJSON(x));
    return goMap(out);
  }
  return v as GoValue;
}

/**
 * Zenoss's custom fields: a string that starts with `{` or `[` and parses as JSON goes as that
 * JSON value, any other value as it is; objects become Go maps (goJSON).
 */
export function decodeJSONStrings(m: Readonly<Record<string, unknown>>): Record<string, GoValue> {
  const out: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(m)) {
    let value: unknown = v;
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
      try {
        value = JSON.parse(v) as unknown;
      } catch {
        value = v; // not JSON after all: just text
      }
    }
    setOwn(out, k, goJSON(value));
  }
  return out;
}

/** Go's omitempty: '' / 0 / false / null / empty list or map → left out. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false || v === 0n) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoTime || v instanceof GoDuration) return false;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** The value, or undefined (left out of the encoded object) when it is empty. */
export function omitEmpty<T>(v: T): T | undefined {
  return isEmpty(v) ? undefined : v;
}

// ---- helpers of the SMTP, MQTT, SNMP trap and Kafka kinds ----

/** Whole milliseconds of a nanosecond duration (the transports' settings take ms). */
export function milliseconds(ns: number | bigint): number {
  return Number(BigInt(ns) / 1_000_000n);
}

/**
 * smtp's recipients: the handler's `to`, then the non-empty `to-field` results, else the
 * config's `to` when that leaves nobody (Kapacitor's order).
 */
export function mailTo(
  to: readonly string[],
  fieldResults: readonly string[],
  configTo: readonly string[],
): string[] {
  return mailRecipients(
    to,
    fieldResults.map((r) => r.trim()),
    configTo,
  );
}

/** The AlertData JSON + newline (what log, post, tcp and kafka send by default). */
export function alertJSON(e: EventFields): string {
  return goEncode({
    id: e.id,
    message: e.message,
    details: e.details,
    time: e.time,
    duration: e.duration,
    level: e.level,
    data: resultToGo(e.data),
    previousLevel: e.previousLevel,
    recoverable: e.recoverable,
  });
}

/** How kafka picks a record's partition: Kapacitor's hash of the key, or round robin. */
export function kafkaPartitioning(
  algorithm: KafkaPartitionAlgorithm,
  disablePartitionById: boolean,
): Partitioning {
  if (disablePartitionById) return 'none';
  return algorithm === '' ? 'crc32' : algorithm;
}

// ---- sending ----

export interface WireHTTPRequest {
  transport: 'http';
  method: HTTPMethod;
  url: string;
  /** Headers whose value is '' are not sent. */
  headers: Readonly<Record<string, string>>;
  body: string;
  /** Success statuses; empty = any 2xx. */
  success: readonly number[];
  /** The JSON member of an error response that explains it. */
  errorField?: string;
  insecureSkipVerify?: boolean;
}

export interface WireTCPRequest {
  transport: 'tcp';
  address: string;
  body: string;
  /** Read the reply to EOF and require exactly this text. */
  reply?: string;
}

export type WireRequest = WireHTTPRequest | WireTCPRequest;

/** Send what a kind's request function built. Failures are DeliveryErrors with a reason. */
export async function deliver(request: WireRequest, signal: AbortSignal): Promise<void> {
  if (request.transport === 'tcp') {
    const reply = await sendTCP({
      address: request.address,
      data: request.body,
      signal,
      readReply: request.reply !== undefined,
    });
    if (request.reply !== undefined && reply.toString('utf8') !== request.reply) {
      throw new DeliveryError(
        'protocol',
        `unexpected reply ${JSON.stringify(reply.toString('utf8').slice(0, 200))}, want ${JSON.stringify(request.reply)}`,
        { retryable: false },
      );
    }
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (v !== '') headers[k] = v;
  await sendHTTP({
    url: request.url,
    method: request.method,
    headers,
    body: request.body,
    signal,
    ...(request.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    isSuccess: (status) =>
      request.success.length === 0
        ? status >= 200 && status < 300
        : request.success.includes(status),
    describeFailure: (status, text) => failureMessage(status, text, request.errorField),
  });
}

/** `unexpected response code 400: <the error member, or the body>`. */
function failureMessage(status: number, text: string, field: string | undefined): string {
  let detail = text.trim();
  if (field !== undefined && detail !== '') {
    try {
      const parsed = JSON.parse(detail) as unknown;
      const member =
        typeof parsed === 'object' && parsed !== null
          ? own(parsed as Record<string, unknown>, field)
          : undefined;
      if (member !== undefined)
        detail = typeof member === 'string' ? member : JSON.stringify(member);
    } catch {
      // Not JSON: quote the body as it is.
    }
  }
  return detail === ''
    ? `unexpected response code ${status}`
    : `unexpected response code ${status}: ${detail}`;
}

// ---- option templates ----

const compiledTemplates = new Map<string, HandlerTemplate>();

/**
 * Render an option's Go template for one event. Parsed templates are cached by text (bounded),
 * since a template may come from the live config as well as from the handler's options.
 */
export function renderTemplate(name: string, text: string, data: unknown): string {
  if (!text.includes('{{')) return text;
  let t = compiledTemplates.get(text);
  if (!t) {
    t = compileHandlerTemplate(name, text);
    if (compiledTemplates.size >= 1024) compiledTemplates.clear();
    compiledTemplates.set(text, t);
  }
  return t.render(data);
}

/** Render the string values of a map (not those nested deeper); other values pass through. */
export function renderTemplateValues(
  name: string,
  map: Readonly<Record<string, unknown>>,
  data: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) {
    setOwn(out, k, typeof v === 'string' ? renderTemplate(name, v, data) : v);
  }
  return out;
}

/** Render every string inside a list, map or list of objects; other values pass through. */
export function renderTemplates<T>(name: string, value: T, data: unknown): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return renderTemplate(name, v, data);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) setOwn(out, k, walk(x));
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The TemplateData fields a kind's templates may be limited to (`templates: { fields }`). */
export type TemplateField =
  | 'ID' | 'Message' | 'Level' | 'Time' | 'Duration' | 'Details' | 'Name' | 'TaskName' | 'Group'
  | 'Tags' | 'Fields' | 'Recoverable'; // prettier-ignore

/**
 * Template data with only some fields (servicenow's templates see `.ID .Name .TaskName .Fields
 * .Tags`, zenoss's no `.Fields`): a template naming another field fails as it does in Kapacitor.
 */
export function templateFields(event: AlertEvent, names: readonly TemplateField[]) {
  const all = { ...eventTemplateData(event), Recoverable: event.data.recoverable };
  const out: Partial<Record<TemplateField, unknown>> = {};
  for (const n of names) out[n] = all[n];
  return out;
}

// ---- service tests ----

/** A level name from a test's options (`"CRITICAL"`), as the event's level. */
export function levelOf(name: string): Level {
  const level = parseLevel(name.toUpperCase());
  if (level === undefined)
    throw new Error(`invalid level ${JSON.stringify(name)} (OK, INFO, WARNING or CRITICAL)`);
  return level;
}

/** Nanoseconds as Go prints a time.Duration (`10000000000` → `"10s"`): a test option's default. */
export function goDuration(ns: number): string {
  return formatGoDuration(ns);
}

/** A Go duration from a test's options (`"24h0m0s"`), in nanoseconds. */
export function nanosecondsOf(text: string): number {
  try {
    return Number(parseGoDuration(text));
  } catch {
    throw new Error(`invalid duration ${JSON.stringify(text)} (Go form, e.g. "10s", "1h30m")`);
  }
}

/** An RFC3339 time from a test's options, in nanoseconds (now when empty). */
export function timeOf(text: string): bigint {
  if (text === '') return GoTime.now().ns;
  const t = parseRFC3339(text);
  if (!t)
    throw new Error(`invalid time ${JSON.stringify(text)} (RFC3339, e.g. 2006-01-02T15:04:05Z)`);
  return t.ns;
}

/**
 * A service test's `event_data` option, Kapacitor's alert.EventData with its Go field names
 * (`Name TaskName Category Group Tags Fields Recoverable Result`), as the test event's data.
 */
export function testEventData(value: Readonly<Record<string, unknown>>): Partial<EventData> {
  const at = (key: string) => own(value as Record<string, unknown>, key);
  const text = (key: string): string => {
    const v = at(key) ?? '';
    if (typeof v !== 'string') throw new Error(`event_data.${key}: must be a string`);
    return v;
  };
  const record = <T>(key: string, ok: (x: unknown) => x is T): Record<string, T> => {
    const v = at(key) ?? {};
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.values(v).every(ok)) {
      throw new Error(
        `event_data.${key}: must be an object of ${key === 'Tags' ? 'strings' : 'values'}`,
      );
    }
    return { ...(v as Record<string, T>) };
  };
  const recoverable = at('Recoverable') ?? false;
  if (typeof recoverable !== 'boolean')
    throw new Error('event_data.Recoverable: must be a boolean');
  return {
    name: text('Name'),
    taskName: text('TaskName'),
    category: text('Category'),
    group: text('Group'),
    tags: record('Tags', (x): x is string => typeof x === 'string'),
    fields: record('Fields', (x): x is FieldValue =>
      ['string', 'number', 'boolean'].includes(typeof x),
    ),
    recoverable,
    result: resultOf(at('Result')),
  };
}

/** models.Result from its JSON form (`{"series": [...]}`). */
function resultOf(v: unknown): Result {
  if (v === undefined || v === null) return { series: null };
  const series = typeof v === 'object' ? own(v as Record<string, unknown>, 'series') : undefined;
  if (series === undefined || series === null) return { series: null };
  if (!Array.isArray(series)) throw new Error('event_data.Result.series: must be a list');
  return {
    series: series.map((row: unknown, i) => {
      if (typeof row !== 'object' || row === null) {
        throw new Error(`event_data.Result.series[${i}]: must be an object`);
      }
      const r = row as Record<string, unknown>;
      return {
        ...(typeof own(r, 'name') === 'string' ? { name: own(r, 'name') as string } : {}),
        ...(isStringRecord(own(r, 'tags')) ? { tags: { ...(own(r, 'tags') as Tags) } } : {}),
        ...(Array.isArray(own(r, 'columns'))
          ? { columns: (own(r, 'columns') as unknown[]).map(String) }
          : {}),
        ...(Array.isArray(own(r, 'values')) ? { values: own(r, 'values') as RowValue[][] } : {}),
      };
    }),
  };
}

function isStringRecord(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}
