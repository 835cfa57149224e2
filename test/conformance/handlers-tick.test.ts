// The post, tcp, log and exec vectors that come through a TICKscript: the task is defined over
// the HTTP API and fed TestStream_Alert's recording (from the window_count tick vector) through
// /write; the handler's bytes must equal Kapacitor's.

import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from '../helpers/receivers.js';
import { handlerVectors, substitute, type VectorCase } from './vectors.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'tick');
/** TestStream_Alert's points: cpu for serverA/serverB and disk, 1 s apart from 1971-01-01. */
const streamAlertLines = (
  JSON.parse(readFileSync(join(fixtures, 'stream_alert_window_count.json'), 'utf8')) as {
    input: { writes: Array<{ lines: string[] }> };
  }
).input.writes.flatMap((w) => w.lines);

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

function tickCase(kind: string, name: string): VectorCase {
  const c = handlerVectors(kind).cases.find((x) => x.name === name && x.via === 'tickscript');
  if (!c) throw new Error(`no tickscript case "${name}" in ${kind}.json`);
  return c;
}

async function run(h: Host, script: string, lines: string[]): Promise<void> {
  const created = await h.api('POST', '/kapacitor/v1/tasks', {
    id: 'TestStream_Alert',
    type: 'stream',
    dbrps: [{ db: 'dbname', rp: 'rpname' }],
    script,
    status: 'enabled',
  });
  expect(created.status, created.text).toBe(200);
  const res = await h.api(
    'POST',
    '/kapacitor/v1/write?db=dbname&rp=rpname&precision=s',
    lines.join('\n'),
  );
  expect(res.status, res.text).toBe(204);
}

/** Stop the task and let every queue drain, so nothing is left in flight. */
async function settle(h: Host): Promise<void> {
  await h.server.tasks.close();
  await h.server.alert.close(5000);
}

describe('handler vectors through TICKscript', () => {
  it.each([
    'TICKscript .post(url) with empty details',
    'TICKscript .post().endpoint(name) with endpoint headers',
  ])('post: %s', async (name) => {
    const receiver = await startHTTPReceiver();
    const server = receiver.url.replace(/\/alert$/, '');
    const c = substitute(tickCase('post', name), { server });
    host = await startHost(c.config ?? {});
    await run(host, c.tickscript as string, streamAlertLines);
    await receiver.waitFor(1);
    await settle(host);
    expect(receiver.received).toHaveLength(1);
    const want = c.expect![0]!;
    expect(receiver.received[0]!.body).toBe(want.bodyExact);
    const raw = receiver.received[0]!.rawHeaders;
    for (const [k, v] of Object.entries(want.headers as Record<string, string>)) {
      expect(raw[raw.indexOf(k) + 1], k).toBe(v);
    }
  });

  it('post: state-change sequence (durations, previousLevel, recovery)', async () => {
    const receiver = await startHTTPReceiver();
    const server = receiver.url.replace(/\/alert$/, '');
    const c = substitute(
      tickCase('post', 'state-change sequence (durations, previousLevel, recovery)'),
      { server },
    );
    host = await startHost();
    // TestStream_AlertDuration's recording is not in the vectors; these points give exactly the
    // vector's five events (the unlisted seconds repeat the level, which stateChangesOnly drops).
    const values = [9, 9, 8, 8, 6, 8, 8, 8, 3];
    await run(
      host,
      c.tickscript as string,
      values.map((v, i) => `cpu,type=idle,host=serverA value=${v} ${31536000 + i}`),
    );
    await receiver.waitFor(5);
    await settle(host);
    expect(receiver.received.map((r) => r.body)).toEqual(c.expect!.map((e) => e.bodyExact));
  });

  it('tcp: TICKscript handler', async () => {
    const receiver = await startTCPReceiver();
    const c = substitute(tickCase('tcp', 'TICKscript handler'), { tcpaddr: receiver.address });
    host = await startHost();
    await run(host, c.tickscript as string, streamAlertLines);
    await receiver.waitFor(1);
    await settle(host);
    expect(receiver.messages.map((m) => m.toString('utf8'))).toEqual([c.expect![0]!.writeExact]);
  });

  it('log: two TICKscript log handlers', async () => {
    const dir = tempDir();
    const c = tickCase('log', 'two TICKscript log handlers');
    const script = (c.tickscript as string).replaceAll('/tmp/', `${dir}/`);
    host = await startHost();
    await run(host, script, streamAlertLines);
    await settle(host);
    for (const want of c.expect!) {
      const path = (want.path as string).replace('/tmp/', `${dir}/`);
      expect(readFileSync(path, 'utf8')).toBe(want.appendExact);
    }
  });

  it('exec: two exec handlers via TICKscript (empty details)', async () => {
    const dir = tempDir();
    const c = tickCase('exec', 'two exec handlers via TICKscript (empty details)');
    let script = c.tickscript as string;
    for (const [i, want] of c.expect!.entries()) {
      const prog = join(dir, `prog${i}.sh`);
      writeFileSync(
        prog,
        `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args${i}"\ncat > "${dir}/stdin${i}"\n`,
      );
      chmodSync(prog, 0o755);
      script = script.replace(`'${want.prog as string}'`, `'${prog}'`);
    }
    host = await startHost();
    await run(host, script, streamAlertLines);
    await settle(host);
    for (const [i, want] of c.expect!.entries()) {
      expect(readFileSync(join(dir, `stdin${i}`), 'utf8')).toBe(want.stdinExact);
      const args = readFileSync(join(dir, `args${i}`), 'utf8')
        .split('\n')
        .slice(0, -1);
      expect(args.filter((a) => a !== '')).toEqual(want.args);
    }
  });
});
