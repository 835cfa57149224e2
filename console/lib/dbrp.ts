// A task's databases as one line of text: `telegraf.autogen, "my.db"."rp"`.

import type { DBRP } from '../../src/api/kapacitor.js';

export function dbrpText(dbrps: DBRP[]): string {
  const part = (s: string) => (s.includes('.') ? `"${s}"` : s);
  return dbrps.map((d) => `${part(d.db)}.${part(d.rp)}`).join(', ');
}

/** `telegraf.autogen, "my.db"."rp"` → [{db, rp}]; an error names the bad entry. */
export function parseDBRPs(
  text: string,
): { ok: true; dbrps: DBRP[] } | { ok: false; error: string } {
  const dbrps: DBRP[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const s = raw.trim();
    if (s === '') continue;
    const m = /^(?:"([^"]+)"|([^".]+))\.(?:"([^"]+)"|([^".]+))$/.exec(s);
    if (!m)
      return {
        ok: false,
        error: `"${s}" is not database.retention-policy (e.g. telegraf.autogen)`,
      };
    dbrps.push({ db: m[1] ?? m[2]!, rp: m[3] ?? m[4]! });
  }
  return { ok: true, dbrps };
}
