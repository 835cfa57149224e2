// The host's log, with a level that can change while it runs (`condenser level`) and live
// sessions that follow it (`condenser logs`, `condenser watch`, GET /kapacitor/v1/logs).
// The hub wraps the real logger: a record at or above the level goes to it; a record any
// session asks for is also rendered once as a JSON line, `{"ts","lvl","msg",...fields}`, as
// Kapacitor's /logs endpoint streams them. A call below every level costs one comparison.

import type { LogFn, Logger } from './logger.js';

export const logLevelNames = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof logLevelNames)[number];

const rank: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function parseLogLevel(name: string): LogLevelName | undefined {
  const lower = name.toLowerCase();
  return (logLevelNames as readonly string[]).includes(lower) ? (lower as LogLevelName) : undefined;
}

/** What a session wants: a level (exact, or with `orAbove` that level and higher) and fields. */
export interface LogFilter {
  level: LogLevelName;
  orAbove: boolean;
  /** every key must be present with this value (as a string) */
  match: Readonly<Record<string, string>>;
}

interface Session {
  filter: LogFilter;
  send(line: string): void;
}

export class LogHub {
  private levelRank: number;
  private readonly sessions = new Set<Session>();
  /** the lowest level any session wants (Infinity when none) */
  private sessionRank = Infinity;
  readonly logger: Logger;

  constructor(
    base: Logger,
    level: LogLevelName,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.levelRank = rank[level];
    this.logger = this.wrap(base, {});
  }

  get level(): LogLevelName {
    return logLevelNames[this.levelRank]!;
  }

  setLevel(level: LogLevelName): void {
    this.levelRank = rank[level];
  }

  /** Follow the log; returns the function that ends the session. */
  subscribe(filter: LogFilter, send: (line: string) => void): () => void {
    const session: Session = { filter, send };
    this.sessions.add(session);
    this.recomputeSessionRank();
    return () => {
      this.sessions.delete(session);
      this.recomputeSessionRank();
    };
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private recomputeSessionRank(): void {
    let min = Infinity;
    for (const s of this.sessions) min = Math.min(min, rank[s.filter.level]);
    this.sessionRank = min;
  }

  private wrap(base: Logger, bindings: Record<string, unknown>): Logger {
    const fn = (level: LogLevelName): LogFn =>
      ((a: Record<string, unknown> | string, b?: string) => {
        const r = rank[level];
        if (r >= this.levelRank) {
          if (typeof a === 'string') base[level](a);
          else base[level](a, b);
        }
        if (r >= this.sessionRank) this.publish(level, bindings, a, b);
      }) as LogFn;
    return {
      debug: fn('debug'),
      info: fn('info'),
      warn: fn('warn'),
      error: fn('error'),
      child: (more) => this.wrap(base.child(more), { ...bindings, ...more }),
    };
  }

  private publish(
    level: LogLevelName,
    bindings: Record<string, unknown>,
    a: Record<string, unknown> | string,
    b: string | undefined,
  ): void {
    const fields = typeof a === 'string' ? bindings : { ...bindings, ...a };
    const msg = typeof a === 'string' ? a : (b ?? '');
    let line: string | undefined;
    for (const s of this.sessions) {
      if (!matches(s.filter, level, fields)) continue;
      line ??= JSON.stringify({ ts: this.now().toISOString(), lvl: level, msg, ...plain(fields) });
      s.send(line);
    }
  }
}

function matches(filter: LogFilter, level: LogLevelName, fields: Record<string, unknown>): boolean {
  const r = rank[level];
  const want = rank[filter.level];
  if (filter.orAbove ? r < want : r !== want) return false;
  for (const [k, v] of Object.entries(filter.match)) {
    const got = fields[k];
    if (got === undefined || String(got) !== v) return false;
  }
  return true;
}

/** Fields as JSON can carry them (bigint times as strings, errors as their message). */
function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'ts' || k === 'lvl' || k === 'msg') continue;
    out[k] = typeof v === 'bigint' ? v.toString() : v instanceof Error ? v.message : v;
  }
  return out;
}
