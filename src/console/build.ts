// Building the console (console/, Preact + TypeScript) into dist/console with esbuild: hashed
// file names, a gzip copy of each text file, index.html, and a manifest that records every
// input's size and mtime so a start only rebuilds when a source changed. Run by `npm install`
// (postinstall) and before `condenser serve`; `tsx src/console/build.ts [--force]` by hand.

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describeBuildError, writeAtomic } from '../../bin/build-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const consoleSourceDir = join(root, 'console');
export const consoleOutDir = join(root, 'dist', 'console');
const manifestFile = join(consoleOutDir, 'manifest.json');
/**
 * This file as an input of the build, named by its source path: the host also runs it from
 * its bundle (bin/host-bundle.js), where import.meta.url names the bundle.
 */
const self = 'src/console/build.ts';
/** Bump when the build itself changes shape, so old builds are redone. */
const buildFormat = 3;

export interface ConsoleFile {
  type: string;
  bytes: number;
  /** Size of the `.gz` copy; 0 when there is none. */
  gzipBytes: number;
}

export interface ConsoleManifest {
  format: number;
  /** Every input of the last build (repo-relative) with `<size>:<mtimeMs>`. */
  inputs: Record<string, string>;
  /** Served files by name (`index.html`, `app-XXXX.js`). */
  files: Record<string, ConsoleFile>;
  /** Gzipped bytes of all JavaScript shipped (the budget is 150 KB). */
  jsGzipBytes: number;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function typeOf(name: string): string {
  return types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
}

function stamp(path: string): string | undefined {
  try {
    const s = statSync(join(root, path));
    return `${s.size}:${Math.trunc(s.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

export function readManifest(): ConsoleManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as ConsoleManifest;
    return m.format === buildFormat ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The console sources exist (a repository checkout, not a bundle without them). */
export function hasConsoleSources(): boolean {
  try {
    return statSync(join(consoleSourceDir, 'main.tsx')).isFile();
  } catch {
    return false;
  }
}

/** True when the last build's inputs are all unchanged. */
export function isFresh(manifest: ConsoleManifest | undefined): manifest is ConsoleManifest {
  if (!manifest) return false;
  if (manifest.inputs[self] !== stamp(self)) return false;
  return Object.entries(manifest.inputs).every(([path, s]) => stamp(path) === s);
}

function indexHTML(script: string, style: string | undefined): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Condenser console</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
${style ? `<link rel="stylesheet" href="${style}">\n` : ''}<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"></div>
<noscript>The Condenser console needs JavaScript. The HTTP API is at /kapacitor/v1.</noscript>
</body>
</html>
`;
}

const entry = 'console/main.tsx';

async function build(): Promise<ConsoleManifest> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: entry },
    outdir: 'dist/console',
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: ['chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(consoleOutDir, { recursive: true });
  const files: Record<string, ConsoleFile> = {};
  let jsGzipBytes = 0;
  const emit = (name: string, data: Uint8Array): void => {
    const gz = gzipSync(data, { level: 9 });
    writeAtomic(join(consoleOutDir, name), data);
    writeAtomic(join(consoleOutDir, `${name}.gz`), gz);
    files[name] = { type: typeOf(name), bytes: data.length, gzipBytes: gz.length };
    if (name.endsWith('.js')) jsGzipBytes += gz.length;
  };
  let script = '';
  let style: string | undefined;
  for (const out of result.outputFiles) {
    const name = relative(consoleOutDir, out.path);
    emit(name, out.contents);
    const meta = result.metafile.outputs[relative(root, out.path)];
    // Dynamic imports are entry points too: the page loads the one of main.tsx.
    if (meta?.entryPoint === entry) {
      script = name;
      if (meta.cssBundle) style = relative('dist/console', meta.cssBundle);
    }
  }
  if (script === '') throw new Error(`esbuild wrote no output for ${entry}`);
  const favicon = readFileSync(join(consoleSourceDir, 'favicon.svg'));
  const iconName = 'favicon.svg';
  emit(iconName, favicon);
  emit('index.html', Buffer.from(indexHTML(script, style)));

  const inputs: Record<string, string> = {};
  for (const path of [...Object.keys(result.metafile.inputs), self, 'console/favicon.svg'])
    inputs[path] = stamp(path) ?? '';
  const manifest: ConsoleManifest = { format: buildFormat, inputs, files, jsGzipBytes };
  writeAtomic(manifestFile, JSON.stringify(manifest, null, 2));
  // Files of earlier builds (other hashes) are no longer served: remove them.
  const keep = new Set(['manifest.json', ...Object.keys(files).flatMap((n) => [n, `${n}.gz`])]);
  for (const name of readdirSync(consoleOutDir)) {
    if (!keep.has(name) && !name.endsWith('.tmp'))
      rmSync(join(consoleOutDir, name), { force: true });
  }
  return manifest;
}

let running: Promise<{ built: boolean; manifest: ConsoleManifest }> | undefined;

/**
 * Build the console unless the last build is up to date. Concurrent callers in one process
 * share one build; builds in separate processes write the same hashed files atomically.
 */
export function ensureConsoleBuilt(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; manifest: ConsoleManifest }> {
  const current = readManifest();
  if (!options.force && isFresh(current))
    return Promise.resolve({ built: false, manifest: current });
  running ??= build()
    .then((manifest) => ({ built: true, manifest }))
    .finally(() => {
      running = undefined;
    });
  return running;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: tsx src/console/build.ts [--force]\nBuilds the console into dist/console when its sources changed.\n',
    );
    return 0;
  }
  const t0 = performance.now();
  try {
    const { built, manifest } = await ensureConsoleBuilt({ force: argv.includes('--force') });
    const ms = Math.round(performance.now() - t0);
    const kb = (manifest.jsGzipBytes / 1024).toFixed(1);
    process.stdout.write(
      built
        ? `console built into ${relative(process.cwd(), consoleOutDir) || '.'} in ${ms} ms (JavaScript ${kb} KB gzipped)\n`
        : `console is up to date (JavaScript ${kb} KB gzipped)\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`console build failed: ${consoleBuildError(err)}\n`);
    return 1;
  }
}

/** esbuild's errors located by file:line:column, one per line. */
export const consoleBuildError: (err: unknown) => string = describeBuildError;

// Run as a script (not when bundled into the host, whose entry is bin/condenser.js).
if (
  process.argv[1] &&
  import.meta.url.endsWith('/src/console/build.ts') &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
