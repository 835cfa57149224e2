// Types of format-worker.js (plain JavaScript: the launcher starts the worker before anything
// is compiled).

export interface PrettierJob {
  /** Absolute path: prettier picks the parser and the configuration by it. */
  file: string;
  text: string;
  crlf: boolean;
  ignorePath: string;
}

/** The formatted text, or `ignored` when .prettierignore covers the file. */
export type PrettierAnswer = { text: string } | { ignored: true };

export interface FormatWorker {
  format(job: PrettierJob): Promise<PrettierAnswer>;
  /**
   * Resolve now, while the worker has nothing else to do, what prettier needs to know of
   * these files before it formats them (ignored or not, their configuration).
   */
  prepare(files: string[], ignorePath: string): void;
  /**
   * The names a TypeScript module exports at top level, from prettier's parser (see
   * exported-names.cjs); rejects when the text does not parse.
   */
  exportedNames(text: string): Promise<string[]>;
  /**
   * The string given as `key` to the first `callee({ ... })` call of a TypeScript module, or
   * null (see exported-names.cjs); rejects when the text does not parse.
   */
  definedString(text: string, callee: string, key: string): Promise<string | null>;
  /** Stop the worker; jobs still waiting fail. */
  close(): Promise<void>;
}

/** Start the worker for the repository at `root` (prettier is resolved from there). */
export declare function startFormatWorker(root: string): FormatWorker;
