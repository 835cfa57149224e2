// Where a host would keep its store, resolved as `condenser serve` resolves it (the [storage]
// dir of --config or $KAPACITOR_CONFIG_PATH, then $KAPACITOR_STORAGE_DIR, else the default),
// for tools that read the store without starting a host (`npm run remove-handler`). Only
// the [storage] section is read: the rest of the file may name kinds being removed.

import { storageSection } from './core-sections.js';
import { applyEnvOverrides, type RawTable } from './env.js';
import { parseSection, type SectionDef } from './section.js';
import { readTomlFile } from './toml-file.js';

export interface StorageDir {
  dir: string;
  /** Where the value came from: `default`, the config file, or the variable. */
  source: string;
}

export function resolveStorageDir(options: {
  config?: string | undefined;
  env?: Record<string, string | undefined>;
}): StorageDir {
  const env = options.env ?? process.env;
  const path = options.config ?? (env.KAPACITOR_CONFIG_PATH || undefined);
  const raw: RawTable = path ? readTomlFile(path) : {};
  const sections = { storage: storageSection } as unknown as Record<string, SectionDef>;
  const fromEnv = applyEnvOverrides(raw, sections, env).get('storage.dir');
  const { dir } = parseSection(storageSection, raw.storage, path ?? 'defaults') as { dir: string };
  const source =
    fromEnv !== undefined
      ? `environment ${fromEnv}`
      : path !== undefined && (raw.storage as RawTable | undefined)?.dir !== undefined
        ? path
        : 'default';
  return { dir, source };
}
