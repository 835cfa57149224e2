// Lambda errors: compile errors are found once when a lambda is compiled (type errors between
// literals, unknown functions); evaluation errors happen per point (missing fields, type errors
// involving fields, failing functions). Messages are Kapacitor's.

export class LambdaCompileError extends Error {
  /**
   * Type errors are prefixed with where they happened (`Failed to handle left node: ...`) as
   * Kapacitor does; unknown names and functions are reported as they are.
   */
  readonly located: boolean;

  constructor(message: string, options: { located?: boolean } = {}) {
    super(message);
    this.name = 'LambdaCompileError';
    this.located = options.located ?? true;
  }
}

export class LambdaEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LambdaEvalError';
  }
}
