// Decoding handler options the way Kapacitor's mapstructure does, but stricter where it
// helps users: exact key first, then a case-insensitive match; unknown keys and wrong types
// are errors that name the key.

import type { z } from 'zod';
import { CondenserError } from '../common/errors.js';
import { infoOf } from '../config/fields.js';
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

export function decodeOptions<S extends z.ZodObject>(
  kind: string,
  schema: S,
  raw: unknown,
): z.output<S> {
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
  const result = schema.safeParse(input);
  if (!result.success) {
    const p = zodProblem(result.error, input);
    const field = schema.shape[p.path.split('.')[0]!] as z.ZodType | undefined;
    if (field && infoOf(field)?.kind === 'duration' && !p.path.includes('.')) {
      // Kapacitor decodes option durations as integer nanoseconds; say so, with an example.
      throw new OptionsError(
        kind,
        p.path,
        `expected an integer number of nanoseconds (10s = 10000000000), got ${describeValue(input[p.path])}`,
      );
    }
    throw new OptionsError(kind, p.path, p.message);
  }
  return result.data;
}
