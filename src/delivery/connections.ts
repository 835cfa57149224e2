// One connection per configured peer, kept across config changes that do not touch it. A
// service holds its brokers / clusters / mail server in a ConnectionSet and hands it every
// new config: peers whose settings are unchanged keep their connection (nothing in flight is
// lost, no reconnect), changed or removed ones are closed, new ones open on first use.

export interface Closable {
  close(): Promise<void>;
}

interface Entry<S, C> {
  settingsKey: string;
  settings: S;
  connection: C | undefined;
}

/** JSON with object keys sorted, so equal settings give equal keys whatever their key order. */
export function settingsKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export class ConnectionSet<S, C extends Closable> {
  private entries = new Map<string, Entry<S, C>>();

  /** `open(name, settings)` makes the connection; it must not block (connect in the background). */
  constructor(private readonly open: (name: string, settings: S) => C) {}

  /** The connection of `name`, made on first use; undefined when `name` is not configured. */
  get(name: string): C | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    entry.connection ??= this.open(name, entry.settings);
    return entry.connection;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Make the configured set `configs` (name → settings). Resolves once the connections of
   * removed or changed peers are closed. With `eager`, every peer connects now; when one
   * cannot (its `open` throws: settings it cannot use), the set stays as it was, the
   * connections this update opened are closed, and the error is thrown.
   */
  async update(
    configs: Iterable<readonly [string, S]>,
    options: { eager?: boolean } = {},
  ): Promise<void> {
    const previous = this.entries;
    const next = new Map<string, Entry<S, C>>();
    const closing: C[] = [];
    for (const [name, settings] of configs) {
      const key = settingsKey(settings);
      const old = this.entries.get(name);
      if (old !== undefined && old.settingsKey === key) {
        next.set(name, old);
      } else {
        if (old?.connection !== undefined) closing.push(old.connection);
        next.set(name, { settingsKey: key, settings, connection: undefined });
      }
    }
    for (const [name, old] of this.entries) {
      if (!next.has(name) && old.connection !== undefined) closing.push(old.connection);
    }
    this.entries = next;
    if (options.eager) {
      try {
        for (const name of next.keys()) this.get(name);
      } catch (err) {
        const kept = new Set(previous.values());
        const opened = [...next.values()].filter((e) => !kept.has(e) && e.connection);
        this.entries = previous;
        await Promise.all(opened.map((e) => e.connection!.close()));
        throw err;
      }
    }
    await Promise.all(closing.map((c) => c.close()));
  }

  /** Close every connection (shutdown); the set is empty afterwards. */
  async close(): Promise<void> {
    const all = [...this.entries.values()].flatMap((e) => (e.connection ? [e.connection] : []));
    this.entries = new Map();
    await Promise.all(all.map((c) => c.close()));
  }
}
