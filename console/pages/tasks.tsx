// Tasks: the list with status, enable/disable, and a page to define or edit a TICKscript
// (the host's error shown at its line and column) with the running pipeline drawn from the
// task's dot output and its node statistics.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { TaskResponse } from '../../src/api/kapacitor.js';
import { CodeEditor } from '../components/code-editor.js';
import { ConfirmButton, Notice } from '../components/notice.js';
import { PipelineGraph } from '../components/pipeline-graph.js';
import { api, errorText } from '../lib/api.js';
import { dbrpText, parseDBRPs } from '../lib/dbrp.js';
import { setFlash, takeFlash } from '../lib/flash.js';
import { offsetOf, scriptPosition, type ScriptPosition } from '../lib/messages.js';
import { href, navigate } from '../lib/router.js';
import { useFieldErrors } from '../lib/use-field-errors.js';
import { useLoad } from '../lib/use-load.js';

function StatusBadge({ task }: { task: Pick<TaskResponse, 'status' | 'executing' | 'error'> }) {
  if (task.error) return <span class="badge off">error</span>;
  if (task.status === 'enabled')
    return <span class="badge on">{task.executing ? 'enabled, running' : 'enabled'}</span>;
  return <span class="badge neutral">disabled</span>;
}

export function TasksPage() {
  const data = useLoad(() => api.tasks(), []);
  const [flash] = useState(takeFlash);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const toggle = async (t: TaskResponse) => {
    const status = t.status === 'enabled' ? 'disabled' : 'enabled';
    try {
      await api.updateTask(t.id, { status });
      setNotice({ kind: 'ok', text: `Task ${t.id} is ${status}.` });
    } catch (err) {
      setNotice({ kind: 'error', text: `Task ${t.id}: ${errorText(err)}` });
    }
    await data.reload();
  };
  const tasks = data.value?.tasks ?? [];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Tasks
      </h1>
      <p class="lede">
        TICKscript stream tasks: points written to /write flow through them and fire alerts.
      </p>
      {flash && <Notice kind="ok">{flash}</Notice>}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div class="toolbar">
        <a class="button" href={href('tasks', 'new')}>
          New task
        </a>
      </div>
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {data.value && tasks.length === 0 && <p class="muted">No tasks yet.</p>}
      {tasks.length > 0 && (
        <div class="table-scroll">
          <table class="tasks">
            <caption class="visually-hidden">Tasks</caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col" class="wide-only">
                  Type
                </th>
                <th scope="col">Status</th>
                <th scope="col" class="wide-only">
                  Databases
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => (
                <tr key={t.id} data-task={t.id}>
                  <th scope="row">
                    <a href={href('tasks', t.id)}>{t.id}</a>
                  </th>
                  <td class="wide-only">{t.type}</td>
                  <td>
                    <StatusBadge task={t} />
                    {t.error && <p class="small field-error">{t.error}</p>}
                  </td>
                  <td class="wide-only">{dbrpText(t.dbrps ?? [])}</td>
                  <td class="row-actions">
                    <button type="button" class="secondary small" onClick={() => void toggle(t)}>
                      {t.status === 'enabled' ? 'Disable' : 'Enable'}
                      <span class="visually-hidden"> {t.id}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const exampleScript = `dbrp "telegraf"."autogen"

stream
    |from()
        .measurement('cpu')
        .groupBy('host')
    |alert()
        .crit(lambda: "usage_user" > 90)
        .message('{{ .ID }} is {{ .Level }}')
        .topic('cpu')
`;

export function TaskPage({ id }: { id?: string }) {
  const creating = id === undefined;
  const task = useLoad(async () => (creating ? undefined : api.task(id)), [id]);
  const title = creating ? 'New task' : `Task ${id}`;
  return (
    <section aria-labelledby="page-title">
      <p class="crumbs">
        <a href={href('tasks')}>Tasks</a> /
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {task.error && <Notice kind="error">{task.error}</Notice>}
      {(creating || task.value) && (
        <div class="columns">
          <div class="column-main">
            <TaskForm key={id ?? ''} task={task.value} onSaved={() => task.reload()} />
          </div>
          <div class="column-side">
            {task.value ? <TaskGraph task={task.value} /> : <TaskHelp />}
          </div>
        </div>
      )}
    </section>
  );
}

function TaskForm({
  task,
  onSaved,
}: {
  task: TaskResponse | undefined;
  onSaved: () => Promise<void>;
}) {
  const [id, setId] = useState(task?.id ?? '');
  const initialDbrps = task ? dbrpText(task.dbrps ?? []) : '';
  const [dbrps, setDbrps] = useState(initialDbrps);
  const [script, setScript] = useState(task?.script ?? exampleScript);
  const [enabled, setEnabled] = useState(task ? task.status === 'enabled' : true);
  const [position, setPosition] = useState<ScriptPosition>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [armed, setArmed] = useState(false);
  const errs = useFieldErrors(['id', 'dbrps', 'script']);
  const textarea = useRef<HTMLTextAreaElement>(null);

  // Put the caret where the host says the error is.
  useEffect(() => {
    const el = textarea.current;
    if (!position || !el) return;
    const at = offsetOf(el.value, position);
    el.focus();
    el.setSelectionRange(at, Math.min(at + 1, el.value.length));
  }, [position]);

  const submit = async (e: Event) => {
    e.preventDefault();
    errs.clear();
    setPosition(undefined);
    setSaved(undefined);
    const parsed = parseDBRPs(dbrps);
    if (!parsed.ok) return errs.fieldError('dbrps', parsed.error);
    setBusy(true);
    const status = enabled ? 'enabled' : 'disabled';
    try {
      // A script's own dbrp lines fill the databases: send them only when the user changed them.
      const sendDbrps = task ? dbrps !== initialDbrps : parsed.dbrps.length > 0;
      const change = { script, status, ...(sendDbrps ? { dbrps: parsed.dbrps } : {}) } as const;
      if (!task) {
        await api.createTask({ id, type: 'stream', ...change });
        setFlash(`Defined task ${id} (${status}).`);
        navigate('tasks', id);
      } else {
        await api.updateTask(task.id, change);
        setSaved(`Saved task ${task.id} (${status}).`);
        await onSaved();
      }
    } catch (err) {
      const message = errorText(err);
      const pos = scriptPosition(message);
      if (pos) {
        errs.show(err, { script: /./ });
        setPosition(pos);
      } else errs.show(err, { id: /task ID|\bid\b/i, dbrps: /dbrp/i, script: /TICKscript|script/ });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    try {
      await api.deleteTask(task!.id);
      setFlash(`Deleted task ${task!.id}.`);
      navigate('tasks');
    } catch (err) {
      errs.show(err);
    }
  };

  const scriptError = errs.errors.script;
  const [flash] = useState(takeFlash);
  return (
    <form
      class="card"
      onSubmit={submit}
      noValidate
      aria-label={task ? `Edit task ${task.id}` : 'Define a task'}
    >
      {flash && <Notice kind="ok">{flash}</Notice>}
      <div class={`field${errs.errors.id ? ' invalid' : ''}`}>
        <label for="task-id">id</label>
        <input
          id="task-id"
          value={id}
          readOnly={task !== undefined}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={errs.errors.id ? true : undefined}
          aria-describedby={errs.errors.id ? 'task-id-err' : undefined}
          onInput={(e) => setId(e.currentTarget.value)}
        />
        {errs.errors.id && (
          <p class="field-error" id="task-id-err">
            {errs.errors.id}
          </p>
        )}
      </div>
      <div class={`field${errs.errors.dbrps ? ' invalid' : ''}`}>
        <label for="task-dbrps">databases</label>
        <p class="hint" id="task-dbrps-desc">
          database.retention-policy pairs, comma separated (e.g. telegraf.autogen); empty to use the
          script's dbrp lines
        </p>
        <input
          id="task-dbrps"
          value={dbrps}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={errs.errors.dbrps ? true : undefined}
          aria-describedby={`task-dbrps-desc${errs.errors.dbrps ? ' task-dbrps-err' : ''}`}
          onInput={(e) => setDbrps(e.currentTarget.value)}
        />
        {errs.errors.dbrps && (
          <p class="field-error" id="task-dbrps-err">
            {errs.errors.dbrps}
          </p>
        )}
      </div>
      <div class={`field${scriptError ? ' invalid' : ''}`}>
        <label for="task-script">TICKscript</label>
        <CodeEditor
          id="task-script"
          value={script}
          onInput={setScript}
          errorLine={position?.line}
          invalid={scriptError !== undefined}
          describedBy={scriptError ? 'task-script-err' : undefined}
          textareaRef={textarea}
        />
        {scriptError && (
          <p class="field-error" id="task-script-err">
            {position && (
              <strong class="position">
                Line {position.line}, column {position.column}:{' '}
              </strong>
            )}
            {scriptError}
          </p>
        )}
      </div>
      <div class="field field-bool">
        <div class="switch-row">
          <input
            type="checkbox"
            role="switch"
            class="switch"
            id="task-enabled"
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <label for="task-enabled">enabled</label>
        </div>
      </div>
      {errs.formError && <Notice kind="error">{errs.formError}</Notice>}
      {saved && <Notice kind="ok">{saved}</Notice>}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {task ? 'Save task' : 'Define task'}
        </button>
        {task && (
          <ConfirmButton
            label="Delete task"
            confirmLabel={`Really delete ${task.id}`}
            armed={armed}
            onArm={setArmed}
            onConfirm={() => void remove()}
          />
        )}
      </div>
    </form>
  );
}

/** What a new task does, and how to try it, for someone who has not read the docs. */
function TaskHelp() {
  const write = `curl -XPOST '${location.origin}/write?db=telegraf&rp=autogen' \\\n  --data-binary 'cpu,host=web01 usage_user=97'`;
  return (
    <div class="card help">
      <h2>How a task alerts</h2>
      <ol>
        <li>
          It reads the points written to <code>/write</code> for its database (the <code>dbrp</code>{' '}
          line).
        </li>
        <li>
          <code>|alert()</code> fires when <code>.crit()</code> or <code>.warn()</code> is true, and{' '}
          <code>.topic('cpu')</code> publishes the events to the topic <code>cpu</code>.
        </li>
        <li>
          A <a href={href('handlers', 'new')}>topic handler</a> on that topic sends them on (Slack,
          a webhook, ...); the <a href={href('alerts')}>Alerts</a> page shows them live.
        </li>
      </ol>
      <p>Try it once the task is defined:</p>
      <pre>{write}</pre>
    </div>
  );
}

/** The pipeline with live node statistics while the task runs. */
function TaskGraph({ task }: { task: TaskResponse }) {
  const [current, setCurrent] = useState(task);
  useEffect(() => setCurrent(task), [task]);
  useEffect(() => {
    if (!task.executing) return;
    const timer = setInterval(() => {
      api.task(task.id).then(setCurrent, () => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [task.id, task.executing]);
  return (
    <div class="card">
      <h2>Pipeline</h2>
      <p class="small muted">
        <StatusBadge task={current} />{' '}
        {current.executing
          ? 'Statistics refresh every 2 seconds.'
          : 'Statistics appear while the task runs.'}
      </p>
      {current.error && <Notice kind="error">{current.error}</Notice>}
      <PipelineGraph dot={current.dot} taskId={current.id} />
    </div>
  );
}
