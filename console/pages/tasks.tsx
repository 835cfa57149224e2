// Tasks: the list with status, enable/disable, and a page to define or edit a TICKscript
// (the host's error shown at its line and column) with the running pipeline drawn from the
// task's dot output and its node statistics.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TaskResponse } from '../../src/api/kapacitor.js';
import { CodeEditor } from '../components/code-editor.js';
import { FieldError, TextField } from '../components/fields.js';
import { ConfirmButton, Notice } from '../components/notice.js';
import { Page, TableHead } from '../components/page.js';
import { PipelineGraph } from '../components/pipeline-graph.js';
import { api, errorText } from '../lib/api.js';
import { dbrpText, parseDBRPs } from '../lib/dbrp.js';
import { setFlash, takeFlash } from '../lib/flash.js';
import { offsetOf, scriptPosition } from '../lib/messages.js';
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
    <Page title="Tasks">
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
            <TableHead
              caption="Tasks"
              columns={[
                { label: 'Task' },
                { label: 'Type', wide: true },
                { label: 'Status' },
                { label: 'Databases', wide: true },
                { label: 'Actions', hidden: true },
              ]}
            />
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
    </Page>
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
    <Page title={title} back={{ href: href('tasks'), label: 'Tasks' }}>
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
    </Page>
  );
}

/** Fields the host's task errors name in words; a line and column means the script. */
const taskExtra: Record<string, RegExp> = {
  script: /\bline \d+ char \d+\b|TICKscript|script/,
  dbrps: /dbrp/i,
  id: /task ID|\bid\b/i,
};

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
  const [saved, setSaved] = useState<string>();
  const [armed, setArmed] = useState(false);
  const errs = useFieldErrors(['id', 'dbrps', 'script']);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const scriptError = errs.errors.script;
  const position = useMemo(
    () => (scriptError ? scriptPosition(scriptError) : undefined),
    [scriptError],
  );

  // Put the caret where the host says the error is.
  useEffect(() => {
    const el = textarea.current;
    if (!position || !el) return;
    const at = offsetOf(el.value, position);
    el.focus();
    el.setSelectionRange(at, Math.min(at + 1, el.value.length));
  }, [position]);

  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    const parsed = parseDBRPs(dbrps);
    if (!parsed.ok) return errs.fieldError('dbrps', parsed.error);
    const status = enabled ? 'enabled' : 'disabled';
    // A script's own dbrp lines fill the databases: send them only when the user changed them.
    const sendDbrps = task ? dbrps !== initialDbrps : parsed.dbrps.length > 0;
    const change = { script, status, ...(sendDbrps ? { dbrps: parsed.dbrps } : {}) } as const;
    void errs.run(async () => {
      if (!task) {
        await api.createTask({ id, type: 'stream', ...change });
        setFlash(`Defined task ${id} (${status}).`);
        navigate('tasks', id);
      } else {
        await api.updateTask(task.id, change);
        setSaved(`Saved task ${task.id} (${status}).`);
        await onSaved();
      }
    }, taskExtra);
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

  const [flash] = useState(takeFlash);
  return (
    <form
      class="card"
      onSubmit={submit}
      noValidate
      aria-label={task ? `Edit task ${task.id}` : 'Define a task'}
    >
      {flash && <Notice kind="ok">{flash}</Notice>}
      <TextField
        id="task-id"
        label="id"
        value={id}
        onInput={setId}
        error={errs.errors.id}
        readOnly={task !== undefined}
      />
      <TextField
        id="task-dbrps"
        label="databases"
        hint="database.retention-policy pairs, comma separated (e.g. `telegraf.autogen`); empty to use the script's `dbrp` lines"
        value={dbrps}
        onInput={setDbrps}
        error={errs.errors.dbrps}
      />
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
          <FieldError
            id="task-script-err"
            message={
              position
                ? `Line ${position.line}, column ${position.column}: ${scriptError}`
                : scriptError
            }
          />
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
        <button type="submit" disabled={errs.busy}>
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
