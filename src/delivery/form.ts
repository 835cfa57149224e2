// application/x-www-form-urlencoded as Go's url.Values.Encode writes it: keys sorted,
// QueryEscape (space → `+`), repeated keys for lists.

function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Values are stringified: lists repeat the key, maps and other objects are JSON. */
export function encodeForm(values: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const key of Object.keys(values).sort()) {
    const v = values[key];
    if (v === undefined) continue; // left out (Go's url.Values without the key)
    const list = Array.isArray(v) ? v : [v];
    for (const item of list) {
      const text =
        typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item ?? '');
      parts.push(`${queryEscape(key)}=${queryEscape(text)}`);
    }
  }
  return parts.join('&');
}
