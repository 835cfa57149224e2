// Errors that carry a machine-readable code, the HTTP status they map to and, where it
// applies, the location of the bad input (a config key path, a line:column, a flag).

export class CondenserError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CondenserError';
    this.code = code;
    this.status = status;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
