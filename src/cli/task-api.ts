// The /tasks calls the task verbs make (spec/http-api.md §3), with the fields they read.

import * as z from './schema.js';
import { segment, type KapacitorClient } from './client.js';

const dbrp = z.object({ db: z.string(), rp: z.string() });
const taskVar = z.object({
  type: z.string(),
  value: z.optional(z.unknown()),
  description: z.optional(z.string()),
});

const task = z.object({
  id: z.string(),
  'template-id': z.string(),
  type: z.string(),
  dbrps: z.array(dbrp),
  script: z.string(),
  vars: z.nullable(z.record(z.string(), taskVar)),
  dot: z.string(),
  status: z.string(),
  executing: z.boolean(),
  error: z.string(),
  created: z.string(),
  modified: z.string(),
  'last-enabled': z.string(),
});

/** What `list tasks` asks for (`?fields=`): the id always comes back. */
const listedTask = z.extend(
  z.pick(task, { id: true, type: true, status: true, executing: true, dbrps: true }),
  { error: z._default(z.string(), '') },
);
const listFields = ['type', 'status', 'executing', 'dbrps', 'error'] as const;

export type DBRP = z.output<typeof dbrp>;
export type TaskVar = z.output<typeof taskVar>;
export type Task = z.output<typeof task>;
export type ListedTask = z.output<typeof listedTask>;
export type TaskStatus = 'enabled' | 'disabled';

/** A create (POST) or update (PATCH) body; absent fields are left as they are on update. */
export interface TaskChange {
  id?: string;
  type?: 'stream' | 'batch';
  dbrps?: DBRP[];
  script?: string;
  status?: TaskStatus;
  vars?: Record<string, TaskVar>;
}

const tasksPath = '/tasks';
const taskPath = (id: string) => `${tasksPath}/${segment(id)}`;

/** The server pages lists; Kapacitor's CLI asks for 100 at a time. */
const pageSize = 100;

export function getTask(c: KapacitorClient, id: string): Promise<Task> {
  return c.get(taskPath(id), task);
}

/** Every task whose ID matches the glob (all tasks for an empty pattern), in the server's order. */
export async function listTasks(c: KapacitorClient, pattern = ''): Promise<ListedTask[]> {
  const all: ListedTask[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await c.get(tasksPath, z.object({ tasks: z.array(listedTask) }), {
      pattern,
      fields: listFields,
      offset: String(offset),
      limit: String(pageSize),
    });
    all.push(...page.tasks);
    if (page.tasks.length < pageSize) return all;
  }
}

export function createTask(c: KapacitorClient, change: TaskChange): Promise<Task> {
  return c.write('POST', tasksPath, change, task);
}

export function updateTask(c: KapacitorClient, id: string, change: TaskChange): Promise<Task> {
  return c.write('PATCH', taskPath(id), change, task);
}

export function setTaskStatus(c: KapacitorClient, id: string, status: TaskStatus): Promise<Task> {
  return updateTask(c, id, { status });
}

/** Succeeds for a task that does not exist (the server answers 204 either way). */
export function deleteTask(c: KapacitorClient, id: string): Promise<void> {
  return c.delete(taskPath(id));
}
