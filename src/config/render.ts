// The effective config as TOML (`condenser config`): every section, defaults included,
// durations in Go form and secrets replaced, so the output can be shared safely.

import { stringify } from 'smol-toml';
import type { z } from 'zod';
import { formatGoDuration } from '../common/duration.js';
import { infoOf, isSet } from './fields.js';
import { REDACTED, redactValue } from './redact.js';
import type { SectionDef } from './section.js';

export const redactedText = REDACTED;

function renderElement(def: SectionDef, value: Record<string, unknown>): Record<string, unknown> {
  const shape = def.schema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const v = value[key];
    const info = infoOf(field);
    if (info?.secret) {
      if (isSet(v)) out[key] = redactedText;
      else if (typeof v === 'string') out[key] = '';
    } else if (info?.kind === 'duration' && typeof v === 'number') out[key] = formatGoDuration(v);
    else if (v !== undefined) out[key] = redactValue(info, v);
  }
  return out;
}

export function configToToml(
  sections: Record<string, SectionDef>,
  config: Record<string, unknown>,
): string {
  const doc: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(sections)) {
    const value = config[name];
    doc[name] = def.list
      ? (value as Array<Record<string, unknown>>).map((el) => renderElement(def, el))
      : renderElement(def, value as Record<string, unknown>);
  }
  // [auth] holds only hashes, but they are still credentials: never print them.
  const auth = doc.auth as
    { users?: Array<Record<string, unknown>>; tokens?: Array<Record<string, unknown>> } | undefined;
  for (const u of auth?.users ?? []) u.password = redactedText;
  for (const t of auth?.tokens ?? []) t.hash = redactedText;
  return stringify(doc) + '\n';
}
