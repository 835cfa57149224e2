// A handler kind removed while tasks and topic handlers in the store still use it (issue 13,
// point 1): at start each is reported once, by name and kind, with the command that fixes
// it, never as a stack trace; `list tasks`, `show` and `show-topic-handler` say why it does
// not run. The store is edited while the host is stopped, as removing a kind leaves it.

import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { kapacitorHandlerProperties } from '../../src/pipeline/nodes/alert-handlers.js';
import { openStore } from '../../src/store/index.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';
import { installedProperties, unusedName } from '../helpers/installed.js';
import { cli } from './helpers.js';

let host: Host | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await host?.stop();
  host = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A kind no installed kind, property or folder is called (so it is "gone"). */
const gone = unusedName('gone');
/** A handler Kapacitor has that this host does not install, if there is one left. */
const kapacitorMissing = kapacitorHandlerProperties.find((p) => !installedProperties.includes(p));

const script = (call: string) =>
  `dbrp "telegraf"."autogen"\n\nstream\n    |from()\n        .measurement('cpu')\n    |alert()\n        .crit(lambda: "value" > 90)\n        .${call}\n`;

/** Stores tasks and a topic handler that use `.log()`, then rewrites them to use gone kinds. */
async function hostWithGoneKinds(): Promise<Host> {
  const dir = tempDir();
  dirs.push(dir);
  const first = await startHost({}, dir);
  const define = async (id: string, status = 'enabled') => {
    const res = await first.api('POST', '/kapacitor/v1/tasks', {
      id,
      status,
      script: script("log('/tmp/condenser-kind-gone.log')"),
    });
    expect(res.status, res.text).toBe(200);
  };
  await define('cpu_alert');
  await define('mem.alert');
  await define('idle', 'disabled');
  if (kapacitorMissing !== undefined) await define('kapacitor_kind');
  await first.stop();

  const store = openStore(dir);
  try {
    for (const id of ['cpu_alert', 'mem.alert', 'idle']) {
      store.tasks.put({ ...store.tasks.get(id)!, script: script(`${gone}()`) });
    }
    if (kapacitorMissing !== undefined) {
      const t = store.tasks.get('kapacitor_kind')!;
      store.tasks.put({ ...t, script: script(`${kapacitorMissing}()`) });
    }
    store.topicHandlers.put({
      topic: 'cpu',
      id: 'hook',
      kind: gone,
      options: { url: 'http://127.0.0.1:9/x' },
      match: '',
    });
  } finally {
    store.close();
  }
  return startHost({}, dir);
}

const fix = (id: string) =>
  `bring it back (npm run new-handler ${gone}) or delete the task (condenser delete tasks ${id})`;

describe('a handler kind that is gone', () => {
  it('is reported once per task and topic handler at start, with the command that fixes it', async () => {
    host = await hostWithGoneKinds();
    // A topic deleted and collected into again re-attaches its stored handlers: no new report.
    await host.api('DELETE', '/kapacitor/v1/alerts/topics/cpu');
    host.server.alert.collect(
      makeEvent({
        topic: 'cpu',
        state: {
          id: 'x',
          message: 'm',
          level: Level.CRITICAL,
          time: BigInt(Date.now()) * 1_000_000n,
        },
      }),
    );

    const reports = host.logs.filter(
      (r) => r.level === 'warn' && /not (executing|running)/.test(r.msg),
    );
    const taskReason = (id: string) =>
      `handler kind "${gone}" is not installed (the script uses .${gone}() at line 8 char 10); ${fix(id)}`;
    expect(reports.map((r) => r.msg)).toEqual([
      `topic handler "hook" of topic "cpu" is not running: handler kind "${gone}" is not installed; ` +
        `bring it back (npm run new-handler ${gone}) or delete the handler (condenser delete-topic-handler cpu hook)`,
      `task "cpu_alert" is not executing: ${taskReason('cpu_alert')}`,
      ...(kapacitorMissing === undefined
        ? []
        : [
            `task "kapacitor_kind" is not executing: handler kind "${kapacitorMissing.toLowerCase()}" is not installed ` +
              `(the script uses .${kapacitorMissing}() at line 8 char 10); bring it back ` +
              `(npm run new-handler ${kapacitorMissing.toLowerCase()}) or delete the task (condenser delete tasks kapacitor_kind)`,
          ]),
      `task "mem.alert" is not executing: ${taskReason('mem.alert')}`,
    ]);
    expect(reports.map((r) => r.kind)).toEqual([
      gone,
      gone,
      ...(kapacitorMissing === undefined ? [] : [kapacitorMissing.toLowerCase()]),
      gone,
    ]);
    // Nothing else about them: no error records, no stack.
    expect(host.logs.filter((r) => r.level === 'error')).toEqual([]);
    expect(JSON.stringify(host.logs)).not.toMatch(/\n\s+at /);

    // The task's error, as Kapacitor's API shows it.
    const task = (await host.api('GET', '/kapacitor/v1/tasks/cpu_alert')).json as {
      executing: boolean;
      error: string;
    };
    expect(task).toMatchObject({ executing: false, error: taskReason('cpu_alert') });
  });

  it('list tasks, show and show-topic-handler say why it does not run', async () => {
    host = await hostWithGoneKinds();
    const run = (...args: string[]) => cli(['-url', host!.url, ...args]);

    const list = await run('list', 'tasks', 'cpu_alert', 'idle', 'mem*');
    expect(list.code).toBe(0);
    expect(list.out).toBe(
      'ID        Type      Status    Executing Databases and Retention Policies\n' +
        'cpu_alert stream    enabled   false     ["telegraf"."autogen"]\n' +
        'idle      stream    disabled  false     ["telegraf"."autogen"]\n' +
        'mem.alert stream    enabled   false     ["telegraf"."autogen"]\n' +
        '\n' +
        `cpu_alert is not executing: handler kind "${gone}" is not installed (the script uses .${gone}() at line 8 char 10); ${fix('cpu_alert')}\n` +
        `mem.alert is not executing: handler kind "${gone}" is not installed (the script uses .${gone}() at line 8 char 10); ${fix('mem.alert')}\n`,
    );

    const show = await run('show', 'cpu_alert');
    expect(show.out.split('\n').slice(0, 2)).toEqual([
      'ID: cpu_alert',
      `Error: handler kind "${gone}" is not installed (the script uses .${gone}() at line 8 char 10); ${fix('cpu_alert')}`,
    ]);

    const handler = await run('show-topic-handler', 'cpu', 'hook');
    expect(handler.code).toBe(0);
    expect(handler.out).toContain(
      `\nStatus: not running: handler kind "${gone}" is not installed; bring it back ` +
        `(npm run new-handler ${gone}) or delete the handler (condenser delete-topic-handler cpu hook)\n` +
        'Sent: 0\nFailed: 0\nDropped: 0\nRetried: 0\nQueued: 0\nLast error: none\n',
    );

    // The fix works: deleting them leaves nothing to report.
    expect((await run('delete', 'tasks', 'cpu_alert', 'mem.alert')).code).toBe(0);
    expect((await run('delete-topic-handler', 'cpu', 'hook')).code).toBe(0);
    const after = await run('list', 'tasks', 'cpu_alert', 'mem*');
    expect(after.out).toBe('ID Type      Status    Executing Databases and Retention Policies\n');
  });
});
