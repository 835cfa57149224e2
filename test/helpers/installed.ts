// What this host has installed, read from its own registries, so that no test hard-codes the
// kind list: `npm run new-handler` (and the catalogue) add kinds, and the suite must stay green
// after any sequence of new-handler and remove-handler runs.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { handlerKinds } from '../../src/alert/service.js';
import { alertHandlerProperties } from '../../src/pipeline/alert.js';
import { serviceFactories } from '../../src/server/server.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** API kind names (`post`, `log`, ...), sorted. */
export const installedKinds: readonly string[] = Object.values(handlerKinds)
  .map((k) => k.kind)
  .sort();

/** TICKscript handler properties (`post`, `log`, ...), sorted. */
export const installedProperties: readonly string[] = Object.values(alertHandlerProperties)
  .map((d) => d.property)
  .sort();

/**
 * Services with a service test, sorted: one per handler config section, and the host's own
 * [[influxdb]] (a core section, not a handler kind).
 */
export const installedServices: readonly string[] = [
  ...Object.keys(serviceFactories),
  'influxdb',
].sort();

/** Folders of src/services/ in a repository (this one by default). */
export function serviceFolders(root = repoRoot): string[] {
  return readdirSync(path.join(root, 'src', 'services')).sort();
}

/**
 * A name that no installed kind, property, service or folder uses (compared case-
 * insensitively): `base` itself, else `base2`, `base3`, ... Tests that generate or name a kind
 * that must not exist use it instead of a fixed name like `foo`.
 */
export function unusedName(base: string, root = repoRoot): string {
  const taken = new Set(
    [...installedKinds, ...installedProperties, ...installedServices, ...serviceFolders(root)].map(
      (n) => n.toLowerCase(),
    ),
  );
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
