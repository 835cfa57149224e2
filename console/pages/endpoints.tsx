// Alert endpoints: one card per handler service (every overridable config section), and for
// each a page with a form per element typed from the schema, Save (a config override), Reset
// to the file's values (delete the override), add/remove for list sections, and the service
// test with its options.

import { useMemo, useState } from 'preact/hooks';
import type { OverrideSummary, SchemaResponse, SectionSchema } from '../../src/api/condenser.js';
import type { ConfigElement, ConfigResponse } from '../../src/api/kapacitor.js';
import { Fields, TextField } from '../components/fields.js';
import { FilterInput, Page } from '../components/page.js';
import { Prose } from '../components/prose.js';
import { ConfirmButton, Notice } from '../components/notice.js';
import { api } from '../lib/api.js';
import { href } from '../lib/router.js';
import { useFieldErrors } from '../lib/use-field-errors.js';
import { useLoad } from '../lib/use-load.js';
import { allValues, changedValues, initialForm, type FormState } from '../lib/values.js';

interface ConfigData {
  config: ConfigResponse;
  overrides: OverrideSummary[];
}

async function loadConfig(): Promise<ConfigData> {
  const [config, overrides] = await Promise.all([api.config(), api.overrides()]);
  return { config, overrides: overrides.overrides };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function kindsLine(schema: SchemaResponse, section: SectionSchema): string {
  const kinds = schema.handlers.filter((h) => h.section === section.name);
  if (kinds.length === 0) return '';
  return kinds
    .map(
      (k) => `handler kind "${k.kind}"${k.tickProperty ? `, TICKscript .${k.tickProperty}()` : ''}`,
    )
    .join('; ');
}

/** Enabled/disabled at a glance: from an `enabled` field when the section has one. */
function status(
  section: SectionSchema,
  elements: ConfigElement[],
): { text: string; on: boolean | undefined } {
  const hasEnabled = section.fields.some((f) => f.name === 'enabled' && f.type === 'bool');
  const enabled = elements.filter((e) => e.options.enabled === true).length;
  if (!section.list) {
    if (!hasEnabled) return { text: 'configured', on: undefined };
    return enabled > 0 ? { text: 'Enabled', on: true } : { text: 'Disabled', on: false };
  }
  const count = plural(elements.length, section.list.key);
  if (!hasEnabled) return { text: count, on: elements.length > 0 };
  return { text: `${count}, ${enabled} enabled`, on: enabled > 0 };
}

export function EndpointsPage({ schema }: { schema: SchemaResponse }) {
  const data = useLoad(loadConfig, []);
  const [filter, setFilter] = useState('');
  const sections = schema.sections.filter((s) => s.overridable);
  const shown = sections.filter((s) => s.name.includes(filter.trim().toLowerCase()));
  return (
    <Page title="Alert endpoints">
      <p class="lede">
        Where alerts go. Each card is a handler service of this host, configured from its config
        file and changed here live (the change is stored and survives a restart).
      </p>
      {sections.length > 6 && (
        <FilterInput
          id="endpoint-filter"
          label="Filter endpoints"
          value={filter}
          onInput={setFilter}
        />
      )}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {sections.length === 0 && <p>This host has no handler services with a configuration.</p>}
      <ul class="cards" aria-busy={data.loading}>
        {shown.map((s) => {
          const elements = data.value?.config.sections[s.name]?.elements ?? [];
          const st = status(s, elements);
          const overridden = data.value?.overrides.some((o) => o.section === s.name) ?? false;
          return (
            <li class="card endpoint-card" key={s.name}>
              <h2>
                <a href={href('endpoints', s.name)}>{s.name}</a>
              </h2>
              <p>
                <span
                  class={`badge ${st.on === true ? 'on' : st.on === false ? 'off' : 'neutral'}`}
                >
                  {data.value ? st.text : 'loading…'}
                </span>
                {overridden && <span class="tag">changed here</span>}
                {s.test && <span class="tag">testable</span>}
              </p>
              <p class="muted">
                <Prose text={s.description} />
              </p>
              {kindsLine(schema, s) && <p class="small muted">{kindsLine(schema, s)}</p>}
            </li>
          );
        })}
      </ul>
    </Page>
  );
}

export function EndpointPage({ schema, name }: { schema: SchemaResponse; name: string }) {
  const section = schema.sections.find((s) => s.name === name && s.overridable);
  const data = useLoad(loadConfig, []);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  if (!section) {
    return (
      <Page title="Unknown endpoint" back={{ href: href('endpoints'), label: 'Alert endpoints' }}>
        <Notice kind="error">This host has no configurable section named “{name}”.</Notice>
      </Page>
    );
  }
  const elements = data.value?.config.sections[section.name]?.elements ?? [];
  const afterChange = async (text: string) => {
    await data.reload();
    setVersion((v) => v + 1);
    setNotice({ kind: 'ok', text });
  };
  return (
    <Page title={section.name} back={{ href: href('endpoints'), label: 'Alert endpoints' }}>
      <p class="lede">
        <Prose text={section.description} />
      </p>
      {kindsLine(schema, section) && <p class="muted">{kindsLine(schema, section)}</p>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div class="columns">
        <div class="column-main">
          {elements.map((el) => {
            const key = section.list ? String(el.options[section.list.key] ?? '') : '';
            const override = data.value?.overrides.find(
              (o) => o.section === section.name && o.element === key,
            );
            return (
              <ElementForm
                key={`${key}:${version}`}
                section={section}
                element={el}
                elementKey={key}
                override={override}
                onChanged={afterChange}
              />
            );
          })}
          {section.list && data.value && (
            <AddElement key={`add:${version}`} section={section} onAdded={afterChange} />
          )}
        </div>
        {section.test && (
          <div class="column-side">
            <ServiceTest section={section} />
          </div>
        )}
      </div>
    </Page>
  );
}

function ElementForm(props: {
  section: SectionSchema;
  element: ConfigElement;
  elementKey: string;
  override: OverrideSummary | undefined;
  onChanged: (message: string) => Promise<void>;
}) {
  const { section, element, elementKey, override } = props;
  const fields = section.fields;
  const [form, setForm] = useState<FormState>(() => initialForm(fields, element.options));
  const errs = useFieldErrors(fields.map((f) => f.name));
  const [armed, setArmed] = useState(false);
  const [note, setNote] = useState<string>();
  const prefix = `cfg-${section.name}-${elementKey || 'main'}`;
  const keyField = section.list?.key;
  const title = section.list ? `${keyField} “${elementKey}”` : section.name;

  // After a change the page reloads the config and re-creates this form from it.
  const run = (action: () => Promise<void>, done: string) =>
    errs.run(async () => {
      setNote(undefined);
      await action();
      await props.onChanged(done);
    });
  const save = (e: Event) => {
    e.preventDefault();
    const changed = changedValues(fields, form);
    if (!changed.ok) return errs.fieldError(changed.field, changed.error);
    if (Object.keys(changed.values).length === 0)
      return setNote('Nothing to save: no field was changed.');
    void run(
      () => api.updateConfig(section.name, elementKey, { set: changed.values }),
      `Saved ${title}: the host uses the new values now.`,
    );
  };
  const reset = () =>
    run(
      () => api.updateConfig(section.name, elementKey, { delete: override?.keys ?? [] }),
      `Reset ${title} to the configuration file's values.`,
    );
  const remove = () =>
    run(
      () => api.updateConfig(section.name, undefined, { remove: [elementKey] }),
      `Removed ${title}.`,
    );

  return (
    <form class="card element" onSubmit={save} aria-labelledby={`${prefix}-title`} noValidate>
      <h2 id={`${prefix}-title`}>{title}</h2>
      {override && (
        <p class="small muted">
          Changed here: {override.keys.join(', ') || 'added'}
          {override.created ? ' (added through the API)' : ''}
        </p>
      )}
      <Fields
        fields={fields}
        form={form}
        onChange={setForm}
        errors={errs.errors}
        idPrefix={prefix}
        readOnly={keyField ? [keyField] : []}
      />
      {errs.formError && <Notice kind="error">{errs.formError}</Notice>}
      {note && <Notice kind="info">{note}</Notice>}
      <div class="actions">
        <button type="submit" disabled={errs.busy}>
          Save
        </button>
        <button
          type="button"
          class="secondary"
          disabled={errs.busy || !override || override.keys.length === 0}
          onClick={() => void reset()}
          title="Delete the changes made here; the config file's values apply again"
        >
          Reset to file values
        </button>
        {override?.created && (
          <ConfirmButton
            label={`Remove ${elementKey}`}
            confirmLabel={`Really remove ${elementKey}`}
            armed={armed}
            onArm={setArmed}
            onConfirm={() => void remove()}
          />
        )}
      </div>
    </form>
  );
}

function AddElement({
  section,
  onAdded,
}: {
  section: SectionSchema;
  onAdded: (m: string) => Promise<void>;
}) {
  const key = section.list!.key;
  const fields = useMemo(() => section.fields.filter((f) => f.name !== key), [section, key]);
  const [name, setName] = useState('');
  const [form, setForm] = useState<FormState>(() => initialForm(fields, {}));
  const errs = useFieldErrors([key, ...fields.map((f) => f.name)]);
  const [open, setOpen] = useState(false);
  const prefix = `add-${section.name}`;
  if (!open) {
    return (
      <div class="add-element">
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          Add {/^[aeiou]/i.test(key) ? 'an' : 'a'} {key}
        </button>
      </div>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const changed = changedValues(fields, form);
    if (!changed.ok) return errs.fieldError(changed.field, changed.error);
    void errs.run(
      async () => {
        await api.updateConfig(section.name, undefined, {
          add: { [key]: name, ...changed.values },
        });
        await onAdded(`Added ${key} “${name}”.`);
      },
      { [key]: new RegExp(`key "${key}"|${key} "`) },
    );
  };
  return (
    <form class="card element" onSubmit={submit} aria-labelledby={`${prefix}-title`} noValidate>
      <h2 id={`${prefix}-title`}>New {key}</h2>
      <TextField
        id={`${prefix}-key`}
        label={key}
        hint="The name of the new element"
        value={name}
        onInput={setName}
        error={errs.errors[key]}
      />
      <Fields
        fields={fields}
        form={form}
        onChange={setForm}
        errors={errs.errors}
        idPrefix={prefix}
      />
      {errs.formError && <Notice kind="error">{errs.formError}</Notice>}
      <div class="actions">
        <button type="submit" disabled={errs.busy}>
          Add {key}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ServiceTest({ section }: { section: SectionSchema }) {
  const fields = section.test!.options;
  const entry = useLoad(() => api.serviceTest(section.name), [section.name]);
  return (
    <div class="card test-panel">
      <h2 id={`test-${section.name}-title`}>Send a test alert</h2>
      <p class="small muted">
        Sends a test event with these options through the {section.name} service.
      </p>
      {entry.error && <Notice kind="error">{entry.error}</Notice>}
      {entry.value && (
        <TestForm key={section.name} section={section} defaults={entry.value.options} />
      )}
      {!entry.value && !entry.error && fields.length > 0 && (
        <p class="muted">Loading the test options…</p>
      )}
    </div>
  );
}

function TestForm({
  section,
  defaults,
}: {
  section: SectionSchema;
  defaults: Record<string, unknown>;
}) {
  const fields = section.test!.options;
  const [form, setForm] = useState<FormState>(() => initialForm(fields, defaults));
  const errs = useFieldErrors(
    fields.map((f) => f.name),
    'Not sent: ',
  );
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const submit = (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    const values = allValues(fields, form);
    if (!values.ok) return errs.fieldError(values.field, values.error);
    void errs.run(async () => {
      const r = await api.runServiceTest(section.name, values.values);
      setResult(
        r.success
          ? { ok: true, text: 'Test alert sent: the service reported success.' }
          : { ok: false, text: `The test failed: ${r.message}` },
      );
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`test-${section.name}-title`} noValidate>
      <Fields
        fields={fields}
        form={form}
        onChange={setForm}
        errors={errs.errors}
        idPrefix={`test-${section.name}`}
      />
      {errs.formError && <Notice kind="error">{errs.formError}</Notice>}
      <div class="actions">
        <button type="submit" disabled={errs.busy}>
          {errs.busy ? 'Sending…' : 'Send test alert'}
        </button>
      </div>
      {result && <Notice kind={result.ok ? 'ok' : 'error'}>{result.text}</Notice>}
    </form>
  );
}
