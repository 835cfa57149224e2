// The host as a process: SIGTERM stops it cleanly; `kill -9` in the middle of a burst of API
// writes loses nothing that was acknowledged and leaves the store intact.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/host.js';
import { spawnHost } from '../helpers/process.js';

describe('host process', () => {
  it('stops on SIGTERM with exit code 0', async () => {
    const dir = tempDir();
    const host = await spawnHost(dir);
    expect((await fetch(`${host.url}/kapacitor/v1/ping`)).status).toBe(204);
    host.child.kill('SIGTERM');
    expect(await host.exited).toEqual({ code: 0, signal: null });
  });

  it('loses no acknowledged write when killed with SIGKILL mid-burst', async () => {
    const dir = tempDir();
    const host = await spawnHost(dir);
    const acked: string[] = [];
    let overridesAcked = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const id = `h-${w}-${i}`;
        try {
          const res = await fetch(`${host.url}/kapacitor/v1/alerts/topics/burst/handlers`, {
            method: 'POST',
            body: JSON.stringify({ id, kind: 'tcp', options: { address: '127.0.0.1:9' } }),
          });
          if (res.status === 200) acked.push(id);
          if (i % 10 === 0) {
            const cfg = await fetch(`${host.url}/kapacitor/v1/config/httppost/example`, {
              method: 'POST',
              body: JSON.stringify({ set: { url: `http://example.com/${w}/${i}` } }),
            });
            if (cfg.status === 204) overridesAcked++;
          }
        } catch {
          return; // the process is gone
        }
        if (acked.length >= 200 && !killed) {
          killed = true;
          host.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    expect((await host.exited).signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(200);
    expect(overridesAcked).toBeGreaterThan(0);

    const db = new Database(join(dir, 'condenser.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const again = await spawnHost(dir);
    try {
      const res = await fetch(`${again.url}/kapacitor/v1/alerts/topics/burst/handlers`);
      const ids = new Set(
        ((await res.json()) as { handlers: Array<{ id: string }> }).handlers.map((h) => h.id),
      );
      const missing = acked.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      const cfg = await fetch(`${again.url}/kapacitor/v1/config/httppost/example`);
      expect(((await cfg.json()) as { options: { url: string } }).options.url).toMatch(
        /^http:\/\/example\.com\/\d+\/\d+$/,
      );
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
