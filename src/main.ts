// Entry point of `condenser` (bin/condenser.js, `npm start`): the host bundle exports the CLI,
// which bin/condenser.js runs.

export { runCli } from './cli/index.js';
