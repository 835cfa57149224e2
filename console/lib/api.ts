// The console's HTTP client: same origin only, JSON bodies always sent with
// `Content-Type: application/json`, the sign-in credentials when there are any, and every
// error turned into an ApiError carrying the host's own message.

import type {
  OverridesResponse,
  SchemaResponse,
  TopicDetailResponse,
} from '../../src/api/condenser.js';
import type {
  ApiErrorBody,
  ConfigResponse,
  ConfigUpdate,
  ServiceTestEntry,
  ServiceTestResult,
  TaskChange,
  TaskResponse,
  TasksResponse,
  TopicHandlerResponse,
  TopicHandlerSpec,
  TopicHandlersResponse,
  TopicsResponse,
} from '../../src/api/kapacitor.js';
import { authorizationHeader, markUnauthorized } from './auth.js';

export const kapacitor = '/kapacitor/v1';
export const condenser = '/condenser/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A path segment: ids may hold any character the API accepts. */
export const seg = (s: string): string => encodeURIComponent(s);

export function requestHeaders(
  hasBody: boolean,
  auth = authorizationHeader(),
): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (auth) headers.Authorization = auth;
  return headers;
}

/** Whether the host accepts these credentials (nothing is stored). */
export async function credentialsAccepted(authorization: string): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(`${condenser}/schema`, {
      headers: requestHeaders(false, authorization),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'the host did not answer: is it running?');
  }
  if (res.status === 401) return false;
  if (!res.ok) throw new ApiError(res.status, `the host answered ${res.status}`);
  return true;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: requestHeaders(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'the host did not answer: is it running?');
  }
  const text = await res.text();
  if (res.status === 401) markUnauthorized();
  if (!res.ok) {
    let message = text.trim() || `${res.status} ${res.statusText}`;
    try {
      const err = JSON.parse(text) as Partial<ApiErrorBody>;
      if (typeof err.message === 'string' && err.message !== '') message = err.message;
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(res.status, message);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

const get = <T>(path: string) => request<T>('GET', path);

export const api = {
  schema: () => get<SchemaResponse>(`${condenser}/schema`),
  overrides: () => get<OverridesResponse>(`${condenser}/config/overrides`),
  config: () => get<ConfigResponse>(`${kapacitor}/config`),
  updateConfig: (section: string, element: string | undefined, update: ConfigUpdate) =>
    request<void>(
      'POST',
      `${kapacitor}/config/${seg(section)}${element === undefined ? '' : `/${seg(element)}`}`,
      update,
    ),
  serviceTest: (name: string) => get<ServiceTestEntry>(`${kapacitor}/service-tests/${seg(name)}`),
  runServiceTest: (name: string, options: Record<string, unknown>) =>
    request<ServiceTestResult>('POST', `${kapacitor}/service-tests/${seg(name)}`, options),

  topics: () => get<TopicsResponse>(`${kapacitor}/alerts/topics`),
  topicDetail: (topic: string) =>
    get<TopicDetailResponse>(`${condenser}/alerts/topics/${seg(topic)}`),
  deleteTopic: (topic: string) =>
    request<void>('DELETE', `${kapacitor}/alerts/topics/${seg(topic)}`),
  handlers: (topic: string) =>
    get<TopicHandlersResponse>(`${kapacitor}/alerts/topics/${seg(topic)}/handlers`),
  handler: (topic: string, id: string) =>
    get<TopicHandlerResponse>(`${kapacitor}/alerts/topics/${seg(topic)}/handlers/${seg(id)}`),
  createHandler: (topic: string, spec: TopicHandlerSpec) =>
    request<TopicHandlerResponse>(
      'POST',
      `${kapacitor}/alerts/topics/${seg(topic)}/handlers`,
      spec,
    ),
  replaceHandler: (topic: string, id: string, spec: TopicHandlerSpec) =>
    request<TopicHandlerResponse>(
      'PUT',
      `${kapacitor}/alerts/topics/${seg(topic)}/handlers/${seg(id)}`,
      spec,
    ),
  patchHandler: (topic: string, id: string, patch: PatchOp[]) =>
    request<TopicHandlerResponse>(
      'PATCH',
      `${kapacitor}/alerts/topics/${seg(topic)}/handlers/${seg(id)}`,
      patch,
    ),
  deleteHandler: (topic: string, id: string) =>
    request<void>('DELETE', `${kapacitor}/alerts/topics/${seg(topic)}/handlers/${seg(id)}`),

  tasks: () =>
    get<TasksResponse>(
      `${kapacitor}/tasks?fields=type&fields=status&fields=executing&fields=dbrps&fields=error&fields=modified`,
    ),
  task: (id: string) => get<TaskResponse>(`${kapacitor}/tasks/${seg(id)}?script-format=raw`),
  createTask: (change: TaskChange) =>
    request<TaskResponse>('POST', `${kapacitor}/tasks?script-format=raw`, change),
  updateTask: (id: string, change: TaskChange) =>
    request<TaskResponse>('PATCH', `${kapacitor}/tasks/${seg(id)}?script-format=raw`, change),
  deleteTask: (id: string) => request<void>('DELETE', `${kapacitor}/tasks/${seg(id)}`),
};

/** An RFC 6902 operation, as PATCH on a topic handler takes it. */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

/** A JSON pointer token (`/` and `~` escaped). */
export const pointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
