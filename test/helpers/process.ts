// The host as a real process (`node bin/condenser.js serve`), for signal and crash tests.

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface HostProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `condenser serve` on a random loopback port with its store in `dir`. */
export async function spawnHost(
  dir: string,
  extraToml = '',
  repo: string = root,
): Promise<HostProcess> {
  const config = join(dir, 'condenser.conf');
  writeFileSync(
    config,
    `[http]\nbind-address = "127.0.0.1:0"\nlog-enabled = false\n[storage]\ndir = "${dir}"\n${extraToml}`,
  );
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'condenser.js'), 'serve', '--config', config],
    {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KAPACITOR_CONFIG_PATH: '' },
    },
  );
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const m = /condenser listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    void exited.then(({ code }) =>
      reject(new Error(`condenser exited (${code}) before listening:\n${err}`)),
    );
  });
  return { child, url, stderr: () => err, exited };
}
