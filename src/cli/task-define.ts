// `define NAME [-tick FILE] [-type stream|batch] [-dbrp db.rp]... [-vars FILE] [-no-reload]`,
// as cmd/kapacitor does it: GET the task; if there is none, POST it disabled; else PATCH only
// what was given (an absent option leaves that part unchanged, the status is kept), then
// reload it (disable, enable) if it was enabled, unless -no-reload.

import { errorMessage } from '../common/errors.js';
import { parseJSON } from '../common/json-syntax.js';
import { ServerError, type KapacitorClient } from './client.js';
import { InputFileError, readInputFile } from './input-file.js';
import {
  createTask,
  getTask,
  setTaskStatus,
  updateTask,
  type DBRP,
  type Task,
  type TaskChange,
  type TaskVar,
} from './task-api.js';

export interface DefineOptions {
  /** path of the TICKscript */
  tick?: string;
  type?: 'stream' | 'batch';
  dbrp?: DBRP[];
  /** path of a JSON vars file: `{"name": {"type": "float", "value": 2.5}}` */
  vars?: string;
  /** false with -no-reload */
  reload: boolean;
}

export type DefineOutcome = 'created' | 'updated';

export async function defineTask(
  client: KapacitorClient,
  id: string,
  options: DefineOptions,
): Promise<DefineOutcome> {
  // Files first: a bad file is reported before anything changes on the server.
  const change = changeFromOptions(options);
  const existing = await findTask(client, id);
  if (!existing) {
    await createTask(client, { id, ...change, status: 'disabled' });
    return 'created';
  }
  await updateTask(client, id, change);
  if (options.reload && existing.status === 'enabled') {
    await setTaskStatus(client, id, 'disabled');
    await setTaskStatus(client, id, 'enabled');
  }
  return 'updated';
}

function changeFromOptions(options: DefineOptions): TaskChange {
  const change: TaskChange = {};
  if (options.tick !== undefined) change.script = readTICKscript(options.tick);
  if (options.type !== undefined) change.type = options.type;
  if (options.dbrp !== undefined && options.dbrp.length > 0) change.dbrps = options.dbrp;
  if (options.vars !== undefined) change.vars = readVarsFile(options.vars);
  return change;
}

/** The task, or undefined if the server says it does not exist (other errors are errors). */
async function findTask(client: KapacitorClient, id: string): Promise<Task | undefined> {
  try {
    return await getTask(client, id);
  } catch (err) {
    if (err instanceof ServerError && err.status === 404) return undefined;
    throw err;
  }
}

function readTICKscript(file: string): string {
  const script = readInputFile(file);
  // Kapacitor would send nothing and leave the script as it was; an empty file is a mistake.
  if (script.trim() === '') throw new InputFileError(file, 'the TICKscript is empty');
  return script;
}

/** A vars file: a JSON object of `name: {type, value[, description]}` (checked by the server). */
export function readVarsFile(file: string): Record<string, TaskVar> {
  let body: unknown;
  try {
    body = parseJSON(readInputFile(file).replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(file, `invalid JSON: ${errorMessage(err)}`);
  }
  const expected = 'expected an object of vars, e.g. {"threshold": {"type": "float", "value": 90}}';
  if (!isObject(body)) throw new InputFileError(file, expected);
  const vars: Record<string, TaskVar> = {};
  for (const [name, v] of Object.entries(body)) {
    if (!isObject(v) || typeof v.type !== 'string') {
      throw new InputFileError(file, `var ${JSON.stringify(name)}: ${expected}`);
    }
    vars[name] = { ...v, type: v.type };
  }
  return vars;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
