// Form values typed from the schema: each field's API value becomes a draft the inputs edit
// (text for numbers and durations, rows for lists and maps, nested drafts for objects, JSON
// text for anything else), and a draft becomes the API value again or a message saying what
// is wrong. Durations are typed as Go durations ("30s") everywhere; fields that travel as
// integer nanoseconds are converted here.

import type { FieldSchema } from '../../src/api/condenser.js';
import { formatGoDuration, parseGoDuration } from '../../src/common/duration.js';

export type Draft =
  | { t: 'text'; text: string }
  | { t: 'bool'; on: boolean }
  | { t: 'list'; items: string[] }
  | { t: 'map'; rows: Array<[string, string]> }
  | { t: 'object'; fields: Record<string, Draft> }
  | { t: 'json'; text: string };

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value the API shows for a secret means "set" (Kapacitor's redaction rule). */
export function isSetValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.values(v).some(isSetValue);
  return true;
}

export function toDraft(field: FieldSchema, value: unknown): Draft {
  switch (field.type) {
    case 'bool':
      return { t: 'bool', on: value === true };
    case 'stringList':
      return { t: 'list', items: Array.isArray(value) ? value.map(String) : [] };
    case 'stringMap':
      return {
        t: 'map',
        rows: isRecord(value) ? Object.entries(value).map(([k, v]) => [k, String(v)]) : [],
      };
    case 'object':
      if (field.fields) {
        const v = isRecord(value) ? value : {};
        return {
          t: 'object',
          fields: Object.fromEntries(field.fields.map((f) => [f.name, toDraft(f, v[f.name])])),
        };
      }
      return { t: 'json', text: JSON.stringify(value ?? null, null, 2) };
    case 'list':
    case 'unknown':
      return { t: 'json', text: JSON.stringify(value ?? null, null, 2) };
    case 'duration':
      if (field.durationFormat === 'nanoseconds' && typeof value === 'number')
        return { t: 'text', text: formatGoDuration(value) };
      return { t: 'text', text: value === null || value === undefined ? '' : String(value) };
    default:
      return { t: 'text', text: value === null || value === undefined ? '' : String(value) };
  }
}

/** The draft of a field nobody has typed into (secrets start empty: their value is never shown). */
export function emptyDraft(field: FieldSchema): Draft {
  return toDraft(field, field.type === 'bool' ? false : undefined);
}

function parseNumber(field: FieldSchema, text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: false, error: 'enter a number' };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, error: `expected a number, got "${s}"` };
  return { ok: true, value: n };
}

function parseDuration(field: FieldSchema, text: string): Parsed {
  const s = text.trim();
  if (field.durationFormat !== 'nanoseconds') return { ok: true, value: s };
  if (/^-?\d+$/.test(s)) return { ok: true, value: Number(s) };
  try {
    return { ok: true, value: Number(parseGoDuration(s)) };
  } catch {
    return { ok: false, error: `invalid duration "${s}" (use Go form, e.g. "30s", "1h30m")` };
  }
}

export function fromDraft(field: FieldSchema, draft: Draft): Parsed {
  switch (draft.t) {
    case 'bool':
      return { ok: true, value: draft.on };
    case 'list':
      return { ok: true, value: draft.items.filter((s) => s !== '') };
    case 'map': {
      const out: Record<string, string> = {};
      for (const [k, v] of draft.rows) {
        if (k === '' && v === '') continue;
        if (k === '') return { ok: false, error: `a value ("${v}") has no key` };
        if (Object.hasOwn(out, k)) return { ok: false, error: `duplicate key "${k}"` };
        out[k] = v;
      }
      return { ok: true, value: out };
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const f of field.fields ?? []) {
        const sub = draft.fields[f.name];
        if (!sub) continue;
        const r = fromDraft(f, sub);
        if (!r.ok) return { ok: false, error: `${f.name}: ${r.error}` };
        out[f.name] = r.value;
      }
      return { ok: true, value: out };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(draft.text) as unknown };
      } catch (err) {
        return { ok: false, error: `invalid JSON: ${err instanceof Error ? err.message : ''}` };
      }
    case 'text':
      if (field.type === 'int' || field.type === 'float') return parseNumber(field, draft.text);
      if (field.type === 'duration') return parseDuration(field, draft.text);
      return { ok: true, value: draft.text };
  }
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The state of one form: a draft per field, plus which secrets the user asked to clear. */
export interface FormState {
  drafts: Record<string, Draft>;
  initial: Record<string, Draft>;
  /** Secrets set on the host, by field name (their values are never shown). */
  secretsSet: Record<string, boolean>;
  cleared: Record<string, boolean>;
}

export function initialForm(fields: FieldSchema[], values: Record<string, unknown>): FormState {
  const drafts: Record<string, Draft> = {};
  const secretsSet: Record<string, boolean> = {};
  for (const f of fields) {
    if (f.secret) {
      secretsSet[f.name] = isSetValue(values[f.name]);
      drafts[f.name] = emptyDraft(f);
    } else drafts[f.name] = toDraft(f, values[f.name] ?? f.default);
  }
  return { drafts, initial: { ...drafts }, secretsSet, cleared: {} };
}

export type FormValues =
  { ok: true; values: Record<string, unknown> } | { ok: false; field: string; error: string };

/**
 * The form as API values, or the first field whose draft is invalid. `changed`: only what the
 * user changed (a config `set`, a handler's options); `all`: every field (a service test's
 * options). Either way a secret is sent only when replaced or cleared.
 */
function formValues(fields: FieldSchema[], form: FormState, which: 'changed' | 'all'): FormValues {
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const draft = form.drafts[f.name]!;
    if (f.secret && form.cleared[f.name]) {
      values[f.name] = emptyValue(f);
      continue;
    }
    if ((which === 'changed' || f.secret) && sameDraft(draft, form.initial[f.name]!)) continue;
    const r = fromDraft(f, draft);
    if (!r.ok) return { ok: false, field: f.name, error: r.error };
    values[f.name] = r.value;
  }
  return { ok: true, values };
}

export const changedValues = (fields: FieldSchema[], form: FormState): FormValues =>
  formValues(fields, form, 'changed');

export const allValues = (fields: FieldSchema[], form: FormState): FormValues =>
  formValues(fields, form, 'all');

/** What clearing a secret sends: the empty value of its type. */
function emptyValue(f: FieldSchema): unknown {
  if (f.type === 'object' && f.fields)
    return Object.fromEntries(f.fields.map((s) => [s.name, emptyValue(s)]));
  if (f.type === 'stringList' || f.type === 'list') return [];
  if (f.type === 'stringMap') return {};
  if (f.type === 'int' || f.type === 'float') return 0;
  if (f.type === 'bool') return false;
  return '';
}
