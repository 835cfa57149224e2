// Parse errors carry Kapacitor's exact message (`parser: ...`) and, when known, where they happened.

export class TickParseError extends Error {
  /** 1-based line and byte column of the offending token; undefined for literal conversion errors. */
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = 'TickParseError';
    this.line = position?.line;
    this.column = position?.column;
  }
}
