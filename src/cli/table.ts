// Kapacitor's CLI tables: Go `fmt` columns (`%-Ns`, `%Nv`) whose widths come from the
// longest cell plus one space, with a minimum per column. Trailing spaces are trimmed.

export interface Column {
  header: string;
  /** Minimum cell width before the separating space (default: the header's length). */
  min?: number;
  /** Fixed width including the separating space; cells never widen it (Kapacitor's `%-9s`). */
  width?: number;
  /** Right-aligned, as Go's `%10v`: `width` is required and no space is added. */
  right?: boolean;
}

export function renderTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((col, i) => {
    if (col.width !== undefined) return col.width;
    const longest = Math.max(col.min ?? col.header.length, ...rows.map((r) => (r[i] ?? '').length));
    return longest + 1;
  });
  const line = (cells: string[]) =>
    columns
      .map((col, i) => {
        const cell = cells[i] ?? '';
        const w = widths[i] ?? 0;
        return col.right ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('')
      .trimEnd() + '\n';
  return line(columns.map((c) => c.header)) + rows.map(line).join('');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's time.RFC822 layout, `02 Jan 06 15:04 MST`, in the local zone (or `timeZone`, for
 * tests). The zone is Intl's short name, which is an offset such as `GMT+2` where the
 * platform has no abbreviation.
 */
export function formatRFC822(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: '2-digit',
    month: 'numeric',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const month = months[Number(part('month')) - 1] ?? '';
  return `${part('day')} ${month} ${part('year')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/**
 * An RFC3339 timestamp from the API as Go prints the parsed time.Time with time.RFC822: in
 * the timestamp's own zone, `UTC` for `Z`, else the offset (`+0200`). Anything else as is.
 */
export function formatRFC3339AsRFC822(timestamp: string): string {
  const m =
    /^\d{2}(\d{2})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(
      timestamp,
    );
  if (!m) return timestamp;
  const [, year = '', month = '', day = '', hour = '', minute = '', zone = ''] = m;
  const zoneName = zone === 'Z' ? 'UTC' : zone.replace(':', '');
  return `${day} ${months[Number(month) - 1] ?? month} ${year} ${hour}:${minute} ${zoneName}`;
}
