// Topic handlers: the list over every topic, a form to create or edit one (its options typed
// from the kind's schema), delete, and import of a handler file (YAML or JSON, as
// `define-topic-handler` takes it: created, or replaced when it exists).

import { useMemo, useState } from 'preact/hooks';
import type { HandlerKindSchema, SchemaResponse } from '../../src/api/condenser.js';
import type { TopicHandlerResponse } from '../../src/api/kapacitor.js';
import { FieldError, Fields, TextField } from '../components/fields.js';
import { ConfirmButton, Notice } from '../components/notice.js';
import { Page, TableHead } from '../components/page.js';
import { ApiError, api, errorText, pointer, type PatchOp } from '../lib/api.js';
import { setFlash, takeFlash } from '../lib/flash.js';
import { href, navigate } from '../lib/router.js';
import { useFieldErrors } from '../lib/use-field-errors.js';
import { useLoad } from '../lib/use-load.js';
import { changedValues, initialForm, type FormState } from '../lib/values.js';

interface Row extends TopicHandlerResponse {
  topic: string;
}

/** Map with at most `limit` requests in flight. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function loadHandlers(topicFilter?: string): Promise<Row[]> {
  const topics = topicFilter ? [topicFilter] : (await api.topics()).topics.map((t) => t.id);
  const lists = await mapLimited(topics, 6, async (topic) => {
    try {
      return (await api.handlers(topic)).handlers.map((h) => ({ ...h, topic }));
    } catch (err) {
      // A topic deleted between the two requests has no handlers to show.
      if (err instanceof ApiError && err.status === 404) return [];
      throw err;
    }
  });
  return lists.flat();
}

const handlerExtra: Record<string, RegExp> = {
  id: /handler ID|handler with ID|cannot rename handler/,
  topic: /topic ID|cannot change topic/,
  kind: /action kind|handler Kind/,
  match: /match expression|\bmatch\b/,
};

export function HandlersPage({ topic }: { topic?: string }) {
  const data = useLoad(() => loadHandlers(topic), [topic]);
  const [flash] = useState(takeFlash);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [armed, setArmed] = useState<string>();
  const remove = async (h: Row) => {
    try {
      await api.deleteHandler(h.topic, h.id);
      setNotice({ kind: 'ok', text: `Deleted handler ${h.id} of topic ${h.topic}.` });
      await data.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <Page
      title={topic ? `Handlers of ${topic}` : 'Topic handlers'}
      back={topic ? { href: href('handlers'), label: 'Topic handlers' } : undefined}
    >
      <p class="lede">Each handler sends the events of one topic to a destination of its kind.</p>
      {flash && <Notice kind="ok">{flash}</Notice>}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div class="toolbar">
        <a class="button" href={topic ? href('handlers', 'new', topic) : href('handlers', 'new')}>
          New topic handler
        </a>
        <ImportFile
          onImported={async (text) => {
            setNotice({ kind: 'ok', text });
            await data.reload();
          }}
          onError={(text) => setNotice({ kind: 'error', text })}
        />
      </div>
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {data.value && data.value.length === 0 && <p class="muted">No topic handlers yet.</p>}
      {data.value && data.value.length > 0 && (
        <div class="table-scroll">
          <table class="handlers">
            <TableHead
              caption="Topic handlers"
              columns={[
                { label: 'Topic' },
                { label: 'ID' },
                { label: 'Kind' },
                { label: 'Match', wide: true },
                { label: 'Actions', hidden: true },
              ]}
            />
            <tbody>
              {data.value.map((h) => {
                const key = `${h.topic}\u0000${h.id}`;
                return (
                  <tr key={key} data-handler={`${h.topic}/${h.id}`}>
                    <td>
                      <a href={href('alerts', h.topic)}>{h.topic}</a>
                    </td>
                    <th scope="row">{h.id}</th>
                    <td>{h.kind}</td>
                    <td class="wide-only">
                      {h.match ? <code>{h.match}</code> : <span class="muted">every event</span>}
                    </td>
                    <td class="row-actions">
                      <a
                        class="button secondary small"
                        href={href('handlers', 'edit', h.topic, h.id)}
                        aria-label={`Edit ${h.id} of ${h.topic}`}
                      >
                        Edit
                      </a>
                      <ConfirmButton
                        label="Delete"
                        small
                        confirmLabel={`Really delete ${h.id}`}
                        armed={armed === key}
                        onArm={(on) => setArmed(on ? key : undefined)}
                        onConfirm={() => void remove(h)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function ImportFile(props: {
  onImported: (text: string) => Promise<void>;
  onError: (text: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const choose = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      // YAML is only loaded when a file is imported.
      const { handlerFileFormat, parseHandlerSpec } =
        await import('../../src/alert/handler-file.js');
      const spec = parseHandlerSpec(await file.text(), handlerFileFormat(file.name), file.name);
      const exists = await api.handler(spec.topic, spec.id).then(
        () => true,
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return false;
          throw err;
        },
      );
      const body = { id: spec.id, kind: spec.kind, options: spec.options, match: spec.match };
      await (exists
        ? api.replaceHandler(spec.topic, spec.id, body)
        : api.createHandler(spec.topic, body));
      await props.onImported(
        `${exists ? 'Replaced' : 'Created'} handler ${spec.id} of topic ${spec.topic} from ${file.name}.`,
      );
    } catch (err) {
      props.onError(`${file.name} was not imported: ${errorText(err)}`);
    } finally {
      input.value = '';
      setBusy(false);
    }
  };
  return (
    <div class="import">
      <label for="import-file">Import a handler file</label>
      <input
        id="import-file"
        class="file-input"
        type="file"
        accept=".yaml,.yml,.json"
        aria-describedby="import-file-desc"
        disabled={busy}
        onChange={(e) => void choose(e)}
      />
      <span id="import-file-desc" class="small muted">
        YAML or JSON, as <code>define-topic-handler</code> takes it
      </span>
    </div>
  );
}

export function HandlerEditorPage(props: {
  schema: SchemaResponse;
  topic?: string;
  id?: string;
  creating: boolean;
}) {
  const existing = useLoad(
    async () => (props.creating ? undefined : api.handler(props.topic!, props.id!)),
    [props.creating, props.topic, props.id],
  );
  const title = props.creating ? 'New topic handler' : `Edit handler ${props.id ?? ''}`;
  return (
    <Page title={title} back={{ href: href('handlers'), label: 'Topic handlers' }}>
      {existing.error && <Notice kind="error">{existing.error}</Notice>}
      {props.schema.handlers.length === 0 && (
        <Notice kind="error">This host has no handler kinds.</Notice>
      )}
      {(props.creating || existing.value) && props.schema.handlers.length > 0 && (
        <HandlerForm schema={props.schema} topic={props.topic ?? ''} existing={existing.value} />
      )}
    </Page>
  );
}

/**
 * An edit as a JSON patch: only what changed, so options the form never showed (a secret the
 * host redacts) stay as they are. A new kind replaces the options whole.
 */
function patchOps(
  existing: TopicHandlerResponse,
  next: { id: string; kind: string; match: string; options: Record<string, unknown> },
): PatchOp[] {
  const ops: PatchOp[] = [];
  if (next.id !== existing.id) ops.push({ op: 'replace', path: '/id', value: next.id });
  if (next.match !== existing.match) ops.push({ op: 'replace', path: '/match', value: next.match });
  if (next.kind !== existing.kind) {
    ops.push({ op: 'replace', path: '/kind', value: next.kind });
    ops.push({ op: 'replace', path: '/options', value: next.options });
  } else {
    for (const [name, value] of Object.entries(next.options))
      ops.push({ op: 'add', path: `/options/${pointer(name)}`, value });
  }
  return ops;
}

function kindOf(schema: SchemaResponse, kind: string): HandlerKindSchema | undefined {
  return schema.handlers.find((h) => h.kind === kind);
}

function HandlerForm(props: {
  schema: SchemaResponse;
  topic: string;
  existing: TopicHandlerResponse | undefined;
}) {
  const { schema, existing } = props;
  const [topic, setTopic] = useState(props.topic);
  const [id, setId] = useState(existing?.id ?? '');
  const [match, setMatch] = useState(existing?.match ?? '');
  const firstKind = existing?.kind ?? (kindOf(schema, 'post') ? 'post' : schema.handlers[0]!.kind);
  const [kind, setKind] = useState(firstKind);
  const kindSchema = kindOf(schema, kind);
  const fields = useMemo(() => kindSchema?.options ?? [], [kindSchema]);
  const optionsFor = (k: string) =>
    existing && k === existing.kind ? (existing.options ?? {}) : {};
  const [form, setForm] = useState<FormState>(() => initialForm(fields, optionsFor(kind)));
  const errs = useFieldErrors(['topic', 'id', 'kind', 'match', ...fields.map((f) => f.name)]);

  const changeKind = (k: string) => {
    setKind(k);
    setForm(initialForm(kindOf(schema, k)?.options ?? [], optionsFor(k)));
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const changed = changedValues(fields, form);
    if (!changed.ok) return errs.fieldError(changed.field, changed.error);
    void errs.run(async () => {
      if (!existing) {
        await api.createHandler(topic, { id, kind, options: changed.values, match });
        setFlash(`Created handler ${id} of topic ${topic}.`);
      } else {
        const ops = patchOps(existing, { id, kind, match, options: changed.values });
        if (ops.length > 0) await api.patchHandler(topic, existing.id, ops);
        setFlash(
          ops.length > 0 ? `Saved handler ${id} of topic ${topic}.` : 'Nothing was changed.',
        );
      }
      navigate('handlers');
    }, handlerExtra);
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="page-title">
      <TextField
        id="handler-topic"
        label="topic"
        hint="The topic whose events this handler gets"
        value={topic}
        onInput={setTopic}
        error={errs.errors.topic}
        readOnly={existing !== undefined}
      />
      <TextField
        id="handler-id"
        label="id"
        hint="The handler's name: letters, digits, '-', '.', '_'"
        value={id}
        onInput={setId}
        error={errs.errors.id}
      />
      <div class={`field${errs.errors.kind ? ' invalid' : ''}`}>
        <label for="handler-kind">kind</label>
        <p class="hint" id="handler-kind-desc">
          Where events go
          {kindSchema?.tickProperty ? ` (in TICKscript: .${kindSchema.tickProperty}())` : ''}
        </p>
        <select
          id="handler-kind"
          value={kind}
          aria-describedby="handler-kind-desc"
          onChange={(e) => changeKind(e.currentTarget.value)}
        >
          {schema.handlers.map((h) => (
            <option key={h.kind} value={h.kind}>
              {h.kind}
            </option>
          ))}
        </select>
        {errs.errors.kind && <FieldError id="handler-kind-err" message={errs.errors.kind} />}
      </div>
      <TextField
        id="handler-match"
        label="match"
        hint={
          'Optional: only events for which this expression is true, e.g. `changed() == TRUE` or `"host" == \'web01\'`'
        }
        value={match}
        onInput={setMatch}
        error={errs.errors.match}
      />
      <fieldset class="options">
        <legend>Options of “{kind}”</legend>
        {fields.length === 0 ? (
          <p class="muted">This kind has no options.</p>
        ) : (
          <Fields
            key={kind}
            fields={fields}
            form={form}
            onChange={setForm}
            errors={errs.errors}
            idPrefix={`opt-${kind}`}
          />
        )}
      </fieldset>
      {errs.formError && <Notice kind="error">{errs.formError}</Notice>}
      <div class="actions">
        <button type="submit" disabled={errs.busy}>
          {existing ? 'Save handler' : 'Create handler'}
        </button>
        <a class="button secondary" href={href('handlers')}>
          Cancel
        </a>
      </div>
    </form>
  );
}
