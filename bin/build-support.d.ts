/** esbuild's errors located by `file:line:column: message`, one per line. */
export function describeBuildError(err: unknown): string;
/** Write through a temporary name, so a reader never sees half a file. */
export function writeAtomic(path: string, data: string | Uint8Array): void;
/** Run a classic script with V8's code cache (see build-support.js). */
export function runCachedScript(
  file: string,
  cacheFile: string,
  parameters: { module: { exports: unknown } } & Record<string, unknown>,
): { saveCodeCache(): void };
