// The console is compiled for the browser (DOM types, JSX), so the root `tsc --noEmit` (Node
// types) does not check it: this does, so `npm test` fails on a type error in the console.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo-copy.js';

it('typechecks the console (console/tsconfig.json)', () => {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'console'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
