// The format cache's key covers everything prettier's answer depends on, refuses what it
// cannot know from bytes, and a damaged entry is a miss.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../generators/cache-store.js';
import { formatCacheKey } from '../../generators/format-cache.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'condenser-format-cache-'));
  mkdirSync(path.join(root, 'src', 'services', 'demo'), { recursive: true });
  writeFileSync(path.join(root, '.prettierrc.json'), '{ "printWidth": 100 }\n');
  writeFileSync(path.join(root, '.prettierignore'), 'dist\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const input = (over: Partial<Parameters<typeof formatCacheKey>[0]> = {}) => ({
  root,
  file: 'src/services/demo/handler.ts',
  text: 'export const a = 1;\n',
  crlf: false,
  ...over,
});

describe('the format cache key', () => {
  it('is the same for the same input, in another copy of the same tree too', () => {
    const key = formatCacheKey(input());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(formatCacheKey(input())).toBe(key);
    const copy = mkdtempSync(path.join(tmpdir(), 'condenser-format-cache-copy-'));
    try {
      mkdirSync(path.join(copy, 'src', 'services', 'demo'), { recursive: true });
      writeFileSync(path.join(copy, '.prettierrc.json'), '{ "printWidth": 100 }\n');
      writeFileSync(path.join(copy, '.prettierignore'), 'dist\n');
      expect(formatCacheKey(input({ root: copy }))).toBe(key);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it.each([
    ['the text', { text: 'export const a = 2;\n' }],
    ['the file', { file: 'src/services/demo/config.ts' }],
    ['the line endings', { crlf: true }],
  ])('changes with %s', (_, over) => {
    expect(formatCacheKey(input(over))).not.toBe(formatCacheKey(input()));
  });

  it.each([
    ['the root configuration', '.prettierrc.json', '{ "printWidth": 80 }\n'],
    ['a configuration in the file folder', 'src/services/demo/.prettierrc', 'semi: false\n'],
    ['an .editorconfig above it', 'src/.editorconfig', '[*]\nindent_size = 4\n'],
    ['a package.json in between', 'src/services/package.json', '{ "prettier": {} }\n'],
    ['.prettierignore', '.prettierignore', 'dist\nsrc\n'],
    ['a .prettierrc.toml above it', 'src/.prettierrc.toml', 'semi = false\n'],
  ])('changes with %s', (_, file, content) => {
    const before = formatCacheKey(input());
    writeFileSync(path.join(root, file), content);
    expect(formatCacheKey(input())).not.toBe(before);
  });

  it.each([
    ['a configuration that is code', 'src/prettier.config.js', 'export default {};\n'],
    ['a .prettierrc.cjs', '.prettierrc.cjs', 'module.exports = {};\n'],
    ['a prettier.config.mts', 'src/services/prettier.config.mts', 'export default {};\n'],
    ['a configuration with plugins', 'src/services/.prettierrc.json', '{ "plugins": ["x"] }\n'],
  ])('refuses a text under %s', (_, file, content) => {
    writeFileSync(path.join(root, file), content);
    expect(formatCacheKey(input())).toBeUndefined();
  });
});

describe('the cache store', () => {
  it('gives back what was put, and a damaged entry as a miss', () => {
    const store = new CacheStore(path.join(root, 'cache'));
    const key = 'a'.repeat(64);
    expect(store.get(key)).toBeUndefined();
    store.put(key, 'formatted\n');
    expect(store.get(key)).toBe('formatted\n');
    const [entry] = readdirSync(path.join(root, 'cache'));
    writeFileSync(path.join(root, 'cache', entry!), `${'0'.repeat(64)}\nformatted\n`);
    expect(store.get(key)).toBeUndefined();
  });

  it('keeps at most its number of entries, dropping the oldest', () => {
    const store = new CacheStore(path.join(root, 'cache'), 4);
    for (let i = 0; i < 5; i++) store.put(String(i).repeat(64), `entry ${i}`);
    // The first put of a process prunes (nothing yet); a new process prunes the excess.
    const next = new CacheStore(path.join(root, 'cache'), 4);
    next.put('f'.repeat(64), 'entry f');
    expect(readdirSync(path.join(root, 'cache')).length).toBeLessThanOrEqual(4);
    expect(next.get('f'.repeat(64))).toBe('entry f');
  });
});
