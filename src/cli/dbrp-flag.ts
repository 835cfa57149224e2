// `-dbrp db.rp` as Kapacitor's CLI reads it: `db.rp`, `"db"."rp"` or a mix, the quotes optional.
// Unquoted, the database ends at the FIRST dot (cmd/kapacitor uses strings.IndexRune), so
// `telegraf.one.week` is database `telegraf`, retention policy `one.week`; quote the
// database to put a dot in it: `"my.db".autogen`. Inside quotes `\"` is a quote.

import { InvalidArgumentError } from 'commander';
import type { DBRP } from './task-api.js';

const form = 'it must be in the form "dbname"."rpname" where the quotes are optional';

export function parseDBRP(value: string): DBRP {
  if (value === '') throw new InvalidArgumentError('dbrp cannot be empty');
  let db: string;
  let rest: string;
  if (value.startsWith('"')) {
    const quoted = readQuoted(value);
    db = quoted.text;
    rest = value.slice(quoted.end);
  } else {
    const dot = value.indexOf('.');
    if (dot === -1) throw new InvalidArgumentError(`does not contain a '.', ${form}`);
    db = value.slice(0, dot);
    rest = value.slice(dot);
  }
  // Kapacitor crashes on `db.` and `"db"`; both are missing the retention policy.
  if (!rest.startsWith('.') || rest.length === 1) {
    throw new InvalidArgumentError(
      "dbrp must specify retention policy, do you have a missing or extra '.'?",
    );
  }
  rest = rest.slice(1);
  let rp = rest;
  if (rest.startsWith('"')) {
    const quoted = readQuoted(rest);
    if (quoted.end !== rest.length) {
      throw new InvalidArgumentError(`unexpected text after the retention policy, ${form}`);
    }
    rp = quoted.text;
  }
  if (db === '') throw new InvalidArgumentError(`dbrp must specify a database, ${form}`);
  return { db, rp };
}

/** Collects repeated `-dbrp` flags (commander's argParser with a previous value). */
export function collectDBRP(value: string, previous: DBRP[] = []): DBRP[] {
  return [...previous, parseDBRP(value)];
}

/** The text of a `"..."` at the start of s, and the index just past its closing quote. */
function readQuoted(s: string): { text: string; end: number } {
  let text = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '"') {
      text += '"';
      i++;
    } else if (c === '"') {
      return { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  throw new InvalidArgumentError(`unterminated quote, ${form}`);
}
