// Prettier in a worker thread. A new kind's files are rendered before its touch points are
// wired, but were formatted after: loading prettier and printing seven files (a third of
// `npm run new-handler`) waited for ts-morph's load and edits. In a worker, prettier loads
// while the command starts and formats the new files while the wiring runs, on the other core.
// The worker answers exactly as prettier in-process would (the same calls, the same
// configuration resolution); an error comes back as its message.
//
// Plain JavaScript (types in format-worker.d.ts): generators/launch.js starts the worker
// before it loads the scaffolder's bundle, so that prettier loads from the process's start.

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// CommonJS, run by `eval`: the worker needs no file of its own in the build. It loads prettier
// at once and prints a line of TypeScript (the new files' language; their README is formatted
// in the command's thread, format.ts) with `babel-ts`, the parser .prettierrc.json gives
// TypeScript files, so that the parser is loaded before the first job. A file's settings
// (ignored or not, its configuration) are resolved once per command: each lookup reads
// .prettierignore and walks folders, and the statements of one touch point come as several jobs.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const prettier = require(workerData.prettier);
const warm = prettier.format('const a = 1;\\n', { parser: 'babel-ts' }).catch(() => undefined);
const settings = new Map();
function settingsOf(file, ignorePath) {
  const key = file + '\\0' + ignorePath;
  let found = settings.get(key);
  if (!found) {
    found = (async () => {
      const info = await prettier.getFileInfo(file, { ignorePath });
      if (info.ignored) return { ignored: true };
      return { config: (await prettier.resolveConfig(file)) ?? {} };
    })();
    settings.set(key, found);
  }
  return found;
}
parentPort.on('message', async (message) => {
  const { id, prepare, exportsOf, definedOf, file, text, crlf, ignorePath } = message;
  if (prepare) {
    for (const f of prepare) settingsOf(f, ignorePath).catch(() => undefined);
    return;
  }
  const source = exportsOf ?? definedOf?.text;
  if (source !== undefined) {
    try {
      const { parsers } = await import(workerData.babelPlugin);
      const read = require(workerData.exportedNames);
      const program = (await parsers['babel-ts'].parse(source, {})).program;
      parentPort.postMessage(
        exportsOf !== undefined
          ? { id, names: read.exportedNamesOf(program) }
          : { id, value: read.definedStringOf(program, definedOf.callee, definedOf.key) },
      );
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  try {
    await warm;
    const { ignored, config } = await settingsOf(file, ignorePath);
    if (ignored) return parentPort.postMessage({ id, ignored: true });
    const formatted = await prettier.format(text, {
      ...config,
      ...(crlf ? { endOfLine: 'crlf' } : {}),
      filepath: file,
    });
    parentPort.postMessage({ id, text: formatted });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

/** Start the worker for the repository at `root` (prettier is resolved from there). */
export function startFormatWorker(root) {
  const resolve = createRequire(path.join(root, 'package.json')).resolve;
  const workerData = {
    prettier: resolve('prettier'),
    // The module prettier's own format imports (index.mjs: "./plugins/babel.mjs"), not the
    // CommonJS build beside it: one copy of the parser loads, not two.
    babelPlugin: pathToFileURL(path.join(path.dirname(resolve('prettier')), 'plugins', 'babel.mjs'))
      .href,
    exportedNames: path.join(import.meta.dirname, 'exported-names.cjs'),
  };
  // None of the process's flags: `--input-type=module` would make the source an ES module.
  const worker = new Worker(workerSource, { eval: true, execArgv: [], workerData });
  /** @type {Map<number, { resolve: (reply: object) => void; reject: (err: Error) => void }>} */
  const waiting = new Map();
  let next = 0;
  let failure;
  const failAll = (err) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker.unref();
  };
  // Idle, the worker never keeps the process alive; with a job out, it must.
  worker.unref();
  worker.on('message', (reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.error !== undefined) w.reject(new Error(reply.error));
    else w.resolve(reply);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the formatting worker stopped (exit ${code})`)));
  const ask = (message) => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    worker.ref();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  };
  return {
    async format(job) {
      const reply = await ask(job);
      return reply.ignored ? { ignored: true } : { text: reply.text ?? '' };
    },
    async exportedNames(text) {
      return (await ask({ exportsOf: text })).names ?? [];
    },
    async definedString(text, callee, key) {
      return (await ask({ definedOf: { text, callee, key } })).value ?? null;
    },
    prepare(files, ignorePath) {
      if (!failure) worker.postMessage({ prepare: files, ignorePath });
    },
    async close() {
      failAll(new Error('the formatting worker was closed'));
      await worker.terminate();
    },
  };
}
