// A real host on 127.0.0.1 (random port) with its own temporary store, for API tests.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger, type LogRecord } from '../../src/common/logger.js';
import type { RawTable } from '../../src/config/env.js';
import { buildConfig } from '../../src/config/load.js';
import { Server } from '../../src/server/server.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Host {
  server: Server;
  url: string;
  dir: string;
  logs: LogRecord[];
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  /** Stop and start again on the same store (a restart). */
  restart(raw?: RawTable): Promise<Host>;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'condenser-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startHost(raw: RawTable = {}, dir: string = tempDir()): Promise<Host> {
  const full: RawTable = {
    ...raw,
    http: { 'bind-address': '127.0.0.1:0', 'log-enabled': true, ...((raw.http as RawTable) ?? {}) },
    storage: { dir },
  };
  const { config } = buildConfig(full, 'test');
  const logger = memoryLogger();
  const server = await Server.start(config, { logger });
  let stopped = false;
  const host: Host = {
    server,
    url: server.url,
    dir,
    logs: logger.records,
    async api(method, path, body, headers = {}) {
      const res = await fetch(server.url + path, {
        method,
        headers,
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async restart(next = raw) {
      await host.stop();
      return startHost(next, dir);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
  return host;
}
