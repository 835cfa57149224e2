// `condenser config`: the effective configuration (file, environment and stored overrides)
// as TOML, with secrets redacted.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { configToToml } from '../config/render.js';
import type { SectionDef } from '../config/section.js';
import { ConfigService } from '../server/config-service.js';
import { allSections } from '../server/config.js';
import { describeQuarantined, openStore, STORE_FILE_NAME } from '../store/index.js';
import { silentLogger } from '../common/logger.js';

export function printConfig(
  options: { config?: string },
  out: (s: string) => void,
  warn: (s: string) => void = () => {},
): number {
  const { config, ignored } = loadConfig({ path: options.config });
  let effective: Record<string, unknown> = config;
  // Overrides live in the store; read them only if a store exists (never create one here).
  if (existsSync(join(config.storage.dir, STORE_FILE_NAME))) {
    const store = openStore(config.storage.dir);
    // Opening moved these aside; the host will not see them again, so say it here.
    for (const q of store.quarantined) {
      warn(`condenser: corrupt row moved to the quarantine table: ${describeQuarantined(q)}\n`);
    }
    try {
      effective = new ConfigService(config, store, silentLogger).config;
    } finally {
      store.close();
    }
  }
  out(configToToml(allSections as Record<string, SectionDef>, effective));
  if (ignored.length > 0) {
    // As TOML comments, so the output stays a valid file.
    out(
      `\n# Set aside (this host does not implement them):\n${ignored.map((i) => `#   ${i}\n`).join('')}`,
    );
  }
  return 0;
}
