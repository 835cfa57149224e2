#!/usr/bin/env node
// The `condenser` command: runs the host's compiled JavaScript (dist/host), built first when
// a source changed since the last build (bin/host-bundle.js), so a start costs no compiling:
// `serve` from its classic script with V8's code cache, every other verb from ES modules
// that load the CLI alone. Only the build the command runs is checked (and made).
import { pathToFileURL } from 'node:url';
import { dropOutputToClosedPipes } from './closed-pipes.js';
import { HostBuildError, hostBundle, runHostBundle } from './host-bundle.js';

dropOutputToClosedPipes();

const argv = process.argv.slice(2);
const target = argv[0] === 'serve' ? 'serve' : 'cli';
let file;
try {
  file = (await hostBundle({ targets: [target] })).files[target];
} catch (err) {
  if (!(err instanceof HostBuildError)) throw err;
  process.stderr.write(`condenser: the sources do not compile:\n${err.message}\n`);
  process.exit(1);
}
if (target === 'serve') {
  const host = runHostBundle(file);
  // Kept at exit, so that the cache holds what the whole run compiled (the start and the
  // first requests), and only of a host that served: `serve --help` or a refused config
  // would leave a cache without the server in it.
  let served = false;
  process.once('exit', () => {
    if (served) host.saveCodeCache();
  });
  process.exitCode = await host.exports.runCli(argv, undefined, { serving: () => (served = true) });
} else {
  const { runCli } = await import(pathToFileURL(file).href);
  process.exitCode = await runCli(argv);
}
