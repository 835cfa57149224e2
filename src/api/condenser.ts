// Shapes of the Condenser extension API (`/condenser/v1/...`), shared by the host and the
// console. Types only: the console bundles nothing from here but the names.

import type { LevelName } from '../alert/level.js';

/** How a field's value is typed in the config API, handler options and service tests. */
export type FieldType =
  | 'string'
  | 'bool'
  | 'int'
  | 'float'
  | 'duration'
  | 'stringList'
  | 'stringMap'
  | 'enum'
  | 'object'
  | 'list'
  | 'unknown';

export interface FieldSchema {
  /** The API name (`bind-address`, `basic-auth`, `url`). */
  name: string;
  type: FieldType;
  /**
   * Durations travel as Go duration strings (`"30s"`) in config sections and as integer
   * nanoseconds in handler and service-test options (as Kapacitor decodes them).
   */
  durationFormat?: 'go' | 'nanoseconds';
  /** The default as the API shows it (secrets as a set/not-set boolean); null when none. */
  default: unknown;
  description: string;
  /** Never shown back: the config API answers `true`/`false` for whether it is set. */
  secret: boolean;
  /** May be left out entirely (no default value). */
  optional: boolean;
  /** Fields of an `object`, or of each element of a `list`. */
  fields?: FieldSchema[];
  /** Allowed values of an `enum`. */
  values?: string[];
}

export interface SectionSchema {
  /** The TOML table and config API section (`httppost`, `slack`). */
  name: string;
  description: string;
  /** Changeable through `/kapacitor/v1/config` (handler sections are, [http] is not). */
  overridable: boolean;
  /** For list sections (`[[httppost]]`): the key that names each element. */
  list: { key: string } | null;
  fields: FieldSchema[];
  /** The service test (`/kapacitor/v1/service-tests/<name>`), when the service has one. */
  test: { options: FieldSchema[] } | null;
  /** Handler kinds (`kind` of a topic handler) served by this section. */
  kinds: string[];
}

export interface HandlerKindSchema {
  /** The `kind` of topic handlers and handler files (`post`, `log`, `slack`). */
  kind: string;
  /** The config section (and service) the kind uses, if any. */
  section: string | null;
  /** Skipped for events an aggregate marked as not external. */
  external: boolean;
  /** The TICKscript property (`post` for `|alert().post()`), when the kind has one. */
  tickProperty: string | null;
  options: FieldSchema[];
}

export interface SchemaResponse {
  link: { rel: 'self'; href: string };
  version: string;
  sections: SectionSchema[];
  handlers: HandlerKindSchema[];
}

/** Which config elements carry overrides from the API (keys only, never values). */
export interface OverrideSummary {
  section: string;
  /** The element key; '' for a section that is not a list. */
  element: string;
  /** Added through the API (`add`), so it can be removed. */
  created: boolean;
  /** Option names set through the API. */
  keys: string[];
}

export interface OverridesResponse {
  overrides: OverrideSummary[];
}

/** A change of a topic's level (its highest event level). */
export interface LevelChange {
  /** Event time, milliseconds since the epoch. */
  time: number;
  level: LevelName;
}

export interface TopicSummary {
  id: string;
  level: LevelName;
  /** Events collected since the host started. */
  collected: number;
  /** Events held now, per level. */
  events: Record<LevelName, number>;
  /** Level changes since the host started (the oldest dropped past a limit). */
  history: LevelChange[];
}

export interface TopicEventDetail {
  id: string;
  message: string;
  details: string;
  /** RFC3339Nano */
  time: string;
  /** Go duration */
  duration: string;
  level: LevelName;
  /** The event's data (`{"series": [...]}`) as handlers got it; null when not kept. */
  data: unknown;
}

export interface TopicDetailResponse {
  topic: TopicSummary;
  /** Most severe first, then newest first; at most `limit`. */
  events: TopicEventDetail[];
  /** Events the topic holds (may exceed `events.length`). */
  total: number;
}

/** The last event a handler did not deliver; its message never holds a secret. */
export interface DeliveryErrorDetail {
  /** RFC3339 (UTC, milliseconds) */
  time: string;
  /** `connection`, `timeout`, `http-5xx`, `http-4xx`, ..., `queue full` */
  reason: string;
  message: string;
  /** The alert event id. */
  event: string;
  /** Attempts made (0 when the queue refused the event). */
  attempts: number;
  /** The HTTP status the peer answered with, if any. */
  status?: number;
}

/** A handler's delivery counters since it was created (or the host started). */
export interface DeliveryFigures {
  sent: number;
  /** Events given up on after their last attempt. */
  failed: number;
  /** Events refused because the queue was full. */
  dropped: number;
  /** Attempts that failed and were tried again (not counted in `failed`). */
  retried: number;
  /** Events waiting now. */
  queued: number;
  /** `failed` by reason; only reasons that happened. */
  failedByReason: Record<string, number>;
  lastError: DeliveryErrorDetail | null;
}

/** `GET /condenser/v1/alerts/topics/<topic>/handlers/<id>`: a topic handler as it runs. */
export interface TopicHandlerStatusResponse {
  link: { rel: 'self'; href: string };
  id: string;
  topic: string;
  kind: string;
  /** '' while it runs; else why it does not (its kind is not installed, bad options, ...). */
  error: string;
  delivery: DeliveryFigures;
}

/** Messages of `GET /condenser/v1/alerts/stream` (server-sent events, `data:` is JSON). */
export type AlertStreamMessage =
  | { type: 'snapshot'; topics: TopicSummary[] }
  | { type: 'changed'; topics: TopicSummary[]; deleted: string[] };
