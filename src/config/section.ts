// A config section: one TOML table (`[smtp]`) or a list of tables keyed by an element key
// (`[[httppost]]` keyed by `endpoint`). The same definition drives TOML loading, environment
// overrides, the config API (with redaction), live updates and the generated docs.

import type { z } from 'zod';
import { CondenserError } from '../common/errors.js';
import { infoOf } from './fields.js';

export type ElementSchema = z.ZodObject;

/** A problem found by a section's own validation: which key, and what is wrong. */
export interface FieldProblem {
  key: string;
  message: string;
}

interface SectionBase<S extends ElementSchema> {
  name: string;
  description: string;
  /** One element; a strict object whose fields have defaults. */
  schema: S;
  /** Cross-field checks after type validation (e.g. `url` required when `enabled`). */
  validate?: (element: z.output<S>) => FieldProblem | undefined;
  /** Exposed through /kapacitor/v1/config (handler sections are; [http], [storage] are not). */
  overridable: boolean;
}

export interface SingleSection<S extends ElementSchema = ElementSchema> extends SectionBase<S> {
  list?: undefined;
}

export interface ListSection<S extends ElementSchema = ElementSchema> extends SectionBase<S> {
  list: {
    /** The element key (`endpoint`, `workspace`, ...). */
    key: string;
    /** The elements used when the file has none (Kapacitor starts lists with one NewConfig()). */
    defaults: Array<z.input<S>>;
    /**
     * The boolean field that marks the default element (slack's `default`). With it, a lone
     * element is the default and may leave its key empty; several need keys and one default.
     */
    defaultFlag?: string;
  };
}

export type SectionDef<S extends ElementSchema = ElementSchema> = SingleSection<S> | ListSection<S>;

export type SectionValue<D> =
  D extends ListSection<infer S>
    ? Array<z.output<S>>
    : D extends SingleSection<infer S>
      ? z.output<S>
      : never;

export function defineSection<S extends ElementSchema>(def: {
  name: string;
  description: string;
  schema: S;
  validate?: (element: z.output<S>) => FieldProblem | undefined;
  overridable?: boolean;
}): SingleSection<S> {
  return { ...def, overridable: def.overridable ?? true };
}

export function defineListSection<S extends ElementSchema>(def: {
  name: string;
  description: string;
  schema: S;
  key: string;
  defaults: Array<z.input<S>>;
  defaultFlag?: string;
  validate?: (element: z.output<S>) => FieldProblem | undefined;
  overridable?: boolean;
}): ListSection<S> {
  const { key, defaults, defaultFlag, ...rest } = def;
  return {
    ...rest,
    list: { key, defaults, ...(defaultFlag !== undefined ? { defaultFlag } : {}) },
    overridable: def.overridable ?? true,
  };
}

/** A bad config value, located by its key path (`httppost[0].url`, `http.bind-address`). */
export class ConfigError extends CondenserError {
  constructor(
    readonly keyPath: string,
    readonly problem: string,
    readonly source?: string,
  ) {
    super(
      'config_invalid',
      `${source ? `${source}: ` : ''}${keyPath ? `${keyPath}: ` : ''}${problem}`,
      400,
    );
    this.name = 'ConfigError';
  }
}

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a table';
  if (typeof v === 'bigint') return `integer ${v}`;
  return `${typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'float') : typeof v} ${JSON.stringify(v)}`;
}

const typeWords: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean (true or false)',
  number: 'a number',
  int: 'an integer',
  array: 'a list',
  object: 'a table',
  record: 'a table',
};

/** Turn zod's first issue into a located, human error. */
export function zodProblem(error: z.ZodError, input: unknown): { path: string; message: string } {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  const got = path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    input,
  );
  let message: string;
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: [...path, issue.keys[0]!].join('.'),
        message: 'unknown key',
      };
    case 'invalid_type':
      message = `expected ${typeWords[issue.expected] ?? issue.expected}, got ${describeValue(got)}`;
      break;
    case 'invalid_union':
      message = `invalid value ${describeValue(got)}`;
      break;
    default:
      message = issue.message;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int')
    message = `expected an integer, got ${describeValue(got)}`;
  return { path: path.join('.'), message };
}

function joinPath(base: string, rest: string): string {
  if (!rest) return base;
  return rest.startsWith('[') ? base + rest : `${base}.${rest}`;
}

/** Validate one element, applying defaults; throws ConfigError located under `path`. */
export function parseElement<S extends ElementSchema>(
  def: SectionDef<S>,
  raw: unknown,
  path: string,
  source?: string,
): z.output<S> {
  const input = raw ?? {};
  const result = def.schema.safeParse(input);
  if (!result.success) {
    const p = zodProblem(result.error, input);
    const top = def.schema.shape[p.path.split(/[.[]/)[0]!] as z.ZodType | undefined;
    // Never echo a secret back, not even a mistyped one.
    const message = top && infoOf(top)?.secret ? p.message.replace(/, got .*$/, '') : p.message;
    throw new ConfigError(joinPath(path, p.path), message, source);
  }
  const problem = def.validate?.(result.data);
  if (problem) throw new ConfigError(joinPath(path, problem.key), problem.message, source);
  return result.data;
}

/** Validate a whole section value (a table, or for list sections a list of tables). */
export function parseSection<S extends ElementSchema>(
  def: SectionDef<S>,
  raw: unknown,
  source?: string,
): z.output<S> | Array<z.output<S>> {
  if (!def.list) {
    if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
      throw new ConfigError(
        def.name,
        `expected a table [${def.name}], got ${describeValue(raw)}`,
        source,
      );
    }
    return parseElement(def, raw, def.name, source);
  }
  let items: unknown[];
  if (raw === undefined) items = def.list.defaults;
  else if (Array.isArray(raw)) items = raw;
  else if (raw !== null && typeof raw === 'object') items = [raw];
  else
    throw new ConfigError(
      def.name,
      `expected tables [[${def.name}]], got ${describeValue(raw)}`,
      source,
    );
  const seen = new Set<string>();
  const { key: keyName, defaultFlag } = def.list;
  const elements = items.map((item, i) => {
    const el = parseElement(def, item, `${def.name}[${i}]`, source);
    const key = String((el as Record<string, unknown>)[keyName] ?? '');
    // With a default flag, the default element (or a lone one) may go without a key, as
    // Kapacitor's slack and discord allow: handlers reach it by naming none.
    const isDefault =
      defaultFlag !== undefined &&
      (items.length === 1 || (el as Record<string, unknown>)[defaultFlag] === true);
    if (key === '' && !isDefault)
      throw new ConfigError(`${def.name}[${i}].${keyName}`, 'must not be empty', source);
    if (seen.has(key)) {
      throw new ConfigError(
        `${def.name}[${i}].${keyName}`,
        `duplicate ${keyName} "${key}"`,
        source,
      );
    }
    seen.add(key);
    return el;
  });
  if (defaultFlag !== undefined && elements.length > 1) {
    const defaults = elements.filter((el) => (el as Record<string, unknown>)[defaultFlag] === true);
    if (defaults.length !== 1) {
      throw new ConfigError(
        def.name,
        `exactly one [[${def.name}]] element must have ${defaultFlag} = true (found ${defaults.length})`,
        source,
      );
    }
  }
  return elements;
}

/** The element a handler gets when it names none: the one marked default, or the first. */
export function defaultElement<T>(def: ListSection, elements: readonly T[]): T | undefined {
  const flag = def.list.defaultFlag;
  if (flag === undefined || elements.length <= 1) return elements[0];
  return elements.find((el) => (el as Record<string, unknown>)[flag] === true) ?? elements[0];
}

export function sectionDefaults<S extends ElementSchema>(
  def: SectionDef<S>,
): z.output<S> | Array<z.output<S>> {
  return parseSection(def, undefined);
}

/** The element key of a list element. */
export function elementKey(def: ListSection, element: Record<string, unknown>): string {
  return String(element[def.list.key] ?? '');
}
