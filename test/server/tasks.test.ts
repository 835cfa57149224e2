// Tasks over the HTTP API: shapes, errors, enable/disable, vars, listing, delete, httpOut, and
// what survives a restart (tasks come back enabled; alert levels, so a recovery is still sent).

import { afterEach, describe, expect, it } from 'vitest';
import { kapacitorHandlerProperties } from '../../src/pipeline/nodes/alert-handlers.js';
import { startHost, type Host } from '../helpers/host.js';
import { installedProperties } from '../helpers/installed.js';
import { closeAll, startHTTPReceiver } from '../helpers/receivers.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

const tasks = '/kapacitor/v1/tasks';
const script = (url: string) =>
  `dbrp "telegraf"."autogen"\n\nstream\n|from().measurement('cpu').groupBy('host')\n|alert().crit(lambda: "value" > 90).post('${url}')\n`;

async function write(h: Host, lines: string[]): Promise<void> {
  const res = await h.api(
    'POST',
    '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
    lines.join('\n'),
  );
  expect(res.status, res.text).toBe(204);
}

describe('tasks API', () => {
  it('defines a task and shows it with Kapacitor shapes', async () => {
    host = await startHost();
    const created = await host.api('POST', tasks, {
      id: 'cpu',
      script: script('http://127.0.0.1:9/x'),
    });
    expect(created.status, created.text).toBe(200);
    const t = created.json as Record<string, unknown>;
    expect(Object.keys(t)).toEqual([
      'link', 'id', 'template-id', 'type', 'dbrps', 'script', 'vars', 'dot', 'status', 'executing', 'error', 'stats',
      'created', 'modified', 'last-enabled',
    ]); // prettier-ignore
    expect(t).toMatchObject({
      link: { rel: 'self', href: `${tasks}/cpu` },
      id: 'cpu',
      'template-id': '',
      type: 'stream',
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
      vars: {},
      dot: 'digraph cpu {\nstream0 -> from1;\nfrom1 -> alert2;\n}',
      status: 'disabled',
      executing: false,
      error: '',
      stats: {},
    });
    expect(t.script).toBe(
      'dbrp "telegraf"."autogen"\n\nstream\n    |from()\n        .measurement(\'cpu\')\n        .groupBy(\'host\')\n    |alert()\n        .crit(lambda: "value" > 90)\n        .post(\'http://127.0.0.1:9/x\')\n',
    );
    const raw = await host.api('GET', `${tasks}/cpu?script-format=raw`);
    expect((raw.json as { script: string }).script).toBe(script('http://127.0.0.1:9/x'));
    expect(created.text).toContain('\n    "id": "cpu"');
  });

  type Row = [
    name: string,
    method: string,
    path: string,
    body: unknown,
    status: number,
    message: string,
  ];
  // A handler Kapacitor has that this host does not install (none once all 27 are).
  const missing = kapacitorHandlerProperties.find((p) => !installedProperties.includes(p));
  const rows: Row[] = [
    ['no script', 'POST', tasks, { id: 'a' }, 400, 'must provide TICKscript'],
    ['malformed JSON', 'POST', tasks, '{"id":', 400, 'invalid JSON: unexpected end of input at line 1, column 7, expected a value'],
    ['unknown field', 'POST', tasks, { id: 'a', scrip: 'x' }, 400, 'invalid JSON: unknown field "scrip"'],
    ['bad status', 'POST', tasks, { id: 'a', script: 'x', status: 'on' }, 400, 'invalid JSON: field "status" must be one of "enabled", "disabled"'],
    ['bad id', 'POST', tasks, { id: 'a b', script: 'stream|from()' }, 400, `task ID must contain only letters, numbers, '-', '.' and '_'. "a b"`],
    ['parse error', 'POST', tasks, { id: 'a', script: 'stream\n|from()\n.measurement(' }, 400, 'PARSE'],
    ['double-quoted string', 'POST', tasks, { id: 'a', script: 'stream\n|from()\n.measurement("cpu")' }, 400, 'invalid TICKscript: line 3 char 2: cannot assign *ast.ReferenceNode to type string, did you use double quotes instead of single quotes?'],
    ['no dbrp', 'POST', tasks, { id: 'a', script: "stream|from().measurement('cpu')" }, 400, 'must specify dbrp'],
    ['dbrp twice', 'POST', tasks, { id: 'a', script: `dbrp "a"."b"\nstream|from()`, dbrps: [{ db: 'a', rp: 'b' }] }, 400, 'cannot specify dbrp in both implicitly and explicitly'],
    ['batch task', 'POST', tasks, { id: 'a', script: "batch|query('SELECT 1')", dbrps: [{ db: 'a', rp: 'b' }] }, 400, 'invalid TICKscript: line 1 char 7: failed to parse InfluxQL query: found EOF, expected FROM at line 1, char 9'],
    ...(missing === undefined ? [] : [['handler not installed', 'POST', tasks, { id: 'a', script: `stream|from()|alert().${missing}()`, dbrps: [{ db: 'a', rp: 'b' }] }, 400, 'NOT_INSTALLED'] satisfies Row]),
    ['unknown task', 'GET', `${tasks}/nope`, undefined, 404, 'no task exists'],
    ['update unknown task', 'PATCH', `${tasks}/nope`, { status: 'enabled' }, 404, 'task does not exist, cannot update'],
    ['bad limit', 'GET', `${tasks}?limit=x`, undefined, 400, 'invalid limit "x": must be a non-negative integer'],
  ]; // prettier-ignore

  it.each(rows)('refuses %s', async (_name, method, path, body, status, message) => {
    host ??= await startHost();
    const res = await host.api(method, path, body);
    expect(res.status, res.text).toBe(status);
    const error = (res.json as { error: string }).error;
    if (message === 'PARSE')
      expect(error).toMatch(/^invalid TICKscript: parser: unexpected EOF line 3 char 14 /);
    else if (message === 'NOT_INSTALLED')
      expect(error).toMatch(
        new RegExp(
          `^invalid TICKscript: line 1 char \\d+: alert handler "${missing}" is not installed`,
        ),
      );
    else expect(error).toBe(message);
    expect((await host.api('GET', tasks)).json).toEqual({ tasks: [] });
  });

  it('enables, disables, lists, updates vars and deletes', async () => {
    host = await startHost();
    const withVars = `var limit = 90.0\n${script('http://127.0.0.1:9/x').replace('> 90', '> limit')}`;
    expect(
      (await host.api('POST', tasks, { id: 'one', script: withVars, status: 'enabled' })).status,
    ).toBe(200);
    expect(
      (await host.api('POST', tasks, { id: 'two', script: script('http://127.0.0.1:9/x') })).status,
    ).toBe(200);
    const listed = (await host.api('GET', `${tasks}?fields=status&fields=executing`)).json as {
      tasks: unknown[];
    };
    expect(listed.tasks).toEqual([
      {
        link: { rel: 'self', href: `${tasks}/one` },
        id: 'one',
        status: 'enabled',
        executing: true,
      },
      {
        link: { rel: 'self', href: `${tasks}/two` },
        id: 'two',
        status: 'disabled',
        executing: false,
      },
    ]);
    expect(
      (
        (await host.api('GET', `${tasks}?pattern=t*`)).json as { tasks: Array<{ id: string }> }
      ).tasks.map((t) => t.id),
    ).toEqual(['two']);
    expect(
      (
        (await host.api('GET', `${tasks}?offset=1&limit=1`)).json as {
          tasks: Array<{ id: string }>;
        }
      ).tasks.map((t) => t.id),
    ).toEqual(['two']);

    const patched = await host.api('PATCH', `${tasks}/one`, {
      vars: { limit: { type: 'float', value: 50.5 } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({
      vars: { limit: { type: 'float', value: 50.5 } },
      executing: true,
    });
    const wrongType = await host.api('PATCH', `${tasks}/one`, {
      vars: { limit: { type: 'int', value: 5 } },
    });
    expect(wrongType.status).toBe(400);
    expect((wrongType.json as { error: string }).error).toContain(
      'invalid type supplied for limit, got int exp float',
    );

    expect((await host.api('PATCH', `${tasks}/one`, { status: 'disabled' })).json).toMatchObject({
      status: 'disabled',
      executing: false,
    });
    expect((await host.api('DELETE', `${tasks}/one`)).status).toBe(204);
    expect((await host.api('DELETE', `${tasks}/one`)).status).toBe(204);
    expect((await host.api('GET', `${tasks}/one`)).status).toBe(404);
  });

  it('serves httpOut and counts node stats', async () => {
    host = await startHost();
    const s = `stream|from().measurement('cpu').groupBy('host')|window().period(10s).every(10s)|count('value')|httpOut('counts')`;
    expect(
      (
        await host.api('POST', tasks, {
          id: 'w',
          script: s,
          dbrps: [{ db: 'telegraf', rp: 'autogen' }],
          status: 'enabled',
        })
      ).status,
    ).toBe(200);
    await write(host, ['cpu,host=a value=1 0', 'cpu,host=a value=2 5', 'cpu,host=a value=3 10']);
    const out = await host.api('GET', `${tasks}/w/counts`);
    expect(out.json).toEqual({
      series: [
        {
          name: 'cpu',
          tags: { host: 'a' },
          columns: ['time', 'count'],
          values: [['1970-01-01T00:00:10Z', 2]],
        },
      ],
    });
    const shown = (await host.api('GET', `${tasks}/w`)).json as {
      stats: { 'node-stats': Record<string, { collected: number }> };
    };
    expect(shown.stats['node-stats'].from1!.collected).toBe(3);
    expect((await host.api('GET', `${tasks}/w/nope`)).status).toBe(404);
  });
});

describe('writes', () => {
  it('rejects a bad body with plain text naming the line, and delivers nothing of it', async () => {
    const receiver = await startHTTPReceiver();
    host = await startHost();
    await host.api('POST', tasks, { id: 'cpu', script: script(receiver.url), status: 'enabled' });
    const res = await host.api(
      'POST',
      '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
      'cpu,host=a value=95 1\ncpu,host=a value=',
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toBe("unable to parse 'cpu,host=a value=': missing field value (line 2)\n");
    const noDb = await host.api('POST', '/write', 'cpu value=1');
    expect([noDb.status, noDb.text]).toEqual([400, 'database is required\n']);
    await write(host, ['cpu,host=a value=95 2']);
    await receiver.waitFor(1);
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ time: '1970-01-01T00:00:02Z' });
  });
});

describe('restart', () => {
  it('restarts enabled tasks and keeps alert levels, so the recovery is sent', async () => {
    const receiver = await startHTTPReceiver();
    host = await startHost();
    await host.api('POST', tasks, { id: 'cpu', script: script(receiver.url), status: 'enabled' });
    await host.api('POST', tasks, { id: 'off', script: script(receiver.url) });
    await write(host, ['cpu,host=a value=95 1']);
    await receiver.waitFor(1);

    host = await host.restart();
    const t = (await host.api('GET', `${tasks}/cpu`)).json as {
      status: string;
      executing: boolean;
    };
    expect([t.status, t.executing]).toEqual(['enabled', true]);
    expect((await host.api('GET', `${tasks}/off`)).json).toMatchObject({
      status: 'disabled',
      executing: false,
    });
    await write(host, ['cpu,host=a value=50 2']);
    await receiver.waitFor(2);
    const recovery = JSON.parse(receiver.received[1]!.body) as Record<string, unknown>;
    expect(recovery).toMatchObject({
      id: 'cpu:host=a',
      level: 'OK',
      previousLevel: 'CRITICAL',
      duration: 1_000_000_000,
    });
  });
});

describe('/debug/vars', () => {
  it('shows task counts and node statistics', async () => {
    host = await startHost();
    const s = `stream|from().measurement('cpu')|where(lambda: "host" == 'a')|log()`;
    await host.api('POST', tasks, {
      id: 'w',
      script: s,
      dbrps: [{ db: 'telegraf', rp: 'autogen' }],
      status: 'enabled',
    });
    await write(host, ['cpu,host=a value=1 0', 'cpu,host=b value=2 1']);
    const vars = (await host.api('GET', '/kapacitor/v1/debug/vars')).json as {
      num_tasks: number;
      num_enabled_tasks: number;
      kapacitor: Record<string, { tags: Record<string, string>; values: Record<string, number> }>;
    };
    expect([vars.num_tasks, vars.num_enabled_tasks]).toEqual([1, 1]);
    expect(vars.kapacitor['node:w:where2']).toEqual({
      name: 'node',
      tags: { task: 'w', node: 'where2', type: 'where' },
      values: { collected: 2, emitted: 1, errors: 0 },
    });
  });
});
