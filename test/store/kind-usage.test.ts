// What in a store uses a handler kind, read without the host's help: while a host runs on
// the store (its WAL holds the latest writes) and after it stopped, never changing the
// directory. (`npm run remove-handler` uses it: test/generators/scripts.test.ts.)

import { readdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findKindUsage } from '../../src/store/kind-usage.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';

let host: Host | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await host?.stop();
  host = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const script = (call: string) =>
  `dbrp "telegraf"."autogen"\nstream\n    |from()\n    |alert()\n        .crit(lambda: TRUE)\n        .${call}\n`;

describe('findKindUsage', () => {
  it('finds tasks calling the property and topic handlers of the kind, host running or not', async () => {
    const dir = tempDir();
    dirs.push(dir);
    host = await startHost({}, dir);
    const define = async (id: string, call: string) =>
      expect(
        (await host!.api('POST', '/kapacitor/v1/tasks', { id, script: script(call) })).status,
      ).toBe(200);
    await define('writes_log', "Log('/tmp/condenser-usage.log')");
    await define('posts', "post('http://127.0.0.1:9/x')");
    await define('quoted', "post('http://127.0.0.1:9/.log()') // .log()");
    const handler = { id: 'file', kind: 'log', options: { path: '/tmp/condenser-usage.log' } };
    expect(
      (await host.api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', handler)).status,
    ).toBe(200);

    const expected = {
      file: `${dir}/condenser.db`,
      tasks: [{ id: 'writes_log', status: 'disabled' }],
      handlers: [{ topic: 'cpu', id: 'file' }],
    };
    // The host runs: what it wrote is in its WAL.
    expect(findKindUsage(dir, { kind: 'log', property: 'log' })).toEqual(expected);
    await host.stop();
    host = undefined;
    const listing = readdirSync(dir).sort();
    expect(findKindUsage(dir, { kind: 'log', property: 'log' })).toEqual(expected);
    expect(readdirSync(dir).sort()).toEqual(listing);
    // A kind without a TICKscript property is only looked for in topic handlers.
    expect(findKindUsage(dir, { kind: 'post', property: undefined })).toEqual({
      ...expected,
      tasks: [],
      handlers: [],
    });
  });

  it('is undefined where there is no store, and creates none', () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(findKindUsage(`${dir}/none`, { kind: 'log', property: 'log' })).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });
});
