// Kills a writing process with SIGKILL mid-burst and checks that every write it had
// acknowledged is in the reopened store, and that the file is intact.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { useTempStores } from './helpers.js';

const stores = useTempStores();

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const writer = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

interface KilledWriter {
  acknowledged: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the writer until it has acknowledged `killAfter` lines, then SIGKILLs it. */
function runWriterAndKill(dir: string, prefix: string, killAfter: number): Promise<KilledWriter> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` rather than the tsx binary: the binary runs the script in a
    // grandchild process, which our SIGKILL would not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, prefix], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? ''; // an unterminated line is not an acknowledgement
      acknowledged.push(...lines);
      if (acknowledged.length >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    // 'close' (not 'exit'): all output written before the kill has been read.
    child.on('close', (code, signal) => resolve({ acknowledged, signal, code, stderr }));
  });
}

function missingAcknowledged(store: Store, acknowledged: string[]): string[] {
  const missing: string[] = [];
  for (const line of acknowledged) {
    const [type, topic = '', key = '', value = ''] = line.split(' ');
    if (type === 'H') {
      const handler = store.topicHandlers.get(topic, key);
      if (handler?.options?.['i'] !== Number(value)) missing.push(line);
    } else if (type === 'S') {
      if (store.topicStates.get(topic, key)?.time !== BigInt(value)) missing.push(line);
    } else {
      missing.push(`unexpected output: ${line}`);
    }
  }
  return missing;
}

// The test waits for acknowledgement counts, never for a clock; its timeout is only the
// backstop for a writer that never starts (on a loaded machine a start can take seconds).
const BACKSTOP_MS = 10 * 60_000;

describe('crash safety', () => {
  it(
    'keeps every acknowledged write when the writer is killed with SIGKILL',
    { timeout: BACKSTOP_MS },
    async () => {
      const dir = stores.dir();
      const all: string[] = [];
      // Several rounds on the same file: each writer starts from a crash-recovered database.
      for (const [round, killAfter] of [500, 3000, 8000].entries()) {
        const result = await runWriterAndKill(dir, `r${round}`, killAfter);
        expect(result.stderr).toBe('');
        expect({ code: result.code, signal: result.signal }).toEqual({
          code: null,
          signal: 'SIGKILL',
        });
        expect(result.acknowledged.length).toBeGreaterThanOrEqual(killAfter);
        all.push(...result.acknowledged);

        const store = stores.open(dir);
        expect(missingAcknowledged(store, all)).toEqual([]);
        expect(stores.raw(store.path).pragma('integrity_check', { simple: true })).toBe('ok');
        store.close();
      }
    },
  );
});
