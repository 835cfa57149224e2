// Topic and topic-handler verbs: define-topic-handler (upsert from a file),
// show-topic-handler, delete-topic-handler, show-topic, delete-topic.

import type { Command } from 'commander';
import { goMap, goMarshal, type GoValue } from '../common/gojson.js';
import {
  createHandler,
  deleteHandler,
  deleteTopic,
  getHandler,
  getTopic,
  listHandlers,
  listTopicEvents,
  replaceHandler,
  type TopicEvent,
} from './api.js';
import { ServerError } from './client.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { formatRFC822, renderTable } from './table.js';

const handlerFileHelp = `
A handler file is YAML (.yaml, .yml) or JSON (.json):

  topic: cpu
  id: example
  kind: slack
  match: changed() == TRUE
  options:
    channel: '#alerts'

The handler is created if the topic has no handler with that id, else replaced.`;

export function registerTopicCommands(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('define-topic-handler')
    .description('Create or replace a topic handler from a YAML or JSON handler file')
    .argument('<file>', 'handler file (.yaml, .yml or .json)')
    .addHelpText('after', handlerFileHelp)
    .action((file: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        // Loaded here: the YAML parser costs every other verb its start-up time.
        const { readHandlerFile } = await import('./handler-file.js');
        const spec = readHandlerFile(file);
        // Upsert as Kapacitor's CLI does: GET decides between POST (create) and PUT (replace).
        const exists = await getHandler(client, spec.topic, spec.id).then(
          () => true,
          (err: unknown) => {
            if (err instanceof ServerError && err.status === 404) return false;
            throw err;
          },
        );
        await (exists ? replaceHandler(client, spec) : createHandler(client, spec));
      }),
    );

  program
    .command('show-topic-handler')
    .description("Show a topic handler's kind, match expression and options")
    .argument('<topic>', 'topic ID')
    .argument('<handler>', 'handler ID')
    .action((topic: string, id: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const h = await getHandler(client, topic, id);
        io.out(
          `ID: ${h.id}\nTopic: ${topic}\nKind: ${h.kind}\nMatch: ${h.match}\n` +
            `Options: ${goMarshal(sortedKeys(h.options))}\n`,
        );
      }),
    );

  program
    .command('delete-topic-handler')
    .description('Delete a topic handler (succeeds if it does not exist)')
    .argument('<topic>', 'topic ID')
    .argument('<handler>', 'handler ID')
    .action((topic: string, id: string, _opts: object, cmd: Command) =>
      run(cmd, (client) => deleteHandler(client, topic, id)),
    );

  program
    .command('show-topic')
    .description("Show a topic's level, handlers and events")
    .argument('<topic>', 'topic ID')
    .action((topicID: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const topic = await getTopic(client, topicID);
        const [events, handlers] = await Promise.all([
          listTopicEvents(client, topicID),
          listHandlers(client, topicID),
        ]);
        io.out(
          `ID: ${topic.id}\nLevel: ${topic.level}\nCollected: ${topic.collected}\n` +
            `Handlers: [${handlers.map((h) => h.id).join(', ')}]\nEvents:\n` +
            renderEvents(events),
        );
      }),
    );

  program
    .command('delete-topic')
    .description("Delete a topic's events and state (its handlers stay defined)")
    .argument('<topic>', 'topic ID')
    .action((topic: string, _opts: object, cmd: Command) =>
      run(cmd, (client) => deleteTopic(client, topic)),
    );
}

/** Kapacitor's show-topic event table, oldest first. */
export function renderEvents(events: TopicEvent[], timeZone?: string): string {
  const timed = events.map((e) => ({ e, t: Date.parse(e.state.time) }));
  timed.sort((a, b) => (a.t || 0) - (b.t || 0));
  const rows = timed.map(({ e, t }) => [
    e.id,
    e.state.level,
    e.state.message,
    Number.isNaN(t) ? e.state.time : formatRFC822(new Date(t), timeZone),
  ]);
  return renderTable(
    [
      { header: 'Event' },
      { header: 'Level', width: 9 },
      { header: 'Message' },
      { header: 'Date', width: 23 },
    ],
    rows,
  );
}

/** Options as Go's json.Marshal prints a decoded map: keys sorted, at every depth. */
export function sortedKeys(value: unknown): GoValue {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value === 'object' && value !== null) {
    return goMap(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortedKeys(v)])));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}
