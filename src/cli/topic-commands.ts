// Topic and topic-handler verbs: define-topic-handler (upsert from a file),
// show-topic-handler, delete-topic-handler, show-topic, delete-topic.

import type { Command } from 'commander';
import { goMap, goMarshal, type GoValue } from '../common/gojson.js';
import {
  createHandler,
  deleteHandler,
  deleteTopic,
  getHandler,
  getHandlerStatus,
  getTopic,
  listHandlers,
  listTopicEvents,
  replaceHandler,
  type HandlerStatus,
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
    .description(
      "Show a topic handler's kind, match expression and options, and whether it delivers: " +
        'sent, failed and dropped events and the last error',
    )
    .argument('<topic>', 'topic ID')
    .argument('<handler>', 'handler ID')
    .addHelpText('after', showHandlerHelp)
    .action((topic: string, id: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const h = await getHandler(client, topic, id);
        io.out(
          `ID: ${h.id}\nTopic: ${topic}\nKind: ${h.kind}\nMatch: ${h.match}\n` +
            `Options: ${goMarshal(sortedKeys(h.options))}\n`,
        );
        const status = await getHandlerStatus(client, topic, id).catch((err: unknown) => {
          // A Kapacitor host has no /condenser/v1: show what Kapacitor shows.
          if (err instanceof ServerError && err.status === 404) return undefined;
          throw err;
        });
        if (status) io.out(renderHandlerStatus(status));
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

const showHandlerHelp = `
After Kapacitor's fields, a Condenser host adds how delivery went since the handler was
created or the host started (GET /condenser/v1/alerts/topics/<topic>/handlers/<id>):

  Status: running
  Sent: 12
  Failed: 2 (connection 2)
  Dropped: 0
  Retried: 4
  Queued: 0
  Last error: 2026-01-05T10:04:11.120Z connection: ECONNREFUSED: connect ECONNREFUSED
    127.0.0.1:8080 (event cpu:host=web01, 3 attempts)

Failed events were given up on after [alert] delivery-attempts; dropped events found the
handler's queue full. Secrets never appear in the last error.`;

/** The Condenser fields of show-topic-handler: running or why not, counters, last error. */
export function renderHandlerStatus(s: HandlerStatus): string {
  const d = s.delivery;
  const reasons = Object.entries(d.failedByReason)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const last = d.lastError;
  const lastText =
    last === null
      ? 'none'
      : `${last.time} ${last.reason}: ${oneLine(last.message)} (event ${last.event}, ` +
        `${last.attempts} attempt${last.attempts === 1 ? '' : 's'}` +
        `${last.status === undefined ? '' : `, HTTP ${last.status}`})`;
  return (
    `Status: ${s.error === '' ? 'running' : `not running: ${s.error}`}\n` +
    `Sent: ${d.sent}\nFailed: ${d.failed}${reasons === '' ? '' : ` (${reasons})`}\n` +
    `Dropped: ${d.dropped}\nRetried: ${d.retried}\nQueued: ${d.queued}\n` +
    `Last error: ${lastText}\n`
  );
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

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
