// Shapes of Kapacitor's HTTP API v1 responses as this host sends them (spec/http-api.md),
// shared by the routes that build them and the console that reads them.

import type { LevelName } from '../alert/level.js';

export interface Link {
  rel: string;
  href: string;
}

/** Every error: `{"error": message, "message": message}`. */
export interface ApiErrorBody {
  error: string;
  message: string;
}

export interface ConfigElement {
  link: Link;
  /** API names, sorted; secrets as booleans (set or not). */
  options: Record<string, unknown>;
  redacted: string[] | null;
}

export interface ConfigSectionResponse {
  link: Link;
  elements: ConfigElement[];
}

export interface ConfigResponse {
  link: Link;
  sections: Record<string, ConfigSectionResponse>;
}

/** The body of `POST /config/<section>[/<element>]`. */
export interface ConfigUpdate {
  set?: Record<string, unknown>;
  delete?: string[];
  add?: Record<string, unknown>;
  remove?: string[];
}

export interface ServiceTestEntry {
  link: Link;
  name: string;
  /** The options a test uses when none are given (may come from the live config). */
  options: Record<string, unknown>;
}

export interface ServiceTestsResponse {
  link: Link;
  services: ServiceTestEntry[];
}

export interface ServiceTestResult {
  success: boolean;
  message: string;
}

export interface TopicResponse {
  link: Link;
  id: string;
  level: LevelName;
  collected: number;
  'events-link': Link;
  'handlers-link': Link;
}

export interface TopicsResponse {
  link: Link;
  topics: TopicResponse[];
}

export interface TopicHandlerResponse {
  link: Link;
  id: string;
  kind: string;
  options: Record<string, unknown> | null;
  match: string;
}

export interface TopicHandlersResponse {
  link: Link;
  topic: string;
  handlers: TopicHandlerResponse[];
}

/** The body of `POST /alerts/topics/<topic>/handlers` (and PUT), as handler files hold it. */
export interface TopicHandlerSpec {
  id: string;
  kind: string;
  options?: Record<string, unknown> | null;
  match?: string;
}

export interface DBRP {
  db: string;
  rp: string;
}

export interface TaskResponse {
  link: Link;
  id: string;
  'template-id': string;
  type: 'stream' | 'batch';
  dbrps: DBRP[];
  script: string;
  vars: Record<string, unknown>;
  dot: string;
  status: 'enabled' | 'disabled';
  executing: boolean;
  error: string;
  stats: Record<string, unknown>;
  created: string;
  modified: string;
  'last-enabled': string;
}

export interface TasksResponse {
  tasks: TaskResponse[];
}

/** The body of `POST /tasks` and `PATCH /tasks/<id>`. */
export interface TaskChange {
  id?: string;
  type?: 'stream' | 'batch';
  dbrps?: DBRP[];
  script?: string;
  status?: 'enabled' | 'disabled';
}
