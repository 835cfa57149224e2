// The data directory at start: one host per directory (a second one stops with a message
// naming the directory and the holder; a lock whose holder died is taken over), a 0-byte
// store file is reported, and a corrupt row is moved to the quarantine table, logged once
// with its identity, while the host and every other task and handler start.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/common/logger.js';
import { runCli } from '../../src/cli/index.js';
import { lockDataDir } from '../../src/store/index.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { spawnHost, type HostProcess } from '../helpers/process.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

const hosts: Host[] = [];
const processes: HostProcess[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
  await closeAll();
});

async function host(dir?: string): Promise<Host> {
  const h = await startHost({}, dir);
  hosts.push(h);
  return h;
}

const logsWith = (logs: LogRecord[], msg: string) => logs.filter((r) => r.msg.includes(msg));

describe('one host per data directory', () => {
  it('a second host on the same directory stops, naming the directory and the holder', async () => {
    const dir = tempDir();
    const first = await host(dir);
    await expect(startHost({}, dir)).rejects.toThrow(
      new RegExp(
        `^data directory ${dir} is in use by another condenser host \\(pid ${process.pid} on .+, started .+\\); stop that host or set another \\[storage\\] dir$`,
      ),
    );
    // the first host is unharmed
    expect((await first.api('GET', '/kapacitor/v1/ping')).status).toBe(204);
    // and once it stops, the directory is free
    await first.stop();
    hosts.length = 0;
    const next = await host(dir);
    expect(logsWith(next.logs, 'took over')).toEqual([]);
  });

  it('as processes: a second exits 1 naming the first; once the first is killed, its lock is taken over', async () => {
    const dir = tempDir();
    const first = await spawnHost(dir);
    processes.push(first);
    const second = spawnHost(dir);
    await expect(second).rejects.toThrow(/condenser exited \(1\) before listening/);
    await expect(second).rejects.toThrow(
      `condenser: data directory ${dir} is in use by another condenser host (pid ${first.child.pid} on `,
    );
    expect((await fetch(`${first.url}/kapacitor/v1/ping`)).status).toBe(204);

    first.child.kill('SIGKILL');
    await first.exited;
    const next = await spawnHost(dir);
    processes.push(next);
    expect(next.stderr()).toContain('took over the data directory lock');
    expect(next.stderr()).toContain(`pid ${first.child.pid} on `);
    expect((await fetch(`${next.url}/kapacitor/v1/ping`)).status).toBe(204);
  });
});

describe('the store file at start', () => {
  it('a new directory: a new store is created and said so', async () => {
    const h = await host();
    expect(logsWith(h.logs, 'created a new store')).toEqual([
      expect.objectContaining({ level: 'info', file: join(h.dir, 'condenser.db') }),
    ]);
  });

  it('a 0-byte store file is reported, and the host starts on a new store in it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'condenser.db'), '');
    const h = await host(dir);
    expect(logsWith(h.logs, 'the store file was empty (0 bytes)')).toEqual([
      expect.objectContaining({ level: 'warn', file: join(dir, 'condenser.db') }),
    ]);
    expect((await h.api('GET', '/kapacitor/v1/alerts/topics')).status).toBe(200);
    const restarted = await h.restart();
    hosts.push(restarted);
    expect(logsWith(restarted.logs, 'store')).toEqual([]);
  });

  it('a file that is not a store stops the host with a message saying what to do', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'condenser.db'),
      'this is not a database, but it is not empty'.repeat(50),
    );
    await expect(startHost({}, dir)).rejects.toThrow(
      `cannot open the store ${join(dir, 'condenser.db')}: not a readable SQLite database (SQLITE_NOTADB); move the file aside`,
    );
    // the failed start released the directory
    expect(() => lockDataDir(dir).release()).not.toThrow();
  });
});

describe('a corrupt row', () => {
  it('is moved to the quarantine table and logged once; everything else starts', async () => {
    const sink = await startHTTPReceiver();
    const dir = tempDir();
    const first = await host(dir);
    for (const id of ['bad', 'good']) {
      const res = await first.api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', {
        id,
        kind: 'post',
        options: { url: sink.url },
      });
      expect(res.status, res.text).toBe(200);
    }
    for (const id of ['broken', 'fine']) {
      const res = await first.api('POST', '/kapacitor/v1/tasks', {
        id,
        script: `dbrp "db"."rp"\nstream|from().measurement('m')|alert().crit(lambda: "v" > 1).topic('cpu')`,
        status: 'enabled',
      });
      expect(res.status, res.text).toBe(200);
    }
    await first.stop();
    hosts.length = 0;

    const db = new Database(join(dir, 'condenser.db'));
    db.prepare(`UPDATE topic_handlers SET options = '{"url": ' WHERE id = 'bad'`).run();
    db.prepare(`UPDATE tasks SET vars = 'not json' WHERE id = 'broken'`).run();
    db.close();

    const second = await host(dir);
    const moved = logsWith(second.logs, 'corrupt row moved to the quarantine table');
    expect(moved).toEqual([
      expect.objectContaining({
        level: 'error',
        table: 'topic_handlers',
        topic: 'cpu',
        id: 'bad',
        column: 'options',
        reason: 'invalid JSON',
      }),
      expect.objectContaining({
        level: 'error',
        table: 'tasks',
        id: 'broken',
        column: 'vars',
        reason: 'invalid JSON',
      }),
    ]);
    const handlers = await second.api('GET', '/kapacitor/v1/alerts/topics/cpu/handlers');
    expect(
      (handlers.json as { handlers: Array<{ id: string }> }).handlers.map((h) => h.id),
    ).toEqual(['good']);
    const tasks = await second.api('GET', '/kapacitor/v1/tasks');
    expect((tasks.json as { tasks: Array<{ id: string; executing: boolean }> }).tasks).toEqual([
      expect.objectContaining({ id: 'fine', executing: true }),
    ]);
    // the good handler of the fine task still delivers
    const write = await second.api(
      'POST',
      '/kapacitor/v1/write?db=db&rp=rp&precision=s',
      'm v=5 1',
    );
    expect(write.status).toBe(204);
    await sink.waitFor(1);
    // the row is kept for inspection, with every column as stored
    expect(second.server.store.quarantine.list()).toEqual([
      expect.objectContaining({
        table: 'topic_handlers',
        key: { topic: 'cpu', id: 'bad' },
        row: expect.objectContaining({ options: '{"url": ', kind: 'post' }),
      }),
      expect.objectContaining({ table: 'tasks', key: { id: 'broken' } }),
    ]);

    // logged once: the next start has nothing more to say
    const third = await second.restart();
    hosts.push(third);
    expect(logsWith(third.logs, 'quarantine')).toEqual([]);
    expect(third.server.store.quarantine.list()).toHaveLength(2);
  });

  it('the CLI `config` reads the overrides with a corrupt one among them, and says so', async () => {
    const dir = tempDir();
    const first = await host(dir);
    await first.api('POST', '/kapacitor/v1/config/httppost/example', {
      set: { url: 'http://127.0.0.1:1/ok' },
    });
    await first.stop();
    hosts.length = 0;
    const db = new Database(join(dir, 'condenser.db'));
    db.prepare(
      `INSERT INTO config_overrides (section, element, created, options, deleted) VALUES ('httppost', 'x', 1, '{', '[]')`,
    ).run();
    db.close();
    writeFileSync(join(dir, 'c.conf'), `[storage]\ndir = "${dir}"\n`);
    let out = '';
    let err = '';
    const code = await runCli(['config', '--config', join(dir, 'c.conf')], {
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    expect(code).toBe(0);
    expect(out).toContain('url = "http://127.0.0.1:1/ok"');
    // whoever opens the store first moves the row aside and says so
    expect(err).toBe(
      'condenser: corrupt row moved to the quarantine table: config_overrides (section="httppost", element="x"), column options: invalid JSON\n',
    );
  });
});
