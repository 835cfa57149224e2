// The kapacitor CLI's daily verbs against a real host on 127.0.0.1: version, level, stats
// general|ingress, vars, logs, watch, backup, list handler-kinds and service-tests -options.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handlerKinds } from '../../src/alert/service.js';
import { runCli, type CliIO } from '../../src/cli/index.js';
import { version } from '../../src/common/version.js';
import { openStore } from '../../src/store/index.js';
import { startHost, type Host } from '../helpers/host.js';
import { waitFor } from '../helpers/influxdb.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';
import { cli } from './helpers.js';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
  await closeAll();
});

async function host(raw: Parameters<typeof startHost>[0] = {}): Promise<Host> {
  const h = await startHost(raw);
  hosts.push(h);
  return h;
}

/** A following verb run in-process; its output can be read while it runs. */
function follow(args: string[]): {
  lines: () => string[];
  done: Promise<number>;
  err: () => string;
} {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const done = runCli(args, io);
  return { lines: () => out.split('\n').filter((l) => l !== ''), done, err: () => err };
}

describe('version, level, stats, vars', () => {
  it('version prints the CLI version without a host', async () => {
    expect(await cli(['version'])).toEqual({
      code: 0,
      out: `Condenser ${version} (Kapacitor API v1)\n`,
      err: '',
    });
  });

  it('level changes what the host logs, live; a bad level is a usage error', async () => {
    const h = await host();
    const requestLogs = () =>
      h.logs.filter((r) => r.service === 'http' && r.level === 'info').length;
    expect(await cli(['-url', h.url, 'level', 'ERROR'])).toMatchObject({ code: 0, out: '' });
    const before = requestLogs();
    await h.api('GET', '/kapacitor/v1/alerts/topics');
    expect(requestLogs()).toBe(before);
    expect(h.server.logHub.level).toBe('error');
    expect((await cli(['-url', h.url, 'level', 'info'])).code).toBe(0);
    await h.api('GET', '/kapacitor/v1/alerts/topics');
    expect(requestLogs()).toBeGreaterThan(before);
    expect(await cli(['-url', h.url, 'level', 'loud'])).toEqual({
      code: 2,
      out: '',
      err: 'condenser level: invalid level "loud": use debug, info, warn or error\n',
    });
    const api = await h.api('POST', '/kapacitor/v1/loglevel', { level: 'loud' });
    expect(api.status).toBe(400);
  });

  it("stats general and stats ingress print Kapacitor's tables", async () => {
    const h = await host();
    await h.api('POST', '/kapacitor/v1/tasks', {
      id: 't1',
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
      script: "stream|from().measurement('cpu')|log()",
      status: 'enabled',
    });
    await h.api('POST', '/kapacitor/v1/write?db=telegraf&rp=autogen', 'cpu v=1\ncpu v=2\nmem v=3');
    await h.api('POST', '/write?db=other&rp=rp1', 'disk v=1');
    const vars = (await h.api('GET', '/kapacitor/v1/debug/vars')).json as Record<string, string>;
    const general = await cli(['-url', h.url, 'stats', 'general']);
    expect(general).toEqual({
      code: 0,
      err: '',
      out: [
        `ClusterID:                    ${vars.cluster_id}`,
        `ServerID:                     ${vars.server_id}`,
        `Host:                         ${vars.host}`,
        'Tasks:                        1',
        'Enabled Tasks:                1',
        'Subscriptions:                0',
        `Version:                      ${version}`,
        '',
      ].join('\n'),
    });
    expect((await cli(['-url', h.url, 'stats', 'ingress'])).out).toBe(
      [
        'Database Retention Policy Measurement  Points Received',
        'other    rp1              disk                       1',
        'telegraf autogen          cpu                        2',
        'telegraf autogen          mem                        1',
        '',
      ].join('\n'),
    );
    expect((await cli(['-url', h.url, 'stats', 'egress'])).code).toBe(2);
  });

  it('vars prints /debug/vars as the host sends it', async () => {
    const h = await host();
    const run = await cli(['-url', h.url, 'vars']);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.out) as Record<string, unknown>;
    expect(body).toMatchObject({ version, product: 'condenser', num_tasks: 0 });
    expect(Object.keys(body.kapacitor as object)).toContain('topics');
  });
});

describe('logs and watch', () => {
  it('logs follows the host log with level and key filters until the host stops', async () => {
    const h = await host();
    const logs = follow(['-url', h.url, 'logs', 'service=http', 'lvl=info+']);
    await waitFor(() => (h.server.logHub.sessionCount === 1 ? true : undefined));
    await h.api('GET', '/kapacitor/v1/alerts/topics');
    await waitFor(() =>
      logs.lines().some((l) => l.includes('/alerts/topics')) ? true : undefined,
    );
    await h.stop();
    expect(await logs.done).toBe(0);
    const records = logs.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r).toMatchObject({ service: 'http', lvl: 'info' });
    expect(records.find((r) => r.path === '/kapacitor/v1/alerts/topics')).toMatchObject({
      msg: 'http request',
      method: 'GET',
      status: 200,
      ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('logs refuses a malformed filter; /logs refuses web pages', async () => {
    const h = await host();
    expect(await cli(['-url', h.url, 'logs', 'lvl=loud'])).toEqual({
      code: 2,
      out: '',
      err: 'condenser logs: invalid lvl "loud": use debug, info, warn or error, optionally with + (and above)\n',
    });
    expect((await cli(['-url', h.url, 'logs', 'service'])).err).toContain('expected key=value');
    const web = await h.api('GET', '/kapacitor/v1/logs', undefined, {
      Origin: 'http://evil.example',
    });
    expect(web.status).toBe(403);
  });

  it("watch follows one task's alert events", async () => {
    const h = await host();
    for (const id of ['watched', 'other']) {
      const res = await h.api('POST', '/kapacitor/v1/tasks', {
        id,
        dbrps: [{ db: 'db', rp: 'rp' }],
        script: `stream|from().measurement('cpu').groupBy('host')|alert().crit(lambda: "v" > 90).message('{{ .ID }} {{ .Level }}').log('/dev/null')`,
        status: 'enabled',
      });
      expect(res.status, res.text).toBe(200);
    }
    const watch = follow(['-url', h.url, 'watch', 'watched']);
    await waitFor(() => (h.server.logHub.sessionCount === 1 ? true : undefined));
    await h.api(
      'POST',
      '/kapacitor/v1/write?db=db&rp=rp&precision=s',
      'cpu,host=a v=95 1\ncpu,host=a v=5 2',
    );
    await waitFor(() => (watch.lines().length >= 2 ? true : undefined));
    await h.stop();
    expect(await watch.done).toBe(0);
    const events = watch
      .lines()
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.msg === 'alert triggered');
    expect(events.map((e) => [e.task, e.id, e.alert_level, e.message])).toEqual([
      ['watched', 'cpu:host=a', 'CRITICAL', 'cpu:host=a CRITICAL'],
      ['watched', 'cpu:host=a', 'OK', 'cpu:host=a OK'],
    ]);
  });

  it('watch of an unknown task says so', async () => {
    const h = await host();
    const run = await cli(['-url', h.url, 'watch', 'nope']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'condenser watch: task "nope" does not exist (see `condenser list tasks`)\n',
    );
  });
});

describe('backup', () => {
  it('writes a consistent copy of the store while the host runs', async () => {
    const h = await host();
    await h.api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', {
      id: 'hook',
      kind: 'log',
      options: { path: '/tmp/x.log' },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'condenser-backup-')), 'backup.db');
    expect(await cli(['-url', h.url, 'backup', file])).toEqual({ code: 0, out: '', err: '' });
    // The host keeps running and writing.
    const after = await h.api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', {
      id: 'later',
      kind: 'log',
      options: { path: '/tmp/y.log' },
    });
    expect(after.status).toBe(200);
    const restoredDir = join(file, '..', 'from-backup');
    mkdirSync(restoredDir);
    copyFileSync(file, join(restoredDir, 'condenser.db'));
    const restored = openStore(restoredDir);
    try {
      expect(restored.topicHandlers.get('cpu', 'hook')?.kind).toBe('log');
      expect(restored.topicHandlers.get('cpu', 'later')).toBeUndefined();
    } finally {
      restored.close();
    }
    expect(existsSync(`${file}.partial`)).toBe(false);
    const web = await h.api('GET', '/kapacitor/v1/storage/backup', undefined, {
      Origin: 'http://evil.example',
    });
    expect(web.status).toBe(403);
  });

  it('a file that cannot be written is a one-line error', async () => {
    const h = await host();
    const run = await cli(['-url', h.url, 'backup', '/nonexistent-dir/backup.db']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^condenser backup: cannot write \/nonexistent-dir\/backup.db: .*ENOENT/,
    );
  });
});

describe('list handler-kinds and service-tests -options', () => {
  it('lists every handler kind of the host and whether it is configured', async () => {
    const h = await host({ httppost: [] });
    const kinds = Object.values(handlerKinds).map((k) => k.kind);
    const table = (await cli(['-url', h.url, 'list', 'handler-kinds'])).out.split('\n');
    expect(table[0]).toMatch(/^Kind\s+TICKscript\s+Config Section\s+Configured$/);
    expect(table.slice(1, -1)).toHaveLength(kinds.length);
    for (const kind of kinds) expect(table.some((l) => l.startsWith(`${kind} `))).toBe(true);
    expect(table.find((l) => l.startsWith('post '))).toMatch(
      /^post\s+\.post\(\)\s+\[httppost\]\s+no$/,
    );
    expect(table.find((l) => l.startsWith('log '))).toMatch(/yes \(no config needed\)$/);
    const add = await h.api('POST', '/kapacitor/v1/config/httppost', {
      add: { endpoint: 'e', url: 'http://127.0.0.1:1/' },
    });
    expect(add.status).toBe(204);
    const again = (await cli(['-url', h.url, 'list', 'handler-kinds', 'po*'])).out.split('\n');
    // Every kind the pattern matches (`post`, and any installed kind named po...), no other.
    const rows = again.slice(1, -1);
    expect(rows.map((l) => l.split(/\s+/)[0]).sort()).toEqual(
      kinds.filter((k) => k.startsWith('po')).sort(),
    );
    expect(rows.find((l) => l.startsWith('post '))).toMatch(
      /^post\s+\.post\(\)\s+\[httppost\]\s+yes$/,
    );
  });

  it('service-tests runs with -options and -options-file, and shows the options of a failure', async () => {
    const h = await host();
    const rx = await startHTTPReceiver();
    const ok = await cli([
      '-url',
      h.url,
      'service-tests',
      'httppost',
      '-options',
      JSON.stringify({ url: rx.url }),
    ]);
    expect(ok).toEqual({ code: 0, err: '', out: 'Service  Success Message\nhttppost true\n' });
    expect(rx.received).toHaveLength(1);

    const file = join(mkdtempSync(join(tmpdir(), 'condenser-opts-')), 'o.json');
    writeFileSync(file, JSON.stringify({ url: 'http://127.0.0.1:1/' }));
    const failed = await cli(['-url', h.url, 'service-tests', 'httppost', '-options-file', file]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      'httppost ran with options {"endpoint":"example","url":"http://127.0.0.1:1/"',
    );
    expect(failed.out).toMatch(/^Service {2}Success Message\nhttppost false {3}ECONNREFUSED/);

    expect(await cli(['-url', h.url, 'service-tests', 'httppost', '-options', '{"url":'])).toEqual({
      code: 2,
      out: '',
      err: 'condenser service-tests: -options: invalid JSON: unexpected end of input at line 1, column 8, expected a value\n',
    });
    expect((await cli(['-url', h.url, 'service-tests', 'httppost', '-options', '[1]'])).err).toBe(
      'condenser service-tests: -options: expected a JSON object of test options\n',
    );
  });
});
