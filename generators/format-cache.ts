// What prettier made of a text before, so that checks which format the same text again (every
// catalogue kind on each `npm run wire -- --check`) need not load prettier at all.
//
// An entry is found by a key over everything prettier's answer depends on: the text, the
// file's repo-relative path (the parser, .prettierignore), prettier's version, the line-ending
// override, and the content of every file prettier could take its configuration from in the
// file's folder and each folder above it (.prettierrc*, package.json, package.yaml,
// .editorconfig) plus .prettierignore. A configuration that is code (prettier.config.js, a
// .prettierrc.cjs, ...) or that loads plugins makes the text uncacheable: its effect cannot be
// known from its bytes. Entries are written atomically and carry the hash of their content, so
// a damaged entry is a miss, never a wrong answer. The cache lives with the scaffolder's build
// (dist/scaffold/format-cache, gitignored); deleting it only costs time.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CacheStore, sha256 } from './cache-store.js';
import { repoRoot } from './root.js';

/** Bump when the key or the entry format changes. */
const cacheFormat = 1;
const store = new CacheStore(path.join(repoRoot, 'dist', 'scaffold', 'format-cache'));

/**
 * Files prettier may read its options from (its own search list, and .editorconfig); the code
 * ones (and plugins) make a text uncacheable. Looked up by name rather than by listing each
 * folder: a folder above the repository can hold tens of thousands of entries (/tmp).
 */
const configNames = [
  'package.json',
  'package.yaml',
  '.editorconfig',
  '.prettierrc',
  ...['json', 'yaml', 'yml', 'json5', 'toml'].map((ext) => `.prettierrc.${ext}`),
  ...['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'].flatMap((ext) => [
    `.prettierrc.${ext}`,
    `prettier.config.${ext}`,
  ]),
];
const codeConfig = /\.(js|cjs|mjs|ts|cts|mts)$/;

export interface FormatKeyInput {
  /** The repository the file belongs to (where .prettierignore is). */
  root: string;
  /** Repo-relative path. */
  file: string;
  text: string;
  crlf: boolean;
}

/** A folder's configuration files as last read, and the stamps that say they still are. */
interface FolderConfig {
  names: string[];
  /** `size:mtime` of the folder (files added or removed) and of each configuration file. */
  stamps: string;
  /** `name:hash` lines; null when one of them is code or loads plugins. */
  config: string | null;
}

const folderConfigs = new Map<string, FolderConfig>();
let prettierVersion: string | undefined;

function stampsOf(dir: string, names: string[]): string {
  return [dir, ...names.map((n) => path.join(dir, n))]
    .map((file) => {
      try {
        const s = statSync(file);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return '-';
      }
    })
    .join(' ');
}

/** The configuration files of one folder as `name:hash` lines; null when one is code. */
function folderConfig(dir: string): string | null {
  const known = folderConfigs.get(dir);
  if (known && stampsOf(dir, known.names) === known.stamps) return known.config;
  const names = configNames.filter((name) => existsSync(path.join(dir, name))).sort();
  const stamps = stampsOf(dir, names);
  const lines: string[] = [];
  let config: string | null = '';
  for (const name of names) {
    let content: string;
    try {
      content = readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue; // a folder named like a config file, or unreadable: prettier cannot use it either
    }
    if (codeConfig.test(name) || (name !== '.editorconfig' && content.includes('plugins'))) {
      config = null;
      break;
    }
    lines.push(`${name}:${sha256(content)}`);
  }
  if (config !== null) config = lines.join('\n');
  folderConfigs.set(dir, { names, stamps, config });
  return config;
}

function installedPrettierVersion(): string {
  if (prettierVersion === undefined) {
    const require = createRequire(path.join(repoRoot, 'generators', 'format-cache.ts'));
    const manifest = JSON.parse(readFileSync(require.resolve('prettier/package.json'), 'utf8'));
    prettierVersion = String((manifest as { version?: unknown }).version);
  }
  return prettierVersion;
}

/** The entry's key, or undefined when the text's formatting cannot be cached. */
export function formatCacheKey(
  input: FormatKeyInput,
  /** Folder configurations already read by this command, which changes none of them. */
  seen?: Map<string, string | null>,
): string | undefined {
  const parts: string[] = [];
  for (let dir = path.dirname(path.resolve(input.root, input.file)); ; dir = path.dirname(dir)) {
    let config = seen?.get(dir);
    if (config === undefined) {
      config = folderConfig(dir);
      seen?.set(dir, config);
    }
    if (config === null) return undefined;
    // Folders by their place relative to the root, and only those with configuration files:
    // a copy of the repository elsewhere finds the same entries.
    if (config !== '') parts.push(`${path.relative(input.root, dir) || '.'}\n${config}`);
    if (path.dirname(dir) === dir) break;
  }
  let ignore = '';
  try {
    ignore = readFileSync(path.join(input.root, '.prettierignore'), 'utf8');
  } catch {
    // no ignore file
  }
  return sha256(
    JSON.stringify([
      cacheFormat,
      installedPrettierVersion(),
      input.file,
      input.crlf,
      sha256(ignore),
      parts,
      input.text,
    ]),
  );
}

/** The formatted text kept under `key`, if any. */
export function readFormatCache(key: string): string | undefined {
  return store.get(key);
}

export function writeFormatCache(key: string, formatted: string): void {
  store.put(key, formatted);
}
