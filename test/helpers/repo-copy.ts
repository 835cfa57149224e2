// A throw-away copy of the repository that is its own git repository, all committed, so a
// test (or the scaffold bench) can run the scaffolder on it and `git status` shows exactly
// what changed. node_modules is a symlink to this checkout's.

import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** What a copy needs to run the scaffolder, the host and the generated tests. */
const entries = [
  'src', 'console', 'generators', 'templates', 'test', 'fuzz', 'bin', 'package.json', 'tsconfig.json', 'eslint.config.js',
  'vitest.config.ts', '.prettierrc.json', '.prettierignore', 'README.md', 'docs',
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

export interface CopyOptions {
  /**
   * Start the copy with this checkout's scaffolder build (dist/scaffold, made by `npm test`'s
   * wiring check), so that `node generators/launch.js` in the copy starts warm instead of
   * building: the build checks its inputs by content, and rebuilds if the copy differs.
   */
  scaffoldBuild?: boolean;
}

/**
 * This checkout's dist/scaffold in `root`, hard-linked where it can be (every file there is
 * replaced by rename, never written in place, so the checkout's files are never changed).
 */
export function linkScaffoldBuild(root: string): void {
  const from = path.join(repoRoot, 'dist/scaffold');
  if (!existsSync(path.join(from, 'manifest.json'))) return;
  const link = (dir: string): void => {
    const to = path.join(root, 'dist/scaffold', path.relative(from, dir));
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) link(source);
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
        try {
          linkSync(source, path.join(to, entry.name));
        } catch {
          copyFileSync(source, path.join(to, entry.name));
        }
      }
    }
  };
  link(from);
}

export function gitCopyOfRepo(prefix = 'condenser-copy-', options: CopyOptions = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const e of entries) cpSync(path.join(repoRoot, e), path.join(root, e), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  if (options.scaffoldBuild) linkScaffoldBuild(root);
  writeFileSync(
    path.join(root, '.gitignore'),
    'node_modules\n.condenser\n.condenser-scaffold\ndist\n',
  );
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'copy');
  return root;
}
