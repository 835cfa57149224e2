// `delete tasks|topics|topic-handlers ...`, Kapacitor's delete verb: every argument is an ID
// or a glob pattern, and matching nothing is not an error (deleting is idempotent, as the
// API's DELETE is). Topic handlers take the topic ID first, then handler patterns.

import { Argument, type Command } from 'commander';
import { deleteHandler, deleteTopic, listHandlers, listTopics } from './api.js';
import type { KapacitorClient } from './client.js';
import type { RemoteRunner } from './remote.js';
import { deleteTask, listTasks } from './task-api.js';

const deleteHelp = `
Examples:
  condenser delete tasks cpu_alert              one task (an enabled task is stopped first)
  condenser delete tasks 'cpu_*' mem_alert      tasks matching a glob, and another
  condenser delete topics 'main:*'              topics' events and state (handlers stay)
  condenser delete topic-handlers system slack  the handler 'slack' of topic 'system'
  condenser delete topic-handlers system '*'    every handler of topic 'system'`;

const kinds = ['tasks', 'topics', 'topic-handlers'] as const;
type Kind = (typeof kinds)[number];

export function registerDeleteCommand(program: Command, run: RemoteRunner): void {
  program
    .command('delete')
    .description('Delete tasks, topics or topic handlers by ID or glob pattern')
    .addArgument(new Argument('<kind>', 'what to delete').choices(kinds))
    .argument('<ids...>', 'IDs or glob patterns (topic-handlers: the topic ID, then handlers)')
    .addHelpText('after', deleteHelp)
    .action((kind: Kind, ids: string[], _opts: object, cmd: Command) => {
      if (kind === 'topic-handlers' && ids.length < 2) {
        // Kapacitor does nothing here; a forgotten handler pattern is more likely a mistake.
        cmd.error('error: missing handler: delete topic-handlers TOPIC HANDLER...', {
          exitCode: 2,
        });
      }
      return run(cmd, (client) => deleters[kind](client, ids));
    });
}

const deleters: Record<Kind, (client: KapacitorClient, ids: string[]) => Promise<void>> = {
  tasks: async (client, patterns) => {
    for (const pattern of patterns) {
      for (const t of await listTasks(client, pattern)) await deleteTask(client, t.id);
    }
  },

  topics: async (client, patterns) => {
    for (const pattern of patterns) {
      for (const t of await listTopics(client, pattern)) await deleteTopic(client, t.id);
    }
  },

  'topic-handlers': async (client, [topic = '', ...patterns]) => {
    for (const pattern of patterns) {
      for (const h of await listHandlers(client, topic, pattern)) {
        await deleteHandler(client, topic, h.id);
      }
    }
  },
};
