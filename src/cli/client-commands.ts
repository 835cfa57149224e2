// The Kapacitor CLI verbs that talk to a running host over HTTP, and their shared -url flag.

import type { Command } from 'commander';
import { defaultURL } from './client.js';
import { registerDeleteCommand } from './delete-command.js';
import type { CliIO, CliState } from './index.js';
import { registerListCommand } from './list-command.js';
import { registerOpsCommands } from './ops-commands.js';
import { remoteRunner } from './remote.js';
import { registerServiceCommands } from './service-commands.js';
import { registerTaskCommands } from './task-commands.js';
import { registerTopicCommands } from './topic-commands.js';

export function registerClientCommands(program: Command, io: CliIO, state: CliState): void {
  // On the program so it works before the verb, as in `kapacitor -url http://host:9092 list topics`.
  program.option(
    '--url <url>',
    `URL of the host, also -url (default: $KAPACITOR_URL, else ${defaultURL})`,
  );
  const run = remoteRunner(io, state);
  registerTaskCommands(program, run, io);
  registerTopicCommands(program, run, io);
  registerListCommand(program, run, io);
  registerDeleteCommand(program, run);
  registerServiceCommands(program, run, io);
  registerOpsCommands(program, run, io);
}
