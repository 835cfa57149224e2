// Topic handlers: the list over every topic, a form to create or edit one (its options typed
// from the kind's schema), delete, and import of a handler file (YAML or JSON, as
// `define-topic-handler` takes it: created, or replaced when it exists).

import { useMemo, useState } from 'preact/hooks';
import type { HandlerKindSchema, SchemaResponse } from '../../src/api/condenser.js';
import type { TopicHandlerResponse } from '../../src/api/kapacitor.js';
import { Fields } from '../components/fields.js';
import { ConfirmButton, Notice } from '../components/notice.js';
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
    <section aria-labelledby="page-title">
      {topic && (
        <p class="crumbs">
          <a href={href('handlers')}>Topic handlers</a> /
        </p>
      )}
      <h1 id="page-title" tabIndex={-1}>
        {topic ? `Handlers of ${topic}` : 'Topic handlers'}
      </h1>
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
            <caption class="visually-hidden">Topic handlers</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">ID</th>
                <th scope="col">Kind</th>
                <th scope="col" class="wide-only">
                  Match
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
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
    </section>
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
    <section aria-labelledby="page-title">
      <p class="crumbs">
        <a href={href('handlers')}>Topic handlers</a> /
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {existing.error && <Notice kind="error">{existing.error}</Notice>}
      {props.schema.handlers.length === 0 && (
        <Notice kind="error">This host has no handler kinds.</Notice>
      )}
      {(props.creating || existing.value) && props.schema.handlers.length > 0 && (
        <HandlerForm schema={props.schema} topic={props.topic ?? ''} existing={existing.value} />
      )}
    </section>
  );
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
  const [busy, setBusy] = useState(false);

  const changeKind = (k: string) => {
    setKind(k);
    setForm(initialForm(kindOf(schema, k)?.options ?? [], optionsFor(k)));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    errs.clear();
    const changed = changedValues(fields, form);
    if (!changed.ok) return errs.fieldError(changed.field, changed.error);
    setBusy(true);
    try {
      if (!existing) {
        await api.createHandler(topic, { id, kind, options: changed.values, match });
        setFlash(`Created handler ${id} of topic ${topic}.`);
      } else {
        const ops: PatchOp[] = [];
        if (id !== existing.id) ops.push({ op: 'replace', path: '/id', value: id });
        if (match !== existing.match) ops.push({ op: 'replace', path: '/match', value: match });
        if (kind !== existing.kind) {
          ops.push({ op: 'replace', path: '/kind', value: kind });
          ops.push({ op: 'replace', path: '/options', value: changed.values });
        } else {
          for (const [name, value] of Object.entries(changed.values))
            ops.push({ op: 'add', path: `/options/${pointer(name)}`, value });
        }
        if (ops.length > 0) await api.patchHandler(topic, existing.id, ops);
        setFlash(
          ops.length > 0 ? `Saved handler ${id} of topic ${topic}.` : 'Nothing was changed.',
        );
      }
      navigate('handlers');
    } catch (err) {
      errs.show(err, handlerExtra);
    } finally {
      setBusy(false);
    }
  };

  const plain = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    hint: string,
    readOnly = false,
  ) => (
    <div class={`field${errs.errors[name] ? ' invalid' : ''}`}>
      <label for={`handler-${name}`}>{label}</label>
      <p class="hint" id={`handler-${name}-desc`}>
        {hint}
      </p>
      <input
        id={`handler-${name}`}
        value={value}
        readOnly={readOnly}
        autocomplete="off"
        spellcheck={false}
        aria-describedby={`handler-${name}-desc${errs.errors[name] ? ` handler-${name}-err` : ''}`}
        aria-invalid={errs.errors[name] ? true : undefined}
        onInput={(e) => set(e.currentTarget.value)}
      />
      {errs.errors[name] && (
        <p class="field-error" id={`handler-${name}-err`}>
          <span aria-hidden="true">⚠ </span>
          {errs.errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="page-title">
      {plain(
        'topic',
        'topic',
        topic,
        setTopic,
        'The topic whose events this handler gets',
        existing !== undefined,
      )}
      {plain('id', 'id', id, setId, "The handler's name: letters, digits, '-', '.', '_'")}
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
        {errs.errors.kind && <p class="field-error">{errs.errors.kind}</p>}
      </div>
      {plain(
        'match',
        'match',
        match,
        setMatch,
        'Optional: only events for which this expression is true, e.g. changed() == TRUE or "host" == \'web01\'',
      )}
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
        <button type="submit" disabled={busy}>
          {existing ? 'Save handler' : 'Create handler'}
        </button>
        <a class="button secondary" href={href('handlers')}>
          Cancel
        </a>
      </div>
    </form>
  );
}
