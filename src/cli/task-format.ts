// How cmd/kapacitor prints tasks: the `list tasks` table and the `show` report. Values are
// printed as Go's fmt prints the client's types (DBRP as `"db"."rp"`, bools, %v floats).

import { formatGoDuration } from '../common/duration.js';
import { parseInfluxDuration } from '../tick/influxql-duration.js';
import { formatRFC3339AsRFC822, renderTable } from './table.js';
import type { DBRP, ListedTask, Task, TaskVar } from './task-api.js';

/**
 * `%-{n}s%-10v%-10v%-10v%s`, the ID column as wide as the longest ID plus one; then, for each
 * enabled task that is not executing, why (Kapacitor shows that only in `show`).
 */
export function renderTaskList(tasks: ListedTask[]): string {
  const stopped = tasks.filter((t) => t.status === 'enabled' && !t.executing && t.error !== '');
  const why = stopped.map((t) => `${t.id} is not executing: ${t.error}\n`).join('');
  return renderTaskTable(tasks) + (why === '' ? '' : `\n${why}`);
}

function renderTaskTable(tasks: ListedTask[]): string {
  return renderTable(
    [
      { header: 'ID', min: 2 },
      { header: 'Type', width: 10 },
      { header: 'Status', width: 10 },
      { header: 'Executing', width: 10 },
      { header: 'Databases and Retention Policies' },
    ],
    tasks.map((t) => [t.id, t.type, t.status, String(t.executing), formatDBRPs(t.dbrps)]),
  );
}

/** `kapacitor show`: Go's fmt.Println lines, so an empty value still has its space (`Error: `). */
export function renderTask(t: Task): string {
  const lines = [
    `ID: ${t.id}`,
    `Error: ${t.error}`,
    `Template: ${t['template-id']}`,
    `Type: ${t.type}`,
    `Status: ${t.status}`,
    `Executing: ${t.executing}`,
    `Created: ${formatRFC3339AsRFC822(t.created)}`,
    `Modified: ${formatRFC3339AsRFC822(t.modified)}`,
    `LastEnabled: ${formatRFC3339AsRFC822(t['last-enabled'])}`,
    `Databases Retention Policies: ${formatDBRPs(t.dbrps)}`,
  ];
  let out = lines.join('\n') + `\nTICKscript:\n${t.script}\n`;
  const vars = Object.entries(t.vars ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (vars.length > 0) {
    out +=
      'Vars:\n' +
      renderTable(
        [
          { header: 'Name', width: 30 },
          { header: 'Type', width: 10 },
          { header: 'Value', width: 40 },
        ],
        vars.map(([name, v]) => [name, v.type, formatVarValue(v)]),
      );
  }
  return out + `DOT:\n${t.dot}\n`;
}

/** Go's `%s` of a []DBRP: `["db"."rp" "db2"."rp2"]`. */
export function formatDBRPs(dbrps: DBRP[]): string {
  return `[${dbrps.map((d) => `${goQuote(d.db)}.${goQuote(d.rp)}`).join(' ')}]`;
}

/** A var's value as `kapacitor show` prints the decoded client.Var. */
export function formatVarValue(v: TaskVar): string {
  const value = v.value;
  switch (v.type) {
    case 'star':
      return '*';
    case 'float':
      return typeof value === 'number' ? formatGoFloat(value) : String(value);
    case 'duration':
      return formatDuration(value);
    case 'list':
      return Array.isArray(value) ? formatList(value) : String(value);
  }
  return value === undefined || value === null ? '' : String(value);
}

/** Durations come as nanoseconds or as an InfluxQL literal (`"1m"`); Go prints `1m0s`. */
function formatDuration(value: unknown): string {
  if (typeof value === 'number') return formatGoDuration(value);
  if (typeof value !== 'string') return String(value);
  try {
    return formatGoDuration(parseInfluxDuration(value));
  } catch {
    return value;
  }
}

/** Lists hold strings and stars: `[a, *, b]`. */
function formatList(items: unknown[]): string {
  const item = (i: unknown): string => {
    if (typeof i !== 'object' || i === null) return String(i);
    const { type, value } = i as { type?: unknown; value?: unknown };
    return type === 'star' ? '*' : String(value);
  };
  return `[${items.map(item).join(', ')}]`;
}

/** Go's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e+06. */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '', exponent = '0'] = f.toExponential().split('e');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(f);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Go's strconv.Quote (`%q`) for the characters IDs and names can hold. */
export function goQuote(s: string): string {
  const escapes: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\v': '\\v',
  };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (escapes[ch] !== undefined) out += escapes[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}
