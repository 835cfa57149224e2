// /tasks: define, list, show, update, delete stream tasks (spec/http-api.md §3), and the
// httpOut endpoints of running tasks (`/tasks/<id>/<name>`).

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { globMatcher, BadPatternError } from '../../../common/glob.js';
import { formatScript } from '../../../pipeline/format.js';
import { toDot, type DotStats, type DotView } from '../../../pipeline/dot.js';
import { taskVarTypes, type TaskVar } from '../../../pipeline/task-vars.js';
import type { TaskRecord } from '../../../store/index.js';
import type { TaskChange, TaskService } from '../../../task/task-service.js';
import { HttpError, jsonBody, queryParam, sendIndented, sendNoContent } from '../reply.js';

const varSchema: z.ZodType<TaskVar> = z.lazy(() =>
  z.strictObject({
    type: z.enum(taskVarTypes),
    value: z.unknown().optional(),
    description: z.string().optional(),
  }),
) as z.ZodType<TaskVar>;

const changeSchema = z.strictObject({
  id: z.string().optional(),
  'template-id': z.string().optional(),
  type: z.enum(['stream', 'batch']).optional(),
  dbrps: z.array(z.strictObject({ db: z.string(), rp: z.string() })).optional(),
  script: z.string().optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  vars: z.record(z.string(), varSchema).optional(),
});

function decodeChange(body: unknown): TaskChange {
  const r = changeSchema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.join('.');
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown field "${[...issue.path, issue.keys[0]].join('.')}"`
        : issue.code === 'invalid_value'
          ? `field "${path}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
          : `field "${path}": ${issue.message}`;
    throw new HttpError(400, `invalid JSON: ${what}`);
  }
  const { 'template-id': templateId, ...change } = r.data;
  if (templateId) throw new HttpError(400, 'task templates are not supported by this host');
  return change;
}

const allFields = [
  'id',
  'template-id',
  'type',
  'dbrps',
  'script',
  'vars',
  'dot',
  'status',
  'executing',
  'error',
  'stats',
  'created',
  'modified',
  'last-enabled',
];

export function registerTaskRoutes(app: FastifyInstance, tasks: TaskService, base: string): void {
  const root = `${base}/tasks`;

  const stats = (id: string): { dot?: DotStats; json: Record<string, unknown> } => {
    const r = tasks.runningTask(id);
    if (!r) return { json: {} };
    const nodes = r.task.stats();
    const seconds = Math.max((Date.now() - r.started) / 1000, 1e-9);
    const source = r.pipeline.nodes[0];
    const throughput = source ? (nodes[source.name]?.emitted ?? 0) / seconds : 0;
    const nodeStats: Record<string, Record<string, number>> = {};
    const dot: DotStats = { throughput, nodes: {} };
    for (const n of r.pipeline.nodes) {
      const s = nodes[n.name];
      if (!s) continue;
      const values = { collected: s.collected, emitted: s.emitted, errors: s.errors, ...s.extra };
      nodeStats[n.name] = values;
      dot.nodes[n.name] = {
        values,
        processed: Object.fromEntries(n.children.map((c) => [c.name, s.emitted])),
      };
    }
    return { dot, json: { 'task-stats': { throughput }, 'node-stats': nodeStats } };
  };

  const taskJSON = (
    record: TaskRecord,
    q: { scriptFormat: string; dotView: DotView; fields?: string[] },
  ) => {
    const pipeline = tasks.pipelineOf(record);
    const s = stats(record.id);
    const full: Record<string, unknown> = {
      link: { rel: 'self', href: `${root}/${record.id}` },
      id: record.id,
      'template-id': record.templateId,
      type: record.type,
      dbrps: tasks.dbrpsOf(record),
      script: q.scriptFormat === 'raw' ? record.script : safeFormat(record.script),
      vars: record.vars,
      dot: pipeline ? toDot(pipeline, record.id, s.dot, q.dotView) : '',
      status: record.status,
      executing: tasks.runningTask(record.id) !== undefined,
      error: tasks.error(record.id),
      stats: s.json,
      created: record.created,
      modified: record.modified,
      'last-enabled': record.lastEnabled || '0001-01-01T00:00:00Z',
    };
    if (!q.fields || q.fields.length === 0) return full;
    const out: Record<string, unknown> = { link: full.link, id: full.id };
    for (const f of q.fields) out[f] = full[f];
    return out;
  };

  const query = (req: { query: unknown }) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    const scriptFormat =
      (Array.isArray(q['script-format']) ? q['script-format'][0] : q['script-format']) ??
      'formatted';
    if (scriptFormat !== 'formatted' && scriptFormat !== 'raw')
      throw new HttpError(400, `invalid script-format "${scriptFormat}"`);
    const dotView =
      (Array.isArray(q['dot-view']) ? q['dot-view'][0] : q['dot-view']) ?? 'attributes';
    if (dotView !== 'attributes' && dotView !== 'labels')
      throw new HttpError(400, `invalid dot-view "${dotView}"`);
    return { scriptFormat, dotView: dotView as DotView };
  };

  app.get(root, async (req, reply) => {
    const q = query(req);
    const raw = req.query as Record<string, string | string[] | undefined>;
    const fields =
      raw.fields === undefined ? [] : Array.isArray(raw.fields) ? raw.fields : [raw.fields];
    for (const f of fields)
      if (!allFields.includes(f)) throw new HttpError(400, `unknown field "${f}"`);
    const int = (name: string, def: number): number => {
      const v = queryParam(req, name);
      if (v === undefined) return def;
      if (!/^\d+$/.test(v))
        throw new HttpError(400, `invalid ${name} "${v}": must be a non-negative integer`);
      return Number(v);
    };
    const offset = int('offset', 0);
    const limit = int('limit', 100);
    let match: (s: string) => boolean;
    try {
      match = globMatcher(queryParam(req, 'pattern'));
    } catch (err) {
      if (err instanceof BadPatternError)
        throw new HttpError(400, `invalid pattern: ${err.message}`);
      throw err;
    }
    const list = tasks
      .list()
      .filter((t) => match(t.id))
      .slice(offset, offset + limit)
      .map((t) => taskJSON(t, { ...q, fields }));
    return sendIndented(reply, 200, { tasks: list });
  });

  app.post(root, async (req, reply) => {
    const change = decodeChange(jsonBody(req, 'invalid JSON: '));
    const record = await tasks.create(change);
    return sendIndented(reply, 200, taskJSON(record, query(req)));
  });

  app.get<{ Params: { id: string } }>(`${root}/:id`, async (req, reply) => {
    const record = tasks.get(req.params.id);
    if (!record) throw new HttpError(404, 'no task exists');
    return sendIndented(reply, 200, taskJSON(record, query(req)));
  });

  app.patch<{ Params: { id: string } }>(`${root}/:id`, async (req, reply) => {
    if (!tasks.get(req.params.id)) throw new HttpError(404, 'task does not exist, cannot update');
    const change = decodeChange(jsonBody(req, 'invalid JSON: '));
    const record = await tasks.update(req.params.id, change);
    return sendIndented(reply, 200, taskJSON(record, query(req)));
  });

  app.delete<{ Params: { id: string } }>(`${root}/:id`, async (req, reply) => {
    await tasks.delete(req.params.id);
    return sendNoContent(reply);
  });

  app.get<{ Params: { id: string; name: string } }>(`${root}/:id/:name`, async (req, reply) => {
    const r = tasks.runningTask(req.params.id);
    if (!tasks.get(req.params.id)) throw new HttpError(404, 'no task exists');
    const out = r?.task.httpOut(req.params.name);
    if (!out)
      throw new HttpError(
        404,
        `no httpOut node named "${req.params.name}" in running task ${req.params.id}`,
      );
    return reply.code(200).type('application/json; charset=utf-8').send(out.json());
  });
}

function safeFormat(script: string): string {
  try {
    return formatScript(script);
  } catch {
    return script;
  }
}
