// The host as a process: SIGTERM stops it cleanly; `kill -9` in the middle of a burst of API
// writes, or of line-protocol writes that fire alerts, loses nothing that was acknowledged
// and leaves the store intact.

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

  it('keeps the alert state of every acknowledged write when killed mid-burst', async () => {
    // Each write fires a CRITICAL alert for new hosts; the alert and topic states it causes
    // are committed in one transaction before the 204.
    const dir = tempDir();
    const host = await spawnHost(dir);
    const task = await fetch(`${host.url}/kapacitor/v1/tasks`, {
      method: 'POST',
      body: JSON.stringify({
        id: 'burst',
        type: 'stream',
        dbrps: [{ db: 'db', rp: 'rp' }],
        status: 'enabled',
        script:
          "stream\n|from().measurement('cpu').groupBy('host')\n" +
          '|alert().crit(lambda: "value" > 90).topic(\'cpu\')\n',
      }),
    });
    expect(task.status).toBe(200);
    const write = (url: string, body: string) =>
      fetch(`${url}/kapacitor/v1/write?db=db&rp=rp&precision=s`, { method: 'POST', body });
    const acked: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const hosts = [0, 1, 2].map((k) => `w${w}-${i}-${k}`);
        try {
          const res = await write(
            host.url,
            hosts.map((h) => `cpu,host=${h} value=95 100`).join('\n'),
          );
          if (res.status === 204) acked.push(...hosts);
        } catch {
          return; // the process is gone
        }
        if (acked.length >= 300 && !killed) {
          killed = true;
          host.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect((await host.exited).signal).toBe('SIGKILL');

    const again = await spawnHost(dir);
    try {
      const levels = async (): Promise<Map<string, string>> => {
        const res = await fetch(`${again.url}/kapacitor/v1/alerts/topics/cpu/events`);
        const body = (await res.json()) as {
          events: Array<{ id: string; state: { level: string } }>;
        };
        return new Map(body.events.map((e) => [e.id, e.state.level]));
      };
      // The topic states: every acknowledged host is CRITICAL.
      const before = await levels();
      expect(acked.filter((h) => before.get(`cpu:host=${h}`) !== 'CRITICAL')).toEqual([]);
      // The alert states: the restarted task knows each group was CRITICAL, so an OK point
      // is a recovery (a group that had lost its state would stay silent).
      for (let i = 0; i < acked.length; i += 100) {
        const batch = acked.slice(i, i + 100);
        const res = await write(
          again.url,
          batch.map((h) => `cpu,host=${h} value=10 200`).join('\n'),
        );
        expect(res.status).toBe(204);
      }
      const after = await levels();
      expect(acked.filter((h) => after.get(`cpu:host=${h}`) !== 'OK')).toEqual([]);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
