// What the esbuild builds (the host, bin/host-bundle.js; the console, src/console/build.ts;
// the scaffolder, generators/bundle.js) share. Plain JavaScript: it runs before anything is
// compiled; build-support.d.ts gives TypeScript its types.

import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';

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

/**
 * Compile and run a classic script (a CommonJS build) with V8's code cache kept in
 * `cacheFile`. The script sees `parameters` (name → value, as CommonJS gives a module its
 * `exports`, `require`, `module`, ...) and runs with `parameters.module.exports` as `this`.
 * `saveCodeCache()` keeps what the run compiled for the next start, when there was no usable
 * cache; V8 itself rejects a cache of another version or other flags. Name the script by its
 * content's hash, so that a cache never meets another script.
 */
export function runCachedScript(file, cacheFile, parameters) {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // An ASCII file reads as one-byte text, without decoding UTF-8 (megabytes of code).
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(`(function (${Object.keys(parameters).join(', ')}) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  script.runInThisContext().apply(parameters.module.exports, Object.values(parameters));
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  return {
    saveCodeCache() {
      if (usable) return;
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // a read-only checkout still runs, only without the cache
      }
    },
  };
}
