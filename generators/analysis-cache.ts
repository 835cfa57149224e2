// Results of the scaffolder's analyses of a text (the names a module exports, what a touch
// point holds, what a kind spec renders to), kept for the next run of the same build, so that
// `npm run wire -- --check` on unchanged files loads neither TypeScript nor prettier.
//
// A result is found by the build's identity (the bundle's hash: the scaffolder's code, the
// libraries in it, and the versions of those it loads; generators/bundle.js), the analysis's
// name and its whole input. A result is therefore what the same code computed from the same
// input. Run from the sources (tsx, tests) there is no build identity and nothing is cached.
// Only results are kept, never failures: a refused input is analysed again, and refused again.

import path from 'node:path';
import { CacheStore, sha256 } from './cache-store.js';
import { buildIdentity, repoRoot } from './root.js';

const store = new CacheStore(path.join(repoRoot, 'dist', 'scaffold', 'analysis-cache'));

/**
 * `compute()`, or what it returned before for the same analysis and input in this build.
 * The result must survive JSON (plain objects, arrays, strings, numbers, booleans).
 */
export function cachedAnalysis<T>(name: string, input: unknown, compute: () => T): T {
  if (buildIdentity === undefined) return compute();
  const key = keyOf(name, input);
  const hit = store.get(key);
  if (hit !== undefined) return JSON.parse(hit) as T;
  const result = compute();
  store.put(key, JSON.stringify(result));
  return result;
}

/** What `cachedAnalysis` kept for this analysis and input, without computing it on a miss. */
export function peekAnalysis<T>(name: string, input: unknown): T | undefined {
  if (buildIdentity === undefined) return undefined;
  const hit = store.get(keyOf(name, input));
  return hit === undefined ? undefined : (JSON.parse(hit) as T);
}

/** Keep a result computed elsewhere (from a tree parsed anyway) for `peekAnalysis`. */
export function keepAnalysis(name: string, input: unknown, result: unknown): void {
  if (buildIdentity === undefined) return;
  const key = keyOf(name, input);
  if (store.get(key) === undefined) store.put(key, JSON.stringify(result));
}

function keyOf(name: string, input: unknown): string {
  return sha256(JSON.stringify([buildIdentity, name, input]));
}
