// Config overrides (POST /kapacitor/v1/config): how stored overrides combine with the file
// config, and how one API request turns into new override records. Pure functions; the
// config service applies them, updates the service and persists.

import type { z } from 'zod';
import { idShapeProblem } from '../alert/ids.js';
import { CondenserError } from '../common/errors.js';
import type { ConfigOverrideRecord } from '../store/index.js';
import { apiValue, infoOf } from './fields.js';
import { ConfigError, elementKey, parseElement, type SectionDef } from './section.js';

export type Element = Record<string, unknown>;

/** Section and element names in config URLs (Kapacitor's rule), so every element has a link. */
export const configNamePattern = /^[-\w+]+$/;

export class OverrideError extends CondenserError {
  constructor(message: string, status = 400) {
    super('config_override_invalid', message, status);
    this.name = 'OverrideError';
  }
}

/** The effective value of a section: file value with overrides applied, re-validated. */
export function effectiveSection(
  def: SectionDef,
  fileValue: Element | Element[],
  overrides: ConfigOverrideRecord[],
): Element | Element[] {
  const mine = overrides.filter((o) => o.section === def.name);
  if (!def.list) {
    const o = mine.find((x) => x.element === '');
    return o ? parseElement(def, { ...(fileValue as Element), ...o.options }, def.name) : fileValue;
  }
  const list = def.list;
  const out = (fileValue as Element[]).map((el) => {
    const key = elementKey(def as never, el);
    const o = mine.find((x) => x.element === key && !x.create);
    return o
      ? parseElement(def, { ...el, ...o.options, [list.key]: key }, `${def.name}[${key}]`)
      : el;
  });
  for (const o of mine.filter((x) => x.create)) {
    if (out.some((el) => elementKey(def as never, el) === o.element)) continue;
    out.push(
      parseElement(def, { ...o.options, [list.key]: o.element }, `${def.name}[${o.element}]`),
    );
  }
  return out;
}

export interface OverrideRequest {
  set?: Record<string, unknown>;
  delete?: string[];
  add?: Record<string, unknown>;
  remove?: string[];
}

/** Validate the body of a POST to /config/<section>[/<element>]. */
export function parseOverrideRequest(body: unknown): OverrideRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OverrideError(
      'failed to decode JSON body: expected an object with "set", "delete", "add" or "remove"',
    );
  }
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!['set', 'delete', 'add', 'remove'].includes(key)) {
      throw new OverrideError(
        `failed to decode JSON body: unknown field "${key}" (expected set, delete, add or remove)`,
      );
    }
  }
  const isMap = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const isList = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (b.set !== undefined && !isMap(b.set))
    throw new OverrideError('failed to decode JSON body: "set" must be an object');
  if (b.add !== undefined && !isMap(b.add))
    throw new OverrideError('failed to decode JSON body: "add" must be an object');
  if (b.delete !== undefined && !isList(b.delete))
    throw new OverrideError('failed to decode JSON body: "delete" must be a list of option names');
  if (b.remove !== undefined && !isList(b.remove))
    throw new OverrideError('failed to decode JSON body: "remove" must be a list of element keys');
  const req = b as OverrideRequest;
  if ((req.set || req.delete) && (req.add || req.remove)) {
    throw new OverrideError('cannot combine set/delete with add/remove in one request');
  }
  if (!req.set && !req.delete && !req.add && !req.remove)
    throw new OverrideError('nothing to do: give "set", "delete", "add" or "remove"');
  return req;
}

function checkKeys(def: SectionDef, keys: string[]): void {
  const known = Object.keys(def.schema.shape);
  for (const k of keys) {
    if (!known.includes(k))
      throw new OverrideError(
        `unknown option "${k}" in section "${def.name}" (valid options: ${known.join(', ')})`,
      );
  }
}

/**
 * The override records after one request. `element` is '' for non-list sections and
 * undefined when the request was posted to the section path (add/remove).
 */
export function nextOverrides(
  def: SectionDef,
  element: string | undefined,
  req: OverrideRequest,
  fileValue: Element | Element[],
  current: ConfigOverrideRecord[],
): { put: ConfigOverrideRecord[]; remove: Array<{ section: string; element: string }> } {
  const mine = current.filter((o) => o.section === def.name);
  if (req.set || req.delete) {
    if (element === undefined)
      throw new OverrideError("element not specified, are you missing a trailing '/'?");
    if (!def.list && element !== '')
      throw new OverrideError(`unknown section/element: ${def.name}/${element}`, 404);
    checkKeys(def, [...Object.keys(req.set ?? {}), ...(req.delete ?? [])]);
    if (def.list && req.set && def.list.key in req.set && req.set[def.list.key] !== element) {
      throw new OverrideError(`cannot change the element key "${def.list.key}" with set`);
    }
    const existing = mine.find((o) => o.element === element);
    if (
      def.list &&
      !existing &&
      !(fileValue as Element[]).some((el) => elementKey(def as never, el) === element)
    ) {
      throw new OverrideError(`unknown section/element: ${def.name}/${element}`, 404);
    }
    const options = { ...(existing?.options ?? {}), ...(req.set ?? {}) };
    for (const k of req.delete ?? []) delete options[k];
    return {
      put: [{ section: def.name, element, create: existing?.create ?? false, options, delete: [] }],
      remove: [],
    };
  }
  if (element !== undefined && element !== '')
    throw new OverrideError(
      'add and remove must be posted to the section path, without an element',
    );
  if (!def.list)
    throw new OverrideError(
      `section "${def.name}" is not a list, cannot ${req.add ? 'add new' : 'remove'} element`,
    );
  const key = def.list.key;
  if (req.add) {
    const name = req.add[key];
    if (typeof name !== 'string' || name === '')
      throw new OverrideError(`missing key "${key}" in "add" map`);
    const shape = idShapeProblem(name);
    if (shape !== undefined) throw new OverrideError(`invalid "${key}" in "add" map: ${shape}`);
    if (!configNamePattern.test(name)) {
      throw new OverrideError(
        `invalid "${key}" in "add" map: ${JSON.stringify(name)} must contain only letters, numbers, '_', '-' and '+'`,
      );
    }
    checkKeys(def, Object.keys(req.add));
    const exists =
      mine.some((o) => o.element === name && o.create) ||
      (fileValue as Element[]).some((el) => elementKey(def as never, el) === name);
    if (exists)
      throw new OverrideError(
        `cannot add element "${name}" to section "${def.name}": it already exists`,
      );
    const { [key]: _omit, ...options } = req.add;
    return {
      put: [{ section: def.name, element: name, create: true, options, delete: [] }],
      remove: [],
    };
  }
  const remove: Array<{ section: string; element: string }> = [];
  for (const name of req.remove ?? []) {
    if (!mine.some((o) => o.element === name && o.create)) {
      throw new OverrideError(
        `cannot remove element "${name}" from section "${def.name}": only elements added through the API can be removed`,
      );
    }
    remove.push({ section: def.name, element: name });
  }
  return { put: [], remove };
}

/** One element as the config API shows it: API names, sorted, secrets as booleans. */
export function apiElement(
  def: SectionDef,
  value: Element,
): { options: Record<string, unknown>; redacted: string[] | null } {
  const shape = def.schema.shape as Record<string, z.ZodType>;
  const options: Record<string, unknown> = {};
  const redacted: string[] = [];
  for (const key of Object.keys(shape).sort()) {
    const field = shape[key]!;
    const shown = apiValue(field, value[key]);
    options[key] = shown === undefined ? null : shown;
    if (infoOf(field)?.secret) redacted.push(key);
  }
  return { options, redacted: redacted.length > 0 ? redacted : null };
}

export { ConfigError };
