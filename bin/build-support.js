// What the two esbuild builds (the host bundle, bin/host-bundle.js, and the console,
// src/console/build.ts) share. Plain JavaScript: the host bundle runs before anything is
// compiled; build-support.d.ts gives TypeScript its types.

import { renameSync, writeFileSync } from 'node:fs';

/** esbuild's errors located by `file:line:column: message`, one per line. */
export function describeBuildError(err) {
  if (Array.isArray(err?.errors) && err.errors.length > 0) {
    return err.errors
      .map((e) =>
        e.location
          ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}`
          : e.text,
      )
      .join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}

/** Write through a temporary name, so a reader (another process starting) never sees half a file. */
export function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
