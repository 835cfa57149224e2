#!/usr/bin/env node
// The `condenser` command: runs the host's compiled bundle (dist/host), built first when a
// source changed since the last build (bin/host-bundle.js), so a start costs no compiling.
import { pathToFileURL } from 'node:url';
import { HostBuildError, hostBundle } from './host-bundle.js';

let bundle;
try {
  bundle = await hostBundle();
} catch (err) {
  if (!(err instanceof HostBuildError)) throw err;
  process.stderr.write(`condenser: the sources do not compile:\n${err.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(bundle.file).href);
