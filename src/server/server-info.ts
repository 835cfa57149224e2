// The host's identity for alert templates (`.ServerInfo.Hostname/ClusterID/ServerID`): the
// configured hostname, and ids created once and kept beside the store.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ServerInfo } from '../task/node-runtime.js';

export function loadServerInfo(storageDir: string, configuredHostname?: string): ServerInfo {
  const file = join(storageDir, 'ids.json');
  let ids: { cluster: string; server: string } | undefined;
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
        cluster?: unknown;
        server?: unknown;
      };
      if (typeof parsed.cluster === 'string' && typeof parsed.server === 'string')
        ids = { cluster: parsed.cluster, server: parsed.server };
    } catch {
      ids = undefined;
    }
  }
  if (!ids) {
    ids = { cluster: randomUUID(), server: randomUUID() };
    writeFileSync(file, JSON.stringify(ids) + '\n');
  }
  return {
    Hostname: configuredHostname || hostname(),
    ClusterID: ids.cluster,
    ServerID: ids.server,
  };
}
