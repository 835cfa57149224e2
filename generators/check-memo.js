// The verdict of `npm run wire -- --check` on a tree it has already found complete. The check
// is a function of the scaffolder's build and of the files it reads, so when it passes, the
// launcher keeps a digest of those; a later check on the same tree gets the same answer
// without loading the scaffolder (as `tsc --incremental` or `eslint --cache` do). Any change
// of an input, any other build, a commit left to recover or a scaffolder command running
// means the whole check runs. Only a pass is kept: drift is always found and told afresh.
//
// The inputs, over-approximated (a change that cannot matter only costs a full check):
//   - the build: its bundle's file name carries the hash of every source and package it holds;
//   - prettier's version (it stays in node_modules);
//   - the six touch points and every file under src/services/ (the handler folders),
//     generators/catalogue/ (the specs), templates/ and test/services/ (generated tests), by
//     path and content (test/generators/launch.test.ts holds the list to the wiring's and the
//     templates' own);
//   - prettier's configuration files in each folder above those, up to the file system's root.
// Plain JavaScript: the launcher runs it before anything is compiled.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../bin/build-support.js';

/** Bump when the digest changes meaning. */
const memoFormat = 1;
/** Files and trees the check reads, repo-relative. */
export const checkedPaths = [
  'src/server/config.ts',
  'src/server/server.ts',
  'src/task/task-master.ts',
  'src/alert/service.ts',
  'src/pipeline/alert.ts',
  'src/task/alert-node.ts',
  'src/services',
  'generators/catalogue',
  'templates',
  'test/services',
];
/** The files prettier 3 takes its options from, and its ignore file. */
const prettierConfig = [
  '.editorconfig',
  '.prettierignore',
  'package.json',
  'package.yaml',
  '.prettierrc',
  ...['json', 'yaml', 'yml', 'json5', 'toml'].map((ext) => `.prettierrc.${ext}`),
  ...['js', 'ts', 'mjs', 'mts', 'cjs', 'cts'].flatMap((ext) => [
    `.prettierrc.${ext}`,
    `prettier.config.${ext}`,
  ]),
];

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function entriesOf(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
  } catch {
    return [];
  }
}

/** A file's content into the hash under its name; false when it is not a readable file. */
function hashFile(hash, name, absolute) {
  let content;
  try {
    content = readFileSync(absolute); // a symlink counts as what it points to
  } catch {
    return false; // absent, or a folder: the check cannot read it either
  }
  hash.update(`${name}\0${content.length}\0`).update(content);
  return true;
}

/** A file, or every file of a tree, into the hash, by repo-relative path and content. */
function hashPath(hash, root, rel) {
  if (hashFile(hash, `f ${rel}`, path.join(root, rel))) return;
  for (const entry of entriesOf(path.join(root, rel))) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) hashPath(hash, root, child);
    else hashFile(hash, `f ${child}`, path.join(root, child));
  }
}

/** Prettier's configuration files in `dir`, named by the folder's place relative to `root`. */
function hashConfig(hash, root, dir) {
  for (const name of prettierConfig) {
    const where = path.relative(root, path.join(dir, name)).split(path.sep).join('/');
    hashFile(hash, `c ${where}`, path.join(dir, name));
  }
}

function prettierVersion(root) {
  try {
    const manifest = path.join(root, 'node_modules', 'prettier', 'package.json');
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return '-';
  }
}

/** The digest of everything the check's verdict depends on, for the build `bundleFile`. */
export function checkDigest(root, bundleFile) {
  const hash = createHash('sha256');
  hash.update(`${memoFormat}\0${path.basename(bundleFile)}\0${prettierVersion(root)}\0`);
  const folders = new Set();
  for (const rel of checkedPaths) {
    hashPath(hash, root, rel);
    for (let dir = path.dirname(path.join(root, rel)); ; dir = path.dirname(dir)) {
      folders.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const dir of [...folders].sort(compare)) hashConfig(hash, root, dir);
  return hash.digest('hex');
}

function memoFile(root) {
  return path.join(root, 'dist', 'scaffold', 'wire-check.json');
}

/**
 * Whether the check may be answered from the memo: nothing for a scaffolder command to
 * recover or wait for (.condenser-scaffold/ holds a commit's journal and the lock).
 */
export function memoApplies(root) {
  const state = path.join(root, '.condenser-scaffold');
  return !existsSync(path.join(state, 'journal.json')) && !existsSync(path.join(state, 'lock'));
}

/** Whether the last passing check was of exactly this digest. */
export function passedBefore(root, digest) {
  try {
    return JSON.parse(readFileSync(memoFile(root), 'utf8')).digest === digest;
  } catch {
    return false;
  }
}

export function recordPass(root, digest) {
  try {
    writeAtomic(memoFile(root), `${JSON.stringify({ format: memoFormat, digest })}\n`);
  } catch {
    // a read-only checkout checks in full every time
  }
}
