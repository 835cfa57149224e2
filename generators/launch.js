#!/usr/bin/env node
// `npm run new-handler | wire | catalogue | remove-handler`: run the scaffolder's command from
// its compiled bundle (generators/bundle.js: rebuilt first when a source changed), with V8's
// code cache, instead of compiling TypeScript at every start. The scripts' own files still run
// as they are through tsx (`tsx generators/wire.ts`), with the same result.
//
//   node generators/launch.js <command> [args...]
//
// `npm run new-handler` adds `--single-threaded-gc`: its command and prettier's worker keep two
// cores busy, and V8's garbage-collector helper threads would only take turns from them.

import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { dropOutputToClosedPipes } from '../bin/closed-pipes.js';
import { loadScaffoldBundle, scaffoldBundle } from './bundle.js';
import { checkDigest, memoApplies, passedBefore, recordPass } from './check-memo.js';
import { startFormatWorker } from './format-worker.js';

dropOutputToClosedPipes();
const [command = '', ...args] = process.argv.slice(2);
const known = ['new-handler', 'wire', 'catalogue', 'remove-handler'];
const root = fileURLToPath(new URL('../', import.meta.url));

async function main() {
  if (!known.includes(command)) {
    process.stderr.write(
      `launch: unknown command "${command}"; one of: ${known.join(', ')}\n` +
        'usage: node generators/launch.js <command> [args...]\n',
    );
    return 2;
  }
  // Prettier loads in its worker from now, beside the bundle's load: formatting the new
  // files is what new-handler waits for last.
  const helpOnly = args.includes('--help') || args.includes('-h');
  const formatWorker = command === 'new-handler' && !helpOnly ? startFormatWorker(root) : undefined;
  let bundle;
  try {
    bundle = await scaffoldBundle();
  } catch (err) {
    process.stderr.write(`${command}: the scaffolder does not compile:\n${err.message}\n`);
    return 1;
  }
  // Said before anything can answer: a check answered from its memo still built first.
  if (process.env.CONDENSER_SCAFFOLD_DEBUG && bundle.built) {
    process.stderr.write(
      `scaffold: built; kept from the last build: ${bundle.reused.join(', ') || 'nothing'}\n`,
    );
  }
  // `wire --check` on a tree it passed before: the same answer, without loading the scaffolder.
  const isCheck = command === 'wire' && args.length === 1 && args[0] === '--check';
  const digest = isCheck && memoApplies(root) ? checkDigest(root, bundle.file) : undefined;
  if (digest !== undefined && passedBefore(root, digest)) {
    process.stdout.write('wiring is complete\n');
    return 0;
  }
  const loaded = await loadScaffoldBundle(bundle, command);
  const code = await loaded.exports.commands[command](args, formatWorker && { formatWorker });
  if (code === 0 && !helpOnly) loaded.saveCodeCache();
  if (process.env.CONDENSER_SCAFFOLD_DEBUG) {
    process.stderr.write(
      `scaffold: lazy scripts loaded: ${loaded.lazyLoaded().join(', ') || 'none'}\n`,
    );
  }
  // Kept only if nothing changed while the check ran.
  if (code === 0 && digest !== undefined && checkDigest(root, bundle.file) === digest) {
    recordPass(root, digest);
  }
  return code;
}

const code = await main();
// Exit at once rather than when the event loop empties: tearing down the heap of a run that
// loaded TypeScript costs tens of milliseconds. What was written is flushed first.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((r) => s.write('', r))));
process.exit(code);
