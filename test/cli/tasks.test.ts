// The task verbs (define, enable, disable, reload, show, list tasks, delete tasks) against a
// real host (127.0.0.1, random port, temporary store), run in-process through runCli.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRFC3339AsRFC822 } from '../../src/cli/table.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { cli } from './helpers.js';

let host: Host;
const files = tempDir('condenser-cli-tasks-');

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
  rmSync(host.dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

const run = (...args: string[]) => cli(['-url', host.url, ...args]);
const ok = { code: 0, out: '', err: '' };

function file(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

interface StoredTask {
  status: string;
  executing: boolean;
  script: string;
  dbrps: Array<{ db: string; rp: string }>;
  vars: Record<string, unknown>;
  created: string;
  modified: string;
  'last-enabled': string;
  stats: { 'node-stats'?: Record<string, { collected: number }> };
}

async function stored(id: string): Promise<StoredTask> {
  const res = await host.api('GET', `/kapacitor/v1/tasks/${id}?script-format=raw`);
  expect(res.status, res.text).toBe(200);
  return res.json as StoredTask;
}

async function exists(id: string): Promise<boolean> {
  return (await host.api('GET', `/kapacitor/v1/tasks/${id}`)).status === 200;
}

/** Line protocol to a db/rp; processing is synchronous, so stats have moved on return. */
async function write(db: string, lines: string[]): Promise<void> {
  const res = await fetch(`${host.url}/kapacitor/v1/write?db=${db}&rp=autogen&precision=s`, {
    method: 'POST',
    body: lines.join('\n'),
  });
  expect(res.status, await res.text()).toBe(204);
}

const cpuScript = (measurement: string, threshold = 90) =>
  `stream|from().measurement('${measurement}')|alert().crit(lambda: "value" > ${threshold}).topic('${measurement}')\n`;

describe('define', () => {
  it('creates a task disabled, then updates its script and keeps its status', async () => {
    const first = file('def1.tick', cpuScript('def1'));
    expect(await run('define', 'def1', '-tick', first, '-dbrp', 'telegraf.autogen')).toEqual(ok);
    const created = await stored('def1');
    expect(created).toMatchObject({
      status: 'disabled',
      executing: false,
      script: cpuScript('def1'),
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    });

    // A new script alone: the dbrps given the first time stay.
    const second = file('def1-b.tick', cpuScript('def1', 95));
    expect(await run('define', 'def1', '-tick', second)).toEqual(ok);
    expect(await stored('def1')).toMatchObject({
      status: 'disabled',
      script: cpuScript('def1', 95),
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    });

    // An enabled task stays enabled (and running) through a define.
    expect(await run('enable', 'def1')).toEqual(ok);
    expect(await run('define', 'def1', '-tick', first, '-dbrp', 'other.weekly')).toEqual(ok);
    expect(await stored('def1')).toMatchObject({
      status: 'enabled',
      executing: true,
      script: cpuScript('def1'),
      dbrps: [{ db: 'other', rp: 'weekly' }],
    });
  });

  it('reloads an enabled task unless -no-reload', async () => {
    const tick = file('reload-def.tick', cpuScript('rdef'));
    await run('define', 'rdef', '-tick', tick, '-dbrp', 'telegraf.autogen');
    await run('enable', 'rdef');
    const enabledAt = (await stored('rdef'))['last-enabled'];

    expect(await run('define', 'rdef', '-tick', tick, '-no-reload')).toEqual(ok);
    expect((await stored('rdef'))['last-enabled']).toBe(enabledAt);

    expect(await run('define', 'rdef', '-tick', tick)).toEqual(ok);
    const reloaded = await stored('rdef');
    expect(reloaded['last-enabled']).not.toBe(enabledAt);
    expect(reloaded).toMatchObject({ status: 'enabled', executing: true });
  });

  it('takes the dbrps from the script, from -dbrp, but not from both', async () => {
    const withStatement = file('dbrp-stmt.tick', `dbrp "mem"."autogen"\n\n${cpuScript('mem')}`);
    expect(await run('define', 'in-script', '-tick', withStatement)).toEqual(ok);
    expect((await stored('in-script')).dbrps).toEqual([{ db: 'mem', rp: 'autogen' }]);

    const plain = file('dbrp-flags.tick', cpuScript('flags'));
    expect(
      await run(
        'define',
        'flags',
        '-tick',
        plain,
        '-dbrp',
        'telegraf.one.week', // the database ends at the first dot
        '--dbrp',
        '"my.db"."autogen"',
      ),
    ).toEqual(ok);
    expect((await stored('flags')).dbrps).toEqual([
      { db: 'telegraf', rp: 'one.week' },
      { db: 'my.db', rp: 'autogen' },
    ]);

    expect(await run('define', 'both', '-tick', withStatement, '-dbrp', 'mem.autogen')).toEqual({
      code: 1,
      out: '',
      err: 'condenser define: cannot specify dbrp in both implicitly and explicitly\n',
    });
    expect(await exists('both')).toBe(false);

    expect(await run('define', 'none', '-tick', plain)).toEqual({
      code: 1,
      out: '',
      err: 'condenser define: must specify dbrp\n',
    });
  });

  it('sends the vars of a -vars file', async () => {
    const tick = file(
      'vars.tick',
      'var crit = 90.0\nstream|from().measurement(\'cpu\')|alert().crit(lambda: "value" > crit)\n',
    );
    const vars = file('vars.json', '{"crit": {"type": "float", "value": 95.5}}');
    expect(await run('define', 'vars', '-tick', tick, '-dbrp', 'a.b', '-vars', vars)).toEqual(ok);
    expect((await stored('vars')).vars).toEqual({ crit: { type: 'float', value: 95.5 } });

    const wrongType = file('vars-bad.json', '{"crit": {"type": "string", "value": "high"}}');
    const refused = await run('define', 'vars', '-vars', wrongType);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^condenser define: invalid TICKscript: .*crit.*\n$/);
    expect((await stored('vars')).vars).toEqual({ crit: { type: 'float', value: 95.5 } });
  });

  it("a bad script is refused with the server's `invalid TICKscript` line, exit 1", async () => {
    const bad = file(
      'bad.tick',
      "stream\n    |from()\n        .measurement('cpu')\n    |nosuch()\n",
    );
    expect(await run('define', 'bad', '-tick', bad, '-dbrp', 'a.b')).toEqual({
      code: 1,
      out: '',
      err: 'condenser define: invalid TICKscript: line 4 char 6: no method or property "nosuch" on *pipeline.FromNode\n',
    });
    expect(await exists('bad')).toBe(false);
  });

  it('a file that cannot be read is named, exit 1, and nothing is sent', async () => {
    const missing = join(files, 'missing.tick');
    expect(await run('define', 'nofile', '-tick', missing, '-dbrp', 'a.b')).toEqual({
      code: 1,
      out: '',
      err: `condenser define: ${missing}: cannot read: no such file\n`,
    });
    expect(await run('define', 'nofile', '-tick', files, '-dbrp', 'a.b')).toEqual({
      code: 1,
      out: '',
      err: `condenser define: ${files}: cannot read: is a directory\n`,
    });
    const tick = file('nofile.tick', cpuScript('nofile'));
    const badVars = file('bad-vars.json', '{"crit": 90}');
    expect(await run('define', 'nofile', '-tick', tick, '-dbrp', 'a.b', '-vars', badVars)).toEqual({
      code: 1,
      out: '',
      err:
        `condenser define: ${badVars}: var "crit": expected an object of vars, ` +
        'e.g. {"threshold": {"type": "float", "value": 90}}\n',
    });
    const notJSON = file('not-json.json', '{"crit": ');
    const r = await run('define', 'nofile', '-tick', tick, '-dbrp', 'a.b', '-vars', notJSON);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^condenser define: ${notJSON}: invalid JSON: .+\\n$`));
    const empty = file('empty.tick', '\n');
    expect((await run('define', 'nofile', '-tick', empty, '-dbrp', 'a.b')).err).toBe(
      `condenser define: ${empty}: the TICKscript is empty\n`,
    );
    expect(await exists('nofile')).toBe(false);
  });
});

describe('enable, disable, reload', () => {
  beforeAll(async () => {
    for (const id of ['sw_a', 'sw_b', 'other']) {
      const r = await run(
        'define',
        id,
        '-tick',
        file(`${id}.tick`, cpuScript(id)),
        '-dbrp',
        'sw.autogen',
      );
      expect(r).toEqual(ok);
    }
  });

  it('enable and disable take IDs and glob patterns', async () => {
    expect(await run('enable', 'sw_*')).toEqual(ok);
    expect((await stored('sw_a')).status).toBe('enabled');
    expect((await stored('sw_b')).status).toBe('enabled');
    expect((await stored('other')).status).toBe('disabled');

    expect(await run('disable', 'sw_a', 'other')).toEqual(ok);
    expect((await stored('sw_a')).status).toBe('disabled');
    expect((await stored('sw_b')).status).toBe('enabled');
    expect((await stored('other')).executing).toBe(false);
  });

  it('a name that matches nothing is an error, and no task changes', async () => {
    expect(await run('disable', 'sw_b', 'nosuch')).toEqual({
      code: 1,
      out: '',
      err: 'condenser disable: unknown task "nosuch" (see `condenser list tasks`)\n',
    });
    expect((await stored('sw_b')).status).toBe('enabled');
    expect((await run('enable', 'zz*')).err).toBe(
      'condenser enable: no task matches "zz*" (see `condenser list tasks`)\n',
    );
  });

  it('reload restarts a running task (its stats start again) and enables a disabled one', async () => {
    await run('enable', 'sw_b');
    await run('disable', 'sw_a');
    await write('sw', ['sw_b value=1 0', 'sw_b value=2 1']);
    expect((await stored('sw_b')).stats['node-stats']?.from1?.collected).toBe(2);

    expect(await run('reload', 'sw_?')).toEqual(ok);
    const b = await stored('sw_b');
    expect(b).toMatchObject({ status: 'enabled', executing: true });
    expect(b.stats['node-stats']?.from1?.collected).toBe(0);
    expect((await stored('sw_a')).status).toBe('enabled');
  });
});

describe('list tasks', () => {
  beforeAll(async () => {
    const tick = file('list.tick', cpuScript('lst'));
    await run(
      'define',
      'lst_long_task_name',
      '-tick',
      tick,
      '-dbrp',
      'lst.autogen',
      '-dbrp',
      'x.y',
    );
    await run(
      'define',
      'lst_b',
      '-tick',
      file('lstb.tick', `dbrp "lst"."autogen"\n${cpuScript('b')}`),
    );
    await run('enable', 'lst_b');
  });

  it("prints Kapacitor's table, sorted by ID, for one or several patterns", async () => {
    const table =
      'ID                 Type      Status    Executing Databases and Retention Policies\n' +
      'lst_b              stream    enabled   true      ["lst"."autogen"]\n' +
      'lst_long_task_name stream    disabled  false     ["lst"."autogen" "x"."y"]\n';
    expect(await run('list', 'tasks', 'lst_*')).toEqual({ code: 0, out: table, err: '' });
    expect((await run('list', 'tasks', 'lst_long*', 'lst_?', 'lst_b')).out).toBe(table);
    expect((await run('list', 'tasks', 'nomatch*')).out).toBe(
      'ID Type      Status    Executing Databases and Retention Policies\n',
    );
  });

  it('without a pattern lists every task', async () => {
    const r = await run('list', 'tasks');
    expect(r.code).toBe(0);
    expect(r.out).toContain('\nlst_b ');
    expect(r.out).toContain('\nlst_long_task_name ');
  });

  it("a bad pattern is refused with the server's message", async () => {
    expect(await run('list', 'tasks', '[')).toEqual({
      code: 1,
      out: '',
      err: 'condenser list: invalid pattern: syntax error in pattern: "["\n',
    });
  });
});

describe('show', () => {
  it('prints the task, its formatted script, vars and the DOT graph with stats', async () => {
    const tick = file(
      'show.tick',
      "var crit = 90.0\nstream|from().measurement('cpu')|alert().crit(lambda: \"value\" > crit).topic('show')\n",
    );
    const vars = file('show-vars.json', '{"crit": {"type": "float", "value": 95.5}}');
    await run('define', 'show', '-tick', tick, '-dbrp', 'showdb.autogen', '-vars', vars);
    await run('enable', 'show');
    await write('showdb', ['cpu value=99 0', 'cpu value=10 1']);

    const r = await run('show', 'show');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const t = await stored('show');
    const head =
      'ID: show\nError: \nTemplate: \nType: stream\nStatus: enabled\nExecuting: true\n' +
      `Created: ${formatRFC3339AsRFC822(t.created)}\n` +
      `Modified: ${formatRFC3339AsRFC822(t.modified)}\n` +
      `LastEnabled: ${formatRFC3339AsRFC822(t['last-enabled'])}\n` +
      'Databases Retention Policies: ["showdb"."autogen"]\n' +
      'TICKscript:\n' +
      "var crit = 90.0\n\nstream\n    |from()\n        .measurement('cpu')\n" +
      '    |alert()\n        .crit(lambda: "value" > crit)\n        .topic(\'show\')\n\n' +
      'Vars:\n' +
      'Name                          Type      Value\n' +
      'crit                          float     95.5\n' +
      'DOT:\n' +
      'digraph show {\n';
    expect(r.out.startsWith(head), r.out).toBe(true);
    expect(t.created).toMatch(/Z$/);
    expect(r.out).toMatch(/\ngraph \[throughput="\d+\.\d\d points\/s"\];\n/);
    expect(r.out).toContain(
      '\nstream0 [collected="2" emitted="2" errors="0" ];\nstream0 -> from1 [processed="2"];\n',
    );
    expect(r.out).toContain(
      '\nfrom1 [collected="2" emitted="2" errors="0" ];\nfrom1 -> alert2 [processed="2"];\n',
    );
    expect(r.out).toMatch(/\nalert2 \[.*crits_triggered="1" .*\];\n\}\n$/);
  });

  it('a disabled task has the plain DOT graph; an unknown one is an error', async () => {
    await run('define', 'plain', '-tick', file('plain.tick', cpuScript('plain')), '-dbrp', 'a.b');
    const r = await run('show', 'plain');
    expect(r.out).toContain('\nExecuting: false\n');
    expect(r.out).toContain('\nLastEnabled: 01 Jan 01 00:00 UTC\n');
    expect(r.out).not.toContain('\nVars:\n');
    expect(
      r.out.endsWith('\nDOT:\ndigraph plain {\nstream0 -> from1;\nfrom1 -> alert2;\n}\n'),
    ).toBe(true);

    expect(await run('show', 'nosuch')).toEqual({
      code: 1,
      out: '',
      err: 'condenser show: unknown task "nosuch" (see `condenser list tasks`)\n',
    });
  });
});

describe('delete', () => {
  it('tasks: by ID and glob; matching nothing is fine', async () => {
    for (const id of ['del_a', 'del_b', 'keep_del']) {
      await run('define', id, '-tick', file(`${id}.tick`, cpuScript(id)), '-dbrp', 'del.autogen');
    }
    await run('enable', 'del_a');
    expect(await run('delete', 'tasks', 'del_*')).toEqual(ok);
    expect(await exists('del_a')).toBe(false);
    expect(await exists('del_b')).toBe(false);
    expect(await exists('keep_del')).toBe(true);

    expect(await run('delete', 'tasks', 'keep_del', 'del_*', 'never')).toEqual(ok);
    expect(await exists('keep_del')).toBe(false);
  });

  it('topics: their events and state go, handlers stay', async () => {
    const handler = file(
      'h.yaml',
      'topic: deltopic\nid: h1\nkind: log\noptions:\n  path: /tmp/x.log\n',
    );
    await run('define-topic-handler', handler);
    await run(
      'define',
      'deltopic',
      '-tick',
      file('dt.tick', cpuScript('deltopic')),
      '-dbrp',
      'dt.autogen',
    );
    await run('enable', 'deltopic');
    await write('dt', ['deltopic value=99 0']);
    expect((await run('list', 'topics', 'deltopic')).out).toContain('\ndeltopic CRITICAL');

    expect(await run('delete', 'topics', 'deltop*')).toEqual(ok);
    expect((await run('list', 'topics', 'deltopic')).out).not.toContain('CRITICAL');
    expect((await run('show-topic-handler', 'deltopic', 'h1')).code).toBe(0);
  });

  it('topic-handlers: the topic, then handler IDs or patterns', async () => {
    for (const id of ['slack-1', 'slack-2', 'pager']) {
      await run(
        'define-topic-handler',
        file(`dh-${id}.yaml`, `topic: dh\nid: ${id}\nkind: log\noptions:\n  path: /tmp/x.log\n`),
      );
    }
    expect(await run('delete', 'topic-handlers', 'dh', 'slack-*')).toEqual(ok);
    expect((await run('list', 'topic-handlers', 'dh')).out).toBe(
      'Topic      ID         Kind\ndh         pager      log\n',
    );
  });
});
