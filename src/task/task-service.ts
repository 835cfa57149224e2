// Tasks: define, update, enable/disable and delete stream tasks, persisted in the store and
// restarted (enabled ones) when the host starts. A task is validated completely before it is
// stored: parse, evaluation, dbrps, alert handlers, and, when it is to run, a real start.

import { randomUUID } from 'node:crypto';
import { idProblem } from '../alert/ids.js';
import type { AlertService } from '../alert/service.js';
import type { TaskChange as TaskChangeBody } from '../api/kapacitor.js';
import { CondenserError, errorMessage } from '../common/errors.js';
import { shellWord } from '../common/shell-word.js';
import { GoTime } from '../common/gotime.js';
import type { Logger } from '../common/logger.js';
import {
  declaredDBRPs,
  evaluateScript,
  taskDBRPs,
  type EvaluateOptions,
  type TaskVar,
} from '../pipeline/evaluate.js';
import { MissingAlertPropertyError } from '../pipeline/eval-error.js';
import type { DBRP, Pipeline, PipelineNode } from '../pipeline/model.js';
import type { Store, TaskRecord } from '../store/index.js';
import { anonymousTopicId, validateAlertNode } from './alert/node.js';
import type { ServerInfo, TaskContext, TaskOutputs } from './node-runtime.js';
import { startTask, type RunningTask } from './runtime.js';
import type { HandlerServices } from './task-master.js';
import { TaskMaster } from './task-master.js';

export class TaskError extends CondenserError {}

export interface TaskServiceOptions {
  store: Store;
  alert: AlertService;
  logger: Logger;
  handlerServices: () => HandlerServices;
  serverInfo: ServerInfo;
  master?: TaskMaster;
  /** InfluxDB and delivery settings for influxDBOut() and batch queries. */
  outputs?: TaskOutputs;
}

/** What a create or update request asks for (API names already decoded). */
export interface TaskChange extends TaskChangeBody {
  vars?: Record<string, TaskVar>;
}

interface Running {
  task: RunningTask;
  pipeline: Pipeline;
  started: number;
}

function now(): string {
  return GoTime.now().toRFC3339Nano();
}

/** `invalid TICKscript: ...` for anything wrong with the script itself. */
function scriptError(err: unknown): TaskError {
  if (err instanceof TaskError) return err;
  const msg = errorMessage(err);
  return new TaskError(
    'task_script_invalid',
    msg.startsWith('invalid TICKscript') ? msg : `invalid TICKscript: ${msg}`,
    400,
    { cause: err },
  );
}

/**
 * Why a stored task cannot start because a handler kind it uses is gone (it was valid when
 * stored, so an unknown alert property is a removed kind), with the commands that fix it;
 * undefined for any other failure. A generated kind's property is its name, camel-cased
 * for Kapacitor's (`.pagerDuty2()` is kind `pagerduty2`).
 */
export function kindGone(
  taskId: string,
  err: unknown,
): { kind: string; reason: string } | undefined {
  const missing = err instanceof TaskError ? err.cause : err;
  if (!(missing instanceof MissingAlertPropertyError)) return undefined;
  const kind = missing.property.toLowerCase();
  const at = missing.pos ? ` at line ${missing.pos.line} char ${missing.pos.column}` : '';
  const reason =
    `handler kind "${kind}" is not installed (the script uses .${missing.property}()${at}); ` +
    `bring it back (npm run new-handler ${kind}) or delete the task ` +
    `(condenser delete tasks ${shellWord(taskId)})`;
  return { kind, reason };
}

export class TaskService {
  readonly master: TaskMaster;
  private readonly running = new Map<string, Running>();
  /** the last start error per task (shown as `error`) */
  private readonly errors = new Map<string, string>();

  constructor(private readonly opts: TaskServiceOptions) {
    this.master =
      opts.master ??
      new TaskMaster((fn) =>
        opts.store.batchWrites(fn, (err, rows) =>
          opts.logger.error({ rows, err: errorMessage(err) }, 'failed to persist alert states'),
        ),
      );
  }

  private context(taskId: string): TaskContext {
    return {
      taskId,
      logger: this.opts.logger.child({ task: taskId }),
      alert: this.opts.alert,
      handlerServices: this.opts.handlerServices(),
      store: this.opts.store,
      serverInfo: this.opts.serverInfo,
      now: () => GoTime.now().ns,
      ...(this.opts.outputs ? { outputs: this.opts.outputs } : {}),
    };
  }

  /** The clusters a script may name, as the evaluator checks them. */
  private influxdbClusters(): EvaluateOptions['influxdb'] {
    const service = this.opts.outputs?.influxdb;
    if (service === undefined) return undefined;
    return { names: service.clusterNames(), defaultName: service.defaultCluster };
  }

  /** Evaluate and validate a task definition; returns its pipeline and dbrps. */
  private compile(
    record: Pick<TaskRecord, 'id' | 'script' | 'vars'> & { type?: TaskRecord['type'] },
    apiDbrps: DBRP[],
  ): { pipeline: Pipeline; dbrps: DBRP[] } {
    let pipeline: Pipeline;
    try {
      pipeline = evaluateScript(record.script, {
        taskId: record.id,
        vars: record.vars as Record<string, TaskVar>,
        ...(record.type ? { taskType: record.type } : {}),
        influxdb: this.influxdbClusters(),
      });
      for (const node of pipeline.nodes) {
        if (node.type === 'alert') validateAlertNode((node as PipelineNode<'alert'>).props);
      }
    } catch (err) {
      throw scriptError(err);
    }
    let dbrps: DBRP[];
    try {
      dbrps = taskDBRPs(apiDbrps, pipeline);
    } catch (err) {
      throw new TaskError('task_dbrp_invalid', errorMessage(err), 400);
    }
    return { pipeline, dbrps };
  }

  private start(record: TaskRecord, pipeline: Pipeline, dbrps: DBRP[]): void {
    const task = startTask(pipeline, this.context(record.id));
    this.running.set(record.id, { task, pipeline, started: Date.now() });
    this.master.add(record.id, dbrps, task);
    this.errors.delete(record.id);
  }

  private async stop(id: string): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    this.master.remove(id);
    await r.task.stop();
  }

  /** Start every enabled task (host start); failures are logged and shown as the task's error. */
  open(): void {
    for (const record of this.opts.store.tasks.list()) {
      if (record.status !== 'enabled') continue;
      try {
        const { pipeline, dbrps } = this.compile(record, record.dbrps);
        this.start(record, pipeline, dbrps);
      } catch (err) {
        const gone = kindGone(record.id, err);
        this.errors.set(record.id, gone?.reason ?? errorMessage(err));
        if (gone === undefined) {
          this.opts.logger.error(
            { task: record.id, err: errorMessage(err) },
            'task failed to start',
          );
        } else {
          this.opts.logger.warn(
            { task: record.id, kind: gone.kind },
            `task "${record.id}" is not executing: ${gone.reason}`,
          );
        }
      }
    }
  }

  get(id: string): TaskRecord | undefined {
    return this.opts.store.tasks.get(id);
  }

  list(): TaskRecord[] {
    return this.opts.store.tasks.list();
  }

  runningTask(id: string): Running | undefined {
    return this.running.get(id);
  }

  error(id: string): string {
    return this.errors.get(id) ?? '';
  }

  /** The task's dbrps: the API's, or those of the script's dbrp statements. */
  dbrpsOf(record: TaskRecord): DBRP[] {
    if (record.dbrps.length > 0) return record.dbrps;
    return this.pipelineOf(record)?.dbrps ?? declaredDBRPs(record.script);
  }

  /** The pipeline of a stored task (for dot output of disabled tasks). */
  pipelineOf(record: TaskRecord): Pipeline | undefined {
    const r = this.running.get(record.id);
    if (r) return r.pipeline;
    try {
      return evaluateScript(record.script, {
        taskId: record.id,
        vars: record.vars as Record<string, TaskVar>,
        taskType: record.type,
        influxdb: this.influxdbClusters(),
      });
    } catch {
      return undefined;
    }
  }

  async create(change: TaskChange): Promise<TaskRecord> {
    const id = change.id && change.id !== '' ? change.id : randomUUID();
    const problem = idProblem('task ID', id);
    if (problem !== undefined) throw new TaskError('task_id_invalid', problem, 400);
    if (this.get(id)) throw new TaskError('task_exists', `task ${id} already exists`, 400);
    if (change.script === undefined || change.script.trim() === '') {
      throw new TaskError('task_script_missing', 'must provide TICKscript', 400);
    }
    const t = now();
    const record: TaskRecord = {
      id,
      type: change.type ?? 'stream',
      dbrps: change.dbrps ?? [],
      script: change.script,
      status: change.status ?? 'disabled',
      vars: change.vars ?? {},
      templateId: '',
      created: t,
      modified: t,
      lastEnabled: '',
    };
    const { pipeline, dbrps } = this.compile({ ...record, type: change.type }, record.dbrps);
    record.type = pipeline.type;
    if (record.status === 'enabled') {
      this.startOrThrow(record, pipeline, dbrps);
      record.lastEnabled = t;
    }
    try {
      this.opts.store.tasks.put(record);
    } catch (err) {
      await this.stop(id);
      throw err;
    }
    return record;
  }

  private startOrThrow(record: TaskRecord, pipeline: Pipeline, dbrps: DBRP[]): void {
    try {
      this.start(record, pipeline, dbrps);
    } catch (err) {
      throw new TaskError('task_start_failed', `failed to start task: ${errorMessage(err)}`, 400);
    }
  }

  async update(id: string, change: TaskChange): Promise<TaskRecord> {
    const current = this.get(id);
    if (!current) throw new TaskError('task_unknown', 'task does not exist, cannot update', 404);
    const next: TaskRecord = {
      ...current,
      type: change.type ?? current.type,
      dbrps: change.dbrps ?? current.dbrps,
      script: change.script ?? current.script,
      status: change.status ?? current.status,
      vars: change.vars ?? current.vars,
      modified: now(),
    };
    if (change.id !== undefined && change.id !== id) {
      throw new TaskError('task_rename', 'cannot change the id of a task (define a new one)', 400);
    }
    const { pipeline, dbrps } = this.compile(next, next.dbrps);
    const wasRunning = this.running.has(id);
    if (wasRunning) await this.stop(id);
    if (next.status === 'enabled') {
      try {
        this.startOrThrow(next, pipeline, dbrps);
      } catch (err) {
        // Keep what was running before a failed update.
        if (wasRunning) {
          try {
            const old = this.compile(current, current.dbrps);
            this.start(current, old.pipeline, old.dbrps);
          } catch (restartErr) {
            this.errors.set(id, errorMessage(restartErr));
          }
        }
        throw err;
      }
      if (!wasRunning) next.lastEnabled = next.modified;
    }
    this.opts.store.tasks.put(next);
    return next;
  }

  async delete(id: string): Promise<void> {
    const record = this.get(id);
    const pipeline = record ? this.pipelineOf(record) : undefined;
    await this.stop(id);
    this.opts.store.tasks.delete(id);
    this.errors.delete(id);
    if (pipeline) {
      for (const n of pipeline.nodes)
        if (n.type === 'alert') this.opts.alert.deleteTopic(anonymousTopicId(id, n.name));
    }
    this.opts.store.alertStates.deleteTask(id);
  }

  /** Node statistics of running tasks for /debug/vars, keyed `node:<task>:<node>`. */
  nodeStats(): Record<
    string,
    { name: string; tags: Record<string, string>; values: Record<string, number> }
  > {
    const out: Record<
      string,
      { name: string; tags: Record<string, string>; values: Record<string, number> }
    > = {};
    for (const [id, r] of [...this.running].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const stats = r.task.stats();
      for (const n of r.pipeline.nodes) {
        const s = stats[n.name];
        if (!s) continue;
        out[`node:${id}:${n.name}`] = {
          name: 'node',
          tags: { task: id, node: n.name, type: n.type },
          values: { collected: s.collected, emitted: s.emitted, errors: s.errors, ...s.extra },
        };
      }
    }
    return out;
  }

  async close(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stop(id);
  }
}
