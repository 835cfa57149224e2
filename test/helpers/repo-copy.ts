// A throw-away copy of the repository that is its own git repository, all committed, so a
// test (or the scaffold bench) can run the scaffolder on it and `git status` shows exactly
// what changed. node_modules is a symlink to this checkout's.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** What a copy needs to run the scaffolder, the host and the generated tests. */
const entries = [
  'src', 'console', 'generators', 'templates', 'test', 'fuzz', 'bin', 'package.json', 'tsconfig.json', 'eslint.config.js',
  'vitest.config.ts', '.prettierrc.json', '.prettierignore',
]; // prettier-ignore

export function git(root: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.email=copy@example.com', '-c', 'user.name=copy', ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
}

export function gitCopyOfRepo(prefix = 'condenser-copy-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const e of entries) cpSync(path.join(repoRoot, e), path.join(root, e), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFileSync(
    path.join(root, '.gitignore'),
    'node_modules\n.condenser\n.condenser-scaffold\ndist\n',
  );
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'copy');
  return root;
}
