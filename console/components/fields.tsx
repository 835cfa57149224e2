// Form controls typed from the schema: a switch for booleans, text for strings, numbers and
// durations, a select for enums, rows for lists and maps, nested fields for objects, JSON
// for anything else. Secrets show only whether they are set, with a field to replace them.
// Every control has a label, its description and, when the host refused it, its error.

import type { FieldSchema } from '../../src/api/condenser.js';
import type { Draft, FormState } from '../lib/values.js';
import { Prose } from './prose.js';

export interface FieldsProps {
  fields: FieldSchema[];
  form: FormState;
  onChange: (form: FormState) => void;
  /** Messages by field name (the host's own words). */
  errors: Readonly<Record<string, string>>;
  /** Unique per form: ids of inputs and their descriptions. */
  idPrefix: string;
  /** Fields shown but not editable (a list element's key). */
  readOnly?: readonly string[];
}

/** The host's (or the console's) message under the control it is about. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p class="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** A labelled one-line text input outside the schema (a topic, an id, a list key). */
export function TextField(p: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  readOnly?: boolean;
}) {
  const described = [p.hint ? `${p.id}-desc` : '', p.error ? `${p.id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${p.error ? ' invalid' : ''}`}>
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${p.id}-desc`}>
          <Prose text={p.hint} />
        </p>
      )}
      <input
        id={p.id}
        value={p.value}
        readOnly={p.readOnly}
        autocomplete="off"
        spellcheck={false}
        aria-describedby={described || undefined}
        aria-invalid={p.error ? true : undefined}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
      {p.error && <FieldError id={`${p.id}-err`} message={p.error} />}
    </div>
  );
}

const domId = (prefix: string, name: string) => `${prefix}-${name}`.replace(/[^\w-]/g, '_');

export function Fields(props: FieldsProps) {
  const { fields, form, onChange } = props;
  const setDraft = (name: string, draft: Draft) =>
    onChange({ ...form, drafts: { ...form.drafts, [name]: draft } });
  const setCleared = (name: string, cleared: boolean) =>
    onChange({ ...form, cleared: { ...form.cleared, [name]: cleared } });
  return (
    <div class="fields">
      {fields.map((f) => (
        <FieldRow
          key={f.name}
          field={f}
          id={domId(props.idPrefix, f.name)}
          draft={form.drafts[f.name]!}
          error={props.errors[f.name]}
          readOnly={props.readOnly?.includes(f.name) ?? false}
          secretSet={form.secretsSet[f.name]}
          cleared={form.cleared[f.name] ?? false}
          onDraft={(d) => setDraft(f.name, d)}
          onCleared={(c) => setCleared(f.name, c)}
        />
      ))}
    </div>
  );
}

interface RowProps {
  field: FieldSchema;
  id: string;
  draft: Draft;
  error: string | undefined;
  readOnly: boolean;
  secretSet: boolean | undefined;
  cleared: boolean;
  onDraft: (d: Draft) => void;
  onCleared: (c: boolean) => void;
}

function describedBy(id: string, field: FieldSchema, error: string | undefined): string {
  return [field.description ? `${id}-desc` : '', error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
}

function typeHint(f: FieldSchema): string {
  switch (f.type) {
    case 'duration':
      return 'duration, e.g. 30s or 1h30m';
    case 'int':
      return 'integer';
    case 'float':
      return 'number';
    case 'stringList':
      return 'list';
    case 'stringMap':
      return 'key/value pairs';
    case 'list':
    case 'unknown':
      return 'JSON';
    default:
      return '';
  }
}

function FieldRow(p: RowProps) {
  const { field, id, error } = p;
  const grouped = ['stringList', 'stringMap', 'object'].includes(
    p.draft.t === 'json' ? '' : field.type,
  );
  const hint = typeHint(field);
  const desc = field.description ? (
    <p class="hint" id={`${id}-desc`}>
      <Prose text={field.description} />
      {hint && <span class="type-hint"> ({hint})</span>}
    </p>
  ) : null;
  const err = error ? <FieldError id={`${id}-err`} message={error} /> : null;
  const control = <Control {...p} />;
  if (p.draft.t === 'bool') {
    return (
      <div class={`field field-bool${error ? ' invalid' : ''}`}>
        <div class="switch-row">
          {control}
          <label for={id}>{field.name}</label>
        </div>
        {desc}
        {err}
      </div>
    );
  }
  if (grouped || field.secret) {
    return (
      <fieldset
        class={`field${error ? ' invalid' : ''}`}
        aria-describedby={describedBy(id, field, error) || undefined}
      >
        <legend>
          {field.name}
          {field.secret && <SecretStatus set={p.secretSet ?? false} cleared={p.cleared} />}
        </legend>
        {desc}
        {control}
        {err}
      </fieldset>
    );
  }
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{field.name}</label>
      {desc}
      {control}
      {err}
    </div>
  );
}

function SecretStatus({ set, cleared }: { set: boolean; cleared: boolean }) {
  const state = cleared ? 'will be cleared' : set ? 'set' : 'not set';
  return <span class={`secret-state ${set && !cleared ? 'is-set' : ''}`}>secret: {state}</span>;
}

function Control(p: RowProps) {
  const { field, id, draft, readOnly, onDraft } = p;
  const aria = {
    'aria-describedby': describedBy(id, field, p.error) || undefined,
    'aria-invalid': p.error ? true : undefined,
  };
  if (field.secret && draft.t !== 'bool') {
    return (
      <div class="secret">
        <SecretInput {...p} />
        {p.secretSet && (
          <button
            type="button"
            class="secondary small"
            aria-pressed={p.cleared}
            onClick={() => p.onCleared(!p.cleared)}
          >
            {p.cleared ? 'Keep the current value' : 'Clear on save'}
          </button>
        )}
      </div>
    );
  }
  switch (draft.t) {
    case 'bool':
      return (
        <input
          type="checkbox"
          role="switch"
          class="switch"
          id={id}
          checked={draft.on}
          disabled={readOnly}
          onChange={(e) => onDraft({ t: 'bool', on: e.currentTarget.checked })}
          {...aria}
        />
      );
    case 'text':
      if (field.type === 'enum' && field.values) {
        return (
          <select
            id={id}
            value={draft.text}
            disabled={readOnly}
            onChange={(e) => onDraft({ t: 'text', text: e.currentTarget.value })}
            {...aria}
          >
            {field.values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        );
      }
      return (
        <input
          type="text"
          id={id}
          value={draft.text}
          readOnly={readOnly}
          spellcheck={false}
          autocomplete="off"
          inputMode={
            field.type === 'int' ? 'numeric' : field.type === 'float' ? 'decimal' : undefined
          }
          placeholder={field.type === 'duration' ? 'e.g. 30s' : undefined}
          onInput={(e) => onDraft({ t: 'text', text: e.currentTarget.value })}
          {...aria}
        />
      );
    case 'json':
      return (
        <textarea
          id={id}
          rows={4}
          value={draft.text}
          readOnly={readOnly}
          spellcheck={false}
          onInput={(e) => onDraft({ t: 'json', text: e.currentTarget.value })}
          {...aria}
        />
      );
    case 'list':
      return (
        <ListRows
          id={id}
          name={field.name}
          items={draft.items}
          onItems={(items) => onDraft({ t: 'list', items })}
        />
      );
    case 'map':
      return (
        <MapRows
          id={id}
          name={field.name}
          rows={draft.rows}
          onRows={(rows) => onDraft({ t: 'map', rows })}
        />
      );
    case 'object':
      return (
        <div class="nested">
          {(field.fields ?? []).map((f) => (
            <FieldRow
              key={f.name}
              field={f}
              id={`${id}-${f.name}`}
              draft={draft.fields[f.name]!}
              error={undefined}
              readOnly={readOnly}
              secretSet={undefined}
              cleared={false}
              onDraft={(d) => onDraft({ t: 'object', fields: { ...draft.fields, [f.name]: d } })}
              onCleared={() => undefined}
            />
          ))}
        </div>
      );
  }
}

/** A secret's replacement: a password input (nested fields for a secret object). */
function SecretInput(p: RowProps) {
  const { field, id, draft, onDraft } = p;
  if (draft.t === 'object') {
    return (
      <div class="nested">
        {(field.fields ?? []).map((f) => {
          const sub = draft.fields[f.name]!;
          return (
            <div class="field" key={f.name}>
              <label for={`${id}-${f.name}`}>New {f.name}</label>
              <input
                {...(f.name.includes('pass')
                  ? { type: 'password' as const }
                  : { type: 'text' as const })}
                id={`${id}-${f.name}`}
                autocomplete="off"
                value={sub.t === 'text' ? sub.text : ''}
                disabled={p.cleared}
                onInput={(e) =>
                  onDraft({
                    t: 'object',
                    fields: {
                      ...draft.fields,
                      [f.name]: { t: 'text', text: e.currentTarget.value },
                    },
                  })
                }
              />
            </div>
          );
        })}
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>New {field.name}</label>
      <input
        type="password"
        id={id}
        autocomplete="new-password"
        value={draft.t === 'text' || draft.t === 'json' ? draft.text : ''}
        disabled={p.cleared}
        placeholder={p.secretSet ? 'Leave empty to keep the current value' : 'Not set'}
        aria-describedby={describedBy(id, field, p.error) || undefined}
        aria-invalid={p.error ? true : undefined}
        onInput={(e) =>
          onDraft({ t: draft.t === 'json' ? 'json' : 'text', text: e.currentTarget.value })
        }
      />
    </div>
  );
}

function ListRows(p: {
  id: string;
  name: string;
  items: string[];
  onItems: (items: string[]) => void;
}) {
  const set = (i: number, v: string) => p.onItems(p.items.map((x, j) => (j === i ? v : x)));
  return (
    <div class="rows">
      {p.items.map((item, i) => (
        <div class="row" key={i}>
          <label class="visually-hidden" for={`${p.id}-${i}`}>
            {p.name} item {i + 1}
          </label>
          <input
            type="text"
            id={`${p.id}-${i}`}
            value={item}
            spellcheck={false}
            onInput={(e) => set(i, e.currentTarget.value)}
          />
          <button
            type="button"
            class="secondary small"
            aria-label={`Remove ${p.name} item ${i + 1}`}
            onClick={() => p.onItems(p.items.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="secondary small" onClick={() => p.onItems([...p.items, ''])}>
        Add item
      </button>
    </div>
  );
}

function MapRows(p: {
  id: string;
  name: string;
  rows: Array<[string, string]>;
  onRows: (rows: Array<[string, string]>) => void;
}) {
  const set = (i: number, col: 0 | 1, v: string) =>
    p.onRows(p.rows.map((r, j) => (j === i ? (col === 0 ? [v, r[1]] : [r[0], v]) : r)));
  return (
    <div class="rows">
      {p.rows.map(([k, v], i) => (
        <div class="row" key={i}>
          <label class="visually-hidden" for={`${p.id}-${i}-k`}>
            {p.name} key {i + 1}
          </label>
          <input
            type="text"
            id={`${p.id}-${i}-k`}
            value={k}
            placeholder="key"
            spellcheck={false}
            onInput={(e) => set(i, 0, e.currentTarget.value)}
          />
          <label class="visually-hidden" for={`${p.id}-${i}-v`}>
            {p.name} value {i + 1}
          </label>
          <input
            type="text"
            id={`${p.id}-${i}-v`}
            value={v}
            placeholder="value"
            spellcheck={false}
            onInput={(e) => set(i, 1, e.currentTarget.value)}
          />
          <button
            type="button"
            class="secondary small"
            aria-label={`Remove ${p.name} entry ${i + 1}`}
            onClick={() => p.onRows(p.rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="secondary small" onClick={() => p.onRows([...p.rows, ['', '']])}>
        Add entry
      </button>
    </div>
  );
}
