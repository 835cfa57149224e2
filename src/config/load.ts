// Loading the effective configuration: TOML file (optional) → KAPACITOR_* environment
// overrides → validation of every section with defaults applied.

import { allSections, type Config } from '../server/config.js';
import { applyEnvOverrides, type RawTable } from './env.js';
import { setAsideReason, unimplementedKeys } from './kapacitor-only.js';
import { ConfigError, parseSection, type SectionDef } from './section.js';
import { readTomlFile } from './toml-file.js';

export { readTomlFile };

export interface LoadedConfig {
  config: Config;
  /**
   * What the file holds that this host does not implement (warned at start, not fatal), one
   * entry each: `[kubernetes]: not implemented by this host`, `[http] write-tracing: ...`.
   */
  ignored: string[];
  source: string;
}

/** Validate a raw config table into the typed config. */
export function buildConfig(
  raw: RawTable,
  source: string,
  envPaths: Map<string, string> = new Map(),
): { config: Config; ignored: string[] } {
  const ignored: string[] = [];
  const sections = allSections as Record<string, SectionDef>;
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(sections, key)) ignored.push(setAsideReason(key));
  }
  const config: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(sections)) {
    try {
      config[name] = parseSection(def, withoutUnimplemented(name, raw[name], ignored), source);
    } catch (err) {
      if (err instanceof ConfigError) {
        const envName = [...envPaths].find(
          ([p]) => err.keyPath === p || err.keyPath.startsWith(`${p}.`),
        )?.[1];
        if (envName) throw new ConfigError(err.keyPath, err.problem, `environment ${envName}`);
      }
      throw err;
    }
  }
  return { config: config as Config, ignored };
}

/**
 * A section's table (or each table of a list section) without the Kapacitor keys this host
 * does not implement (noted once each in `ignored`).
 */
function withoutUnimplemented(section: string, value: unknown, ignored: string[]): unknown {
  const keys = Object.hasOwn(unimplementedKeys, section) ? unimplementedKeys[section]! : [];
  if (keys.length === 0 || value === null || typeof value !== 'object') return value;
  const strip = (element: unknown): unknown => {
    if (element === null || typeof element !== 'object' || Array.isArray(element)) return element;
    const table = { ...(element as RawTable) };
    for (const key of keys) {
      if (!Object.hasOwn(table, key)) continue;
      delete table[key];
      const note = `[${section}] ${key}: not implemented by this host`;
      if (!ignored.includes(note)) ignored.push(note);
    }
    return table;
  };
  return Array.isArray(value) ? value.map(strip) : strip(value);
}

export function loadConfig(options: {
  path?: string;
  env?: Record<string, string | undefined>;
}): LoadedConfig {
  const env = options.env ?? process.env;
  const path = options.path ?? (env.KAPACITOR_CONFIG_PATH || undefined);
  const raw = path ? readTomlFile(path) : {};
  const source = path ?? 'defaults';
  const envPaths = applyEnvOverrides(raw, allSections as Record<string, SectionDef>, env);
  const { config, ignored } = buildConfig(raw, source, envPaths);
  return { config, ignored, source };
}
