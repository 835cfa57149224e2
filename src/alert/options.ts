// Decoding handler options the way Kapacitor's mapstructure does, but stricter where it
// helps users: exact key first, then a case-insensitive match; unknown keys and wrong types
// are errors that name the key.

import type { z } from 'zod';
import { CondenserError } from '../common/errors.js';
import { fieldLookup, infoOf } from '../config/fields.js';
import { redactObject, RedactedValueError, restoreRedacted } from '../config/redact.js';
import { describeValue, zodProblem } from '../config/section.js';

export class OptionsError extends CondenserError {
  constructor(
    readonly kind: string,
    readonly key: string,
    problem: string,
  ) {
    super(
      'handler_options_invalid',
      `invalid options for kind "${kind}": ${key ? `option "${key}": ` : ''}${problem}`,
      400,
    );
    this.name = 'OptionsError';
  }
}

/** The options with their API names (exact, then case-insensitive); unknown keys refused. */
export function canonicalOptions(
  kind: string,
  schema: z.ZodObject,
  raw: unknown,
): Record<string, unknown> {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new OptionsError(kind, '', `options must be a JSON object, got ${describeValue(raw)}`);
  }
  const known = Object.keys(schema.shape);
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = known.includes(key) ? key : byLower.get(key.toLowerCase());
    if (name === undefined) {
      throw new OptionsError(
        kind,
        key,
        `unknown option (valid options: ${known.join(', ') || 'none'})`,
      );
    }
    input[name] = value;
  }
  return input;
}

/** Options as a client may see them: secrets and the secret parts of URLs and headers redacted. */
export function redactOptions(schema: z.ZodObject, raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const known = new Map(Object.keys(schema.shape).map((k) => [k.toLowerCase(), k]));
  const lookup = fieldLookup(schema);
  return redactObject(
    (key) => lookup(Object.hasOwn(schema.shape, key) ? key : (known.get(key.toLowerCase()) ?? key)),
    raw as Record<string, unknown>,
  );
}

/**
 * New options from a client, where redacted values sent back unchanged take the stored
 * secret (`stored` = the options they replace, of the same kind; undefined for a new handler).
 * Returns the options to store; throws OptionsError naming the option.
 */
export function restoreOptions(
  kind: string,
  schema: z.ZodObject,
  raw: unknown,
  stored: unknown,
): Record<string, unknown> {
  const incoming = canonicalOptions(kind, schema, raw);
  let old: Record<string, unknown> | undefined;
  try {
    old =
      stored === undefined || stored === null ? undefined : canonicalOptions(kind, schema, stored);
  } catch {
    old = undefined; // stored options of an older schema: nothing to restore from
  }
  try {
    return restoreRedacted(fieldLookup(schema), incoming, old);
  } catch (err) {
    if (err instanceof RedactedValueError) throw new OptionsError(kind, err.key, err.message);
    throw err;
  }
}

export function decodeHandlerOptions<S extends z.ZodObject>(
  kind: string,
  schema: S,
  raw: unknown,
): z.output<S> {
  const input = canonicalOptions(kind, schema, raw);
  const result = schema.safeParse(input);
  if (!result.success) {
    const p = zodProblem(result.error, input);
    const field = schema.shape[p.path.split('.')[0]!] as z.ZodType | undefined;
    const info = field ? infoOf(field) : undefined;
    const issue = result.error.issues[0]!;
    if (info?.kind === 'duration' && !p.path.includes('.') && issue.code === 'invalid_type') {
      // Kapacitor decodes option durations as integer nanoseconds; say so, with an example.
      throw new OptionsError(
        kind,
        p.path,
        `expected an integer number of nanoseconds (10s = 10000000000), got ${describeValue(input[p.path])}`,
      );
    }
    // Never echo a secret back, not even a mistyped one.
    throw new OptionsError(
      kind,
      p.path,
      info?.secret ? p.message.replace(/, got .*$/, '') : p.message,
    );
  }
  return result.data;
}
