// An event's data as handlers get it (`{"series": [...]}`): one small table per series, its
// name and tags above; anything of another shape as JSON.

interface Series {
  name?: string;
  tags?: Record<string, string>;
  columns?: string[];
  values?: unknown[][];
}

function isSeriesList(v: unknown): v is { series: Series[] | null } {
  if (typeof v !== 'object' || v === null || !('series' in v)) return false;
  const s = (v as { series: unknown }).series;
  return s === null || (Array.isArray(s) && s.every((x) => typeof x === 'object' && x !== null));
}

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function EventData({ data }: { data: unknown }) {
  if (!isSeriesList(data)) return <pre>{JSON.stringify(data, null, 2)}</pre>;
  if (!data.series || data.series.length === 0) return <p class="muted">No series.</p>;
  return (
    <div class="series">
      {data.series.map((s, i) => {
        const tags = Object.entries(s.tags ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const columns = s.columns ?? [];
        return (
          <div key={i}>
            <h4>{[s.name ?? '', tags].filter(Boolean).join(' ') || `series ${i + 1}`}</h4>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(s.values ?? []).map((row, r) => (
                    <tr key={r}>
                      {columns.map((c, j) => (
                        <td key={c}>{cell(row[j])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </div>
  );
}
