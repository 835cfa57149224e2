// bin/condenser.js as a real process: the verbs work end to end and the exit codes are the
// process's own.

import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { closedURL } from './helpers.js';
import { installedServices } from '../helpers/installed.js';

const root = join(import.meta.dirname, '..', '..');

interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the bin asynchronously (the host it talks to lives in this process's event loop). */
function condenser(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, 'bin', 'condenser.js'), ...args],
      { cwd: root, env: { ...process.env, KAPACITOR_URL: '', ...env } },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
  rmSync(host.dir, { recursive: true, force: true });
});

describe('bin/condenser.js', () => {
  it('ping exits 0 against a running host (-url before the verb)', async () => {
    expect(await condenser(['-url', host.url, 'ping'])).toEqual({
      code: 0,
      stdout: `OK ${host.url} (version 0.1.0)\n`,
      stderr: '',
    });
  });

  it('KAPACITOR_URL works for a real process too', async () => {
    const r = await condenser(['list', 'service-tests'], { KAPACITOR_URL: host.url });
    expect(r).toEqual({
      code: 0,
      stdout: `Service Name\n${installedServices.map((s) => `${s}\n`).join('')}`,
      stderr: '',
    });
  });

  it('exits 1 with one line when the host is not there', async () => {
    const url = await closedURL();
    expect(await condenser(['-url', url, 'ping'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `condenser ping: cannot reach ${url}: connection refused (is the host running?)\n`,
    });
  });

  it('finishes quietly when its reader goes away (`| head`): no EPIPE, no stack trace', async () => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'condenser.js'), '-url', host.url, 'list', 'service-tests'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('exits 2 on a usage error', async () => {
    const r = await condenser(['show-topic']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: missing required argument 'topic'");
    expect(r.stdout).toBe('');
  });
});
