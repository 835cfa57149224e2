// Entry point of `condenser` (bin/condenser.js, `npm start`).

import { runCli } from './cli/index.js';

process.exitCode = await runCli(process.argv.slice(2));
