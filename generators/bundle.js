// The scaffolder's compiled JavaScript. esbuild bundles generators/main.ts with the libraries
// it always needs (ts-morph and its TypeScript, handlebars, yaml, zod, diff) into one script,
// dist/scaffold/scaffold-<content hash>.cjs, next to a manifest of every input's size and
// mtime. generators/launch.js asks for it on every start; it is rebuilt only when an input
// changed, so editing a generator or a template language file needs no extra step.
// Prettier and node-plop stay in node_modules and are imported only when needed.
//
// One classic script rather than ES modules, so that V8 can keep what it compiled (a code
// cache per command, `codeCacheFile`) and the next start skips compiling again; ES modules
// have no code cache on Node 20. Plain JavaScript: it runs before anything is compiled.
//
//   node generators/bundle.js [--force]   build now if stale

import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const scaffoldBuildDir = join(root, 'dist', 'scaffold');
const manifestFile = join(scaffoldBuildDir, 'manifest.json');
/** Bump when the build itself changes shape, so that older builds are redone. */
const buildFormat = 1;
/** Packages the bundle loads from node_modules at run time, and whose version is its own. */
const loadedPackages = ['ts-morph', '@ts-morph/common'];
/** Inputs that are not imported but change the output (or what it loads). */
const extraInputs = [
  'generators/bundle.js',
  'package.json',
  ...loadedPackages.map((p) => `node_modules/${p}/package.json`),
];
/**
 * Names the bundle's wrapper function provides (see `loadScaffoldBundle`). `import.meta` has
 * no meaning in a classic script: the modules that use it get the generators folder instead
 * (generators/root.ts), and a URL that is never the started script (`runIfMain`).
 */
const wrapperParameters = [
  'exports',
  'require',
  'module',
  '__filename',
  '__dirname',
  '__generatorsDir',
  '__bundleUrl',
  '__scaffoldBuild',
];

/** `<size>:<mtime>` of a repository file, undefined when it is gone. */
function stamp(path) {
  try {
    const s = statSync(join(root, path));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function readManifest() {
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    return m.format === buildFormat ? m : undefined;
  } catch {
    return undefined;
  }
}

/** True when the bundle exists and no input changed since it was built. */
function isFresh(manifest) {
  if (!manifest) return false;
  for (const [path, s] of Object.entries(manifest.inputs)) if (stamp(path) !== s) return false;
  return stamp(manifest.bundle) !== undefined;
}

/** esbuild's errors as `file:line:column: message`, one per line. */
function describeBuildError(err) {
  if (Array.isArray(err?.errors) && err.errors.length > 0) {
    return err.errors
      .map((e) =>
        e.location
          ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}`
          : e.text,
      )
      .join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}

export class ScaffoldBuildError extends Error {}

/** Write through a temporary name, so that a reader never sees half a file. */
export function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * An ES-module-only package whose one export is its default (node-plop), required at run time
 * (Node 20 requires ES modules) and handed over as `import()` gives it: `{ default }`.
 */
function defaultExportOnly(name) {
  const filter = new RegExp(`^${name}$`);
  return {
    name: `default-export-only:${name}`,
    setup(b) {
      b.onResolve({ filter }, (args) =>
        args.namespace === 'default-export-only'
          ? { path: name, external: true }
          : { path: name, namespace: 'default-export-only' },
      );
      b.onLoad({ filter, namespace: 'default-export-only' }, () => ({
        contents: `module.exports = require(${JSON.stringify(name)}).default;`,
        loader: 'js',
      }));
    },
  };
}

/**
 * A CommonJS package (ts-morph, with its TypeScript: most of the scaffolder's start-up) that
 * loads on the first use of one of its exports rather than at start, so that a command whose
 * answers are all in the analysis cache (generators/analysis-cache.ts) never loads it. The
 * export names are read once here, at build time.
 */
function loadedOnFirstUse(name) {
  const filter = new RegExp(`^${name}$`);
  return {
    name: `loaded-on-first-use:${name}`,
    setup(b) {
      b.onResolve({ filter }, (args) =>
        args.namespace === 'loaded-on-first-use'
          ? { path: name, external: true }
          : { path: name, namespace: 'loaded-on-first-use' },
      );
      b.onLoad({ filter, namespace: 'loaded-on-first-use' }, () => {
        const names = Object.keys(createRequire(join(root, 'package.json'))(name));
        const getters = names.map(
          (n) =>
            `${JSON.stringify(n)}: { enumerable: true, get: () => load()[${JSON.stringify(n)}] }`,
        );
        return {
          contents:
            `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(name)}));\n` +
            `Object.defineProperties(module.exports, {\n${getters.join(',\n')}\n});\n`,
          loader: 'js',
        };
      });
    },
  };
}

async function build() {
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['generators/main.ts'],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['prettier', 'esbuild'],
      // `import('prettier')` becomes a require() of it (its CommonJS entry): a classic script
      // run by vm has no import() without an experimental flag.
      supported: { 'dynamic-import': false },
      plugins: [defaultExportOnly('node-plop'), loadedOnFirstUse('ts-morph')],
      define: {
        'import.meta.dirname': '__generatorsDir',
        'import.meta.url': '__bundleUrl',
        'import.meta.filename': '__filename',
      },
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
  } catch (err) {
    throw new ScaffoldBuildError(describeBuildError(err));
  }
  const [output] = result.outputFiles;
  // The build's identity: its code and the versions of what it loads. Analyses cached under
  // it (generators/analysis-cache.ts) and V8's code cache belong to exactly this build.
  const identity = createHash('sha256').update(output.contents);
  for (const p of loadedPackages)
    identity.update(readFileSync(join(root, 'node_modules', p, 'package.json')));
  const hash = identity.digest('hex').slice(0, 16);
  const bundle = `dist/scaffold/scaffold-${hash}.cjs`;
  mkdirSync(scaffoldBuildDir, { recursive: true });
  // The bundle first (its name is its content's hash), the manifest last: a process starting
  // meanwhile loads the old build or the new one, whole.
  writeAtomic(join(root, bundle), output.contents);
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), ...extraInputs]) {
    // `namespace:name` inputs are made by a plugin, not read from a file.
    if (!/^[a-z-]+:/.test(path)) inputs[path] = stamp(path) ?? '';
  }
  const manifest = { format: buildFormat, bundle, inputs };
  writeAtomic(manifestFile, JSON.stringify(manifest, null, 2));
  removeOldBuilds(hash);
  return manifest;
}

/** Bundles (and their code caches) of earlier builds, once no process can still load them. */
function removeOldBuilds(currentHash) {
  const hour = 60 * 60 * 1000;
  for (const name of readdirSync(scaffoldBuildDir)) {
    if (!/^scaffold-[0-9a-f]+\.|\.tmp$/.test(name) || name.includes(currentHash)) continue;
    const path = join(scaffoldBuildDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > hour) rmSync(path, { force: true });
    } catch {
      // removed by another build
    }
  }
}

/**
 * The bundle's path, built first when missing or stale. Throws ScaffoldBuildError (located
 * esbuild errors) when the sources do not compile.
 */
export async function scaffoldBundle(options = {}) {
  const current = readManifest();
  if (!options.force && isFresh(current)) return { built: false, file: join(root, current.bundle) };
  const manifest = await build();
  return { built: true, file: join(root, manifest.bundle) };
}

/** Where V8's compiled code for one command of a bundle is kept. */
export function codeCacheFile(bundleFile, command) {
  return bundleFile.replace(/\.cjs$/, `.${command.replace(/[^a-z-]/g, '')}.v8cache`);
}

/**
 * Run the bundle and return its exports, with V8's code cache for `command` when there is
 * one. `saveCodeCache()` keeps what this run compiled for the next start, when there was no
 * usable cache; the bundle's file name is its content hash, so a cache never meets another
 * bundle (V8 itself checks the version and flags, and rejects a cache that does not fit).
 */
export async function loadScaffoldBundle(bundleFile, command) {
  const vm = await import('node:vm');
  const cacheFile = codeCacheFile(bundleFile, command);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(bundleFile, 'utf8');
  const script = new vm.Script(`(function (${wrapperParameters.join(', ')}) {${source}\n})`, {
    filename: bundleFile,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(
      module.exports,
      module.exports,
      createRequire(bundleFile),
      module,
      bundleFile,
      scaffoldBuildDir,
      join(root, 'generators'),
      pathToFileURL(bundleFile).href,
      /scaffold-([0-9a-f]+)\.cjs$/.exec(bundleFile)?.[1],
    );
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCodeCache() {
      if (usable) return;
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // A read-only checkout still runs, only without the cache.
      }
    },
  };
}

async function main(argv) {
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: node generators/bundle.js [--force]\nBuilds the scaffolder into dist/scaffold when its sources changed.\n',
    );
    return 0;
  }
  try {
    const { built, file } = await scaffoldBundle({ force: argv.includes('--force') });
    process.stdout.write(`${built ? 'built' : 'up to date'}: ${file}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`scaffold build failed:\n${err.message}\n`);
    return 1;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  process.exitCode = await main(process.argv.slice(2));
}
