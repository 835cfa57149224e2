// The logging surface the host's modules depend on. pino's Logger satisfies it; tests can
// pass `silentLogger` or a capturing logger.

export interface LogFn {
  (obj: Record<string, unknown>, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop: LogFn = () => {};

export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}

/** A logger that keeps every record in memory (for tests that assert on logs). */
export function memoryLogger(
  records: LogRecord[] = [],
  bindings: Record<string, unknown> = {},
): Logger & { records: LogRecord[] } {
  const make = (level: LogRecord['level']): LogFn =>
    ((a: Record<string, unknown> | string, b?: string) => {
      if (typeof a === 'string') records.push({ ...bindings, level, msg: a });
      else records.push({ ...bindings, ...a, level, msg: b ?? '' });
    }) as LogFn;
  return {
    records,
    debug: make('debug'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    child: (more) => memoryLogger(records, { ...bindings, ...more }),
  };
}
