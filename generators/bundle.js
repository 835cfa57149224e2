// The scaffolder's compiled JavaScript. esbuild bundles generators/main.ts with handlebars,
// yaml, zod and diff into one script, dist/scaffold/scaffold-<hash>.cjs, and ts-morph (with
// its TypeScript, most of the code) into another, ts-morph-<hash>.cjs, which loads on the
// first use of ts-morph only (a check whose answers are all in the analysis cache never needs
// it). A manifest lists every input's size, mtime and content hash; generators/launch.js asks
// for the build on every start, and it is rebuilt only when an input's content changed, so
// editing a generator needs no extra step. Prettier and node-plop stay in node_modules and are imported when needed.
//
// Classic scripts rather than ES modules, so that V8 can keep what it compiled (a code cache
// per script and command, `codeCacheFile`) and the next start skips compiling again; ES modules
// have no code cache on Node 20. Plain JavaScript: it runs before anything is compiled.
//
//   node generators/bundle.js [--force]   build now if stale

import { Buffer, isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { describeBuildError, runCachedScript, writeAtomic } from '../bin/build-support.js';

const root = fileURLToPath(new URL('../', import.meta.url));
export const scaffoldBuildDir = join(root, 'dist', 'scaffold');
const manifestFile = join(scaffoldBuildDir, 'manifest.json');
/** Bump when the build itself changes shape, so that older builds are redone. */
const buildFormat = 2;
/** Inputs that are not imported but change the output. */
const extraInputs = ['generators/bundle.js', 'package.json'];
/**
 * Code the bundle runs from outside it (the formatting worker requires it by path), whose
 * answers the analysis cache keeps under the build's identity: part of that identity, so that
 * an edit of it never meets an answer of the code before.
 */
const runtimeInputs = ['generators/exported-names.cjs'];

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

/** The sha256 of a repository file's content, undefined when it is gone. */
function contentHash(path) {
  try {
    return createHash('sha256')
      .update(readFileSync(join(root, path)))
      .digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * True when a file is as the manifest saw it: the same stamp, or a new stamp (a copy of the
 * tree, a checkout that touched it) over the same content.
 */
function unchanged(path, { stamp: s, sha }) {
  const now = stamp(path);
  if (now === s) return true;
  return now !== undefined && now.split(':')[0] === s.split(':')[0] && contentHash(path) === sha;
}

/**
 * True when the bundle exists and no input changed since it was built. An input whose stamp
 * changed but whose content did not is unchanged: its new stamp is written back, so the next
 * start compares stamps only.
 */
function isFresh(manifest) {
  if (!manifest) return false;
  const outputs = [manifest.bundle, ...Object.values(manifest.scripts)];
  if (!outputs.every((f) => stamp(f) !== undefined)) return false;
  let touched = false;
  for (const [path, seen] of Object.entries(manifest.inputs)) {
    if (stamp(path) === seen.stamp) continue;
    if (!unchanged(path, seen)) return false;
    manifest.inputs[path] = { stamp: stamp(path), sha: seen.sha };
    touched = true;
  }
  if (touched) {
    try {
      writeAtomic(manifestFile, JSON.stringify(manifest, null, 2));
    } catch {
      // read-only: compared by content again next time
    }
  }
  return true;
}

/**
 * The lazy script `name` of the last build when none of its inputs changed (a generator
 * source edited, TypeScript untouched): the next build keeps it rather than bundling 14 MB of
 * TypeScript again, about 1.5 s of every rebuild.
 */
function reusableScript(previous, name) {
  const file = previous?.scripts[name];
  const inputs = previous?.scriptInputs?.[name];
  if (file === undefined || inputs === undefined || stamp(file) === undefined) return undefined;
  for (const path of [...inputs, ...extraInputs]) {
    const seen = previous.inputs[path];
    if (seen === undefined || !unchanged(path, seen)) return undefined;
  }
  return file;
}

export class ScaffoldBuildError extends Error {}

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
 * export names are read once here, at build time; the package itself is its own script
 * (`lazyScripts`), required through the wrapper's `require`.
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

const sharedOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Other characters escaped (comments aside), so that most scripts read as one-byte text.
  charset: 'ascii',
  metafile: true,
  write: false,
  logLevel: 'silent',
};

/** Scripts of their own, loaded on first use: module name → bundle file prefix. */
const lazyScripts = { 'ts-morph': 'ts-morph' };

/** The files an esbuild result read (plugin namespaces and <stdin> are no files). */
function filesRead(result) {
  return Object.keys(result.metafile.inputs).filter((path) => !/^[a-z-]+:|^<stdin>$/.test(path));
}

async function build(previous) {
  const esbuild = await import('esbuild');
  const lazyNames = Object.keys(lazyScripts);
  const reused = lazyNames.map((name) => reusableScript(previous, name));
  let main;
  let lazy;
  try {
    [main, ...lazy] = await Promise.all([
      esbuild.build({
        ...sharedOptions,
        entryPoints: ['generators/main.ts'],
        external: ['prettier', 'esbuild'],
        // `import('prettier')` becomes a require() of it (its CommonJS entry): a classic
        // script run by vm has no import() without an experimental flag.
        supported: { 'dynamic-import': false },
        plugins: [
          defaultExportOnly('node-plop'),
          ...lazyNames.map((name) => loadedOnFirstUse(name)),
        ],
        // `import.meta` means nothing in a classic script: the modules that use it get the
        // generators folder (generators/root.ts) and a URL that is never the started script
        // (`runIfMain`), given by `loadScaffoldBundle`.
        define: {
          'import.meta.dirname': '__generatorsDir',
          'import.meta.url': '__bundleUrl',
          'import.meta.filename': '__filename',
        },
      }),
      ...lazyNames.map((name, i) =>
        reused[i] !== undefined
          ? undefined
          : esbuild.build({
              ...sharedOptions,
              // Minified: a third less text to read and hash at every start that loads it
              // (14 MB of TypeScript and ts-morph), 0.07–0.1 s of new-handler's start. Neither
              // library reads a function's name, and its stack traces never reach a user.
              minify: true,
              stdin: {
                contents: `module.exports = require(${JSON.stringify(name)});`,
                resolveDir: root,
              },
            }),
      ),
    ]);
  } catch (err) {
    throw new ScaffoldBuildError(describeBuildError(err));
  }
  mkdirSync(scaffoldBuildDir, { recursive: true });
  // Every script is named by its content's hash and written before the manifest: a process
  // starting meanwhile loads the old build or the new one, whole.
  const scripts = {};
  const scriptInputs = {};
  const identity = createHash('sha256');
  for (const [i, name] of lazyNames.entries()) {
    if (reused[i] !== undefined) {
      scripts[name] = reused[i];
      scriptInputs[name] = previous.scriptInputs[name];
    } else {
      scripts[name] = writeScript(lazyScripts[name], asciiOnly(lazy[i].outputFiles[0].contents));
      scriptInputs[name] = filesRead(lazy[i]);
    }
    // Its file name carries its content's hash.
    identity.update(scripts[name]);
  }
  const bundleContents = asciiOnly(main.outputFiles[0].contents);
  for (const path of runtimeInputs) identity.update(readFileSync(join(root, path)));
  // The build's identity: all of its code. Analyses cached under it
  // (generators/analysis-cache.ts) belong to exactly this build.
  const hash = identity.update(bundleContents).digest('hex').slice(0, 16);
  const bundle = `dist/scaffold/scaffold-${hash}.cjs`;
  writeAtomic(join(root, bundle), bundleContents);
  const inputs = {};
  const allInputs = [
    ...filesRead(main),
    ...Object.values(scriptInputs).flat(),
    ...extraInputs,
    ...runtimeInputs,
  ];
  for (const path of allInputs) {
    inputs[path] = { stamp: stamp(path) ?? '', sha: contentHash(path) ?? '' };
  }
  const manifest = { format: buildFormat, bundle, scripts, scriptInputs, inputs };
  writeAtomic(manifestFile, JSON.stringify(manifest, null, 2));
  removeOldBuilds(new Set([bundle, ...Object.values(scripts)].map((f) => f.replace(/\.cjs$/, ''))));
  return { manifest, reused: lazyNames.filter((_, i) => reused[i] !== undefined) };
}

/**
 * The script with every character esbuild left unescaped (in comments only: `charset`
 * escapes the rest) written as `\u{...}`, so that it reads as one-byte text.
 */
function asciiOnly(contents) {
  if (isAscii(contents)) return contents;
  const text = Buffer.from(contents).toString('utf8');
  return Buffer.from(
    text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`),
  );
}

/** `dist/scaffold/<prefix>-<content hash>.cjs`, written unless it is there already. */
function writeScript(prefix, contents) {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const file = `dist/scaffold/${prefix}-${hash}.cjs`;
  if (stamp(file) === undefined) writeAtomic(join(root, file), contents);
  return file;
}

/** Scripts (and their code caches) of earlier builds, once no process can still load them. */
function removeOldBuilds(current) {
  const hour = 60 * 60 * 1000;
  for (const name of readdirSync(scaffoldBuildDir)) {
    const stem = `dist/scaffold/${name.replace(/\..*$/, '')}`;
    if (!/^[a-z-]+-[0-9a-f]{16}\.|\.tmp$/.test(name) || current.has(stem)) continue;
    const path = join(scaffoldBuildDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > hour) rmSync(path, { force: true });
    } catch {
      // removed by another build
    }
  }
}

/**
 * The bundle's path, built first when missing or stale (`built`; `reused`: the lazy scripts
 * that build kept from the last one). Throws ScaffoldBuildError (located esbuild errors) when
 * the sources do not compile.
 */
export async function scaffoldBundle(options = {}) {
  const current = readManifest();
  const fresh = !options.force && isFresh(current);
  const { manifest, reused } = fresh
    ? { manifest: current, reused: [] }
    : await build(options.force ? undefined : current);
  const scripts = {};
  for (const [name, file] of Object.entries(manifest.scripts)) scripts[name] = join(root, file);
  return { built: !fresh, reused, file: join(root, manifest.bundle), scripts };
}

/** Where V8's compiled code for one command of a script is kept. */
export function codeCacheFile(scriptFile, command) {
  return scriptFile.replace(/\.cjs$/, `.${command.replace(/[^a-z-]/g, '')}.v8cache`);
}

/** The variables a script of the build sees, as CommonJS gives them, plus the bundle's own. */
function scriptParameters(file, require, extra = {}) {
  return {
    exports: {},
    require,
    module: undefined,
    __filename: file,
    __dirname: scaffoldBuildDir,
    ...extra,
  };
}

/**
 * Run the bundle and return its exports. The lazy scripts (ts-morph) run when the bundle
 * first requires them. `saveCodeCache()` keeps, for the next start, what this run compiled of
 * every script it ran that had no usable cache.
 */
export async function loadScaffoldBundle(build, command) {
  const nodeRequire = createRequire(build.file);
  const ran = [];
  const loaded = new Map();
  const load = (file) => {
    const parameters = scriptParameters(file, createRequire(file));
    parameters.module = { exports: parameters.exports };
    ran.push(runCachedScript(file, codeCacheFile(file, command), parameters));
    return parameters.module.exports;
  };
  const require = Object.assign((id) => {
    const lazy = build.scripts[id];
    if (lazy === undefined) return nodeRequire(id);
    if (!loaded.has(id)) loaded.set(id, load(lazy));
    return loaded.get(id);
  }, nodeRequire);
  const parameters = scriptParameters(build.file, require, {
    __generatorsDir: join(root, 'generators'),
    __bundleUrl: pathToFileURL(build.file).href,
    __scaffoldBuild: /scaffold-([0-9a-f]+)\.cjs$/.exec(build.file)?.[1],
  });
  parameters.module = { exports: parameters.exports };
  ran.push(runCachedScript(build.file, codeCacheFile(build.file, command), parameters));
  return {
    exports: parameters.module.exports,
    saveCodeCache() {
      for (const r of ran) r.saveCodeCache();
    },
    /** The lazy scripts this run loaded (`ts-morph` when it parsed TypeScript). */
    lazyLoaded: () => [...loaded.keys()],
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
