// The requests the task verbs make, checked against a fake host that records them: define's
// GET-then-POST-or-PATCH, the reload of an enabled task, list paging, and refused changes.

import type { ServerResponse } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/host.js';
import { cli, fakeServer, type FakeServer, type RecordedRequest } from './helpers.js';

let server: FakeServer | undefined;
const files = tempDir('condenser-cli-task-requests-');
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

const script = "stream|from().measurement('cpu')\n";
const tick = join(files, 'cpu.tick');
writeFileSync(tick, script);

function task(id: string, status: string): Record<string, unknown> {
  return {
    id,
    'template-id': '',
    type: 'stream',
    dbrps: [{ db: 'telegraf', rp: 'autogen' }],
    script,
    vars: {},
    dot: `digraph ${id} {\n}`,
    status,
    executing: status === 'enabled',
    error: '',
    created: '2024-05-01T10:00:00Z',
    modified: '2024-05-01T10:00:00Z',
    'last-enabled': '0001-01-01T00:00:00Z',
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const summary = (reqs: RecordedRequest[]) =>
  reqs.map((r) => `${r.method} ${r.url}${r.body ? ` ${r.body}` : ''}`);

describe('define', () => {
  it('POSTs a task that does not exist, disabled, with only the given fields', async () => {
    server = await fakeServer((req, res) =>
      req.method === 'GET'
        ? json(res, 404, { error: 'no task exists' })
        : json(res, 200, task('cpu', 'disabled')),
    );
    const r = await cli(['-url', server.url, 'define', 'cpu', '-tick', tick, '-dbrp', 'db.rp']);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(summary(server.requests)).toEqual([
      'GET /kapacitor/v1/tasks/cpu',
      `POST /kapacitor/v1/tasks ${JSON.stringify({
        id: 'cpu',
        script,
        dbrps: [{ db: 'db', rp: 'rp' }],
        status: 'disabled',
      })}`,
    ]);
  });

  it('PATCHes only what was given on an existing disabled task', async () => {
    server = await fakeServer((_req, res) => json(res, 200, task('cpu', 'disabled')));
    const vars = join(files, 'vars.json');
    writeFileSync(vars, '{"x": {"type": "int", "value": 3}}');
    const r = await cli(['-url', server.url, 'define', 'cpu', '-type', 'stream', '-vars', vars]);
    expect(r.code).toBe(0);
    expect(summary(server.requests)).toEqual([
      'GET /kapacitor/v1/tasks/cpu',
      'PATCH /kapacitor/v1/tasks/cpu {"type":"stream","vars":{"x":{"type":"int","value":3}}}',
    ]);
  });

  it('reloads an existing enabled task after the update, unless -no-reload', async () => {
    server = await fakeServer((_req, res) => json(res, 200, task('cpu', 'enabled')));
    expect((await cli(['-url', server.url, 'define', 'cpu', '-tick', tick])).code).toBe(0);
    expect(summary(server.requests)).toEqual([
      'GET /kapacitor/v1/tasks/cpu',
      `PATCH /kapacitor/v1/tasks/cpu ${JSON.stringify({ script })}`,
      'PATCH /kapacitor/v1/tasks/cpu {"status":"disabled"}',
      'PATCH /kapacitor/v1/tasks/cpu {"status":"enabled"}',
    ]);

    server.requests.length = 0;
    expect(
      (await cli(['-url', server.url, 'define', 'cpu', '-tick', tick, '-no-reload'])).code,
    ).toBe(0);
    expect(summary(server.requests)).toEqual([
      'GET /kapacitor/v1/tasks/cpu',
      `PATCH /kapacitor/v1/tasks/cpu ${JSON.stringify({ script })}`,
    ]);
  });

  it('a failed GET other than 404 is reported and nothing is created', async () => {
    server = await fakeServer((_req, res) => json(res, 500, { error: 'store unavailable' }));
    expect(await cli(['-url', server.url, 'define', 'cpu', '-tick', tick])).toEqual({
      code: 1,
      out: '',
      err: 'condenser define: store unavailable\n',
    });
    expect(summary(server.requests)).toEqual(['GET /kapacitor/v1/tasks/cpu']);
  });
});

describe('enable', () => {
  it("a refused change names the task and gives the server's reason", async () => {
    server = await fakeServer((req, res) =>
      req.method === 'GET'
        ? json(res, 200, { tasks: [task('a', 'disabled'), task('b', 'disabled')] })
        : json(res, 400, { error: 'failed to start task: boom' }),
    );
    expect(await cli(['-url', server.url, 'enable', '*'])).toEqual({
      code: 1,
      out: '',
      err: 'condenser enable: enabling task a: failed to start task: boom\n',
    });
    expect(summary(server.requests)).toEqual([
      'GET /kapacitor/v1/tasks?pattern=*&fields=type&fields=status&fields=executing&fields=dbrps&fields=error&offset=0&limit=100',
      'PATCH /kapacitor/v1/tasks/a {"status":"enabled"}',
    ]);
  });
});

describe('list tasks', () => {
  it('pages through the list 100 at a time', async () => {
    const all = Array.from({ length: 101 }, (_, i) =>
      task(`t${String(i).padStart(3, '0')}`, 'disabled'),
    );
    server = await fakeServer((req, res) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      json(res, 200, { tasks: all.slice(offset, offset + 100) });
    });
    const r = await cli(['-url', server.url, 'list', 'tasks']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[101]).toBe('t100 stream    disabled  false     ["telegraf"."autogen"]');
    expect(
      server.requests.map((q) => new URL(q.url, 'http://x').searchParams.get('offset')),
    ).toEqual(['0', '100']);
  });
});
