// `list tasks|topics|topic-handlers|service-tests [patterns...]`, with Kapacitor's tables.
// Patterns are Go path.Match globs evaluated by the server; several patterns list the union.

import { Argument, type Command } from 'commander';
import { CondenserError } from '../common/errors.js';
import { globMatcher } from '../common/glob.js';
import { listHandlerKinds, listHandlers, listServiceTests, listTopics, type Topic } from './api.js';
import type { KapacitorClient } from './client.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { renderTable } from './table.js';
import { listTasks, type ListedTask } from './task-api.js';
import { renderTaskList } from './task-format.js';

const listHelp = `
Examples:
  condenser list tasks                    every task with its status and dbrps
  condenser list tasks 'cpu*' mem_alert   tasks matching any of the globs
  condenser list topics                   every topic with its level
  condenser list topics 'cpu*'            topics whose ID matches a glob
  condenser list topic-handlers           every handler of every topic
  condenser list topic-handlers system    handlers of the topics matching 'system'
  condenser list topic-handlers '*' 'slack*'
                                          handlers matching 'slack*' in any topic
  condenser list service-tests            services that have a test
  condenser list handler-kinds            every handler kind and whether it is configured`;

const kinds = ['tasks', 'topics', 'topic-handlers', 'service-tests', 'handler-kinds'] as const;
type Kind = (typeof kinds)[number];

export function registerListCommand(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('list')
    .description('List tasks, topics, topic handlers, service tests or handler kinds')
    .addArgument(new Argument('<kind>', 'what to list').choices(kinds))
    .argument(
      '[patterns...]',
      'glob patterns (topic-handlers: topic pattern, then handler patterns)',
    )
    .addHelpText('after', listHelp)
    .action((kind: Kind, patterns: string[], _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        io.out(await listers[kind](client, patterns));
      }),
    );
}

const listers: Record<Kind, (client: KapacitorClient, patterns: string[]) => Promise<string>> = {
  'handler-kinds': async (client, patterns) => {
    const match = patterns.length === 0 ? () => true : globAny(patterns);
    const rows = (await listHandlerKinds(client))
      .filter((k) => match(k.kind))
      .map((k) => [
        k.kind,
        k.tick === '' ? '-' : `.${k.tick}()`,
        k.section === '' ? '-' : `[${k.section}]`,
        k.section === '' ? 'yes (no config needed)' : k.configured ? 'yes' : 'no',
      ]);
    return renderTable(
      [
        { header: 'Kind' },
        { header: 'TICKscript' },
        { header: 'Config Section' },
        { header: 'Configured' },
      ],
      rows,
    );
  },

  tasks: async (client, patterns) => renderTaskList(await tasksMatching(client, patterns)),

  topics: async (client, patterns) => renderTopics(await topicsMatching(client, patterns)),

  'topic-handlers': async (client, [topicPattern, ...handlerPatterns]) => {
    const rows: string[][] = [];
    for (const topic of await listTopics(client, topicPattern)) {
      const seen = new Set<string>();
      for (const pattern of handlerPatterns.length > 0 ? handlerPatterns : [undefined]) {
        for (const h of await listHandlers(client, topic.id, pattern)) {
          if (!seen.has(h.id)) rows.push([topic.id, h.id, h.kind]);
          seen.add(h.id);
        }
      }
    }
    return renderTable(
      [
        { header: 'Topic', min: 10 },
        { header: 'ID', min: 10 },
        { header: 'Kind', min: 10 },
      ],
      rows,
    );
  },

  'service-tests': async (client, patterns) => {
    const names = new Set<string>();
    for (const pattern of patterns.length > 0 ? patterns : [undefined]) {
      for (const name of await listServiceTests(client, pattern)) names.add(name);
    }
    return renderTable(
      [{ header: 'Service Name' }],
      [...names].map((n) => [n]),
    );
  },
};

/** Sorted by ID, each once (Kapacitor's CLI sorts too, but lists a task once per pattern). */
async function tasksMatching(client: KapacitorClient, patterns: string[]): Promise<ListedTask[]> {
  const byID = new Map<string, ListedTask>();
  for (const pattern of patterns.length > 0 ? patterns : ['']) {
    for (const t of await listTasks(client, pattern)) byID.set(t.id, t);
  }
  return [...byID.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function topicsMatching(client: KapacitorClient, patterns: string[]): Promise<Topic[]> {
  if (patterns.length === 0) return listTopics(client);
  const byID = new Map<string, Topic>();
  for (const pattern of patterns) {
    for (const t of await listTopics(client, pattern)) byID.set(t.id, t);
  }
  return [...byID.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function renderTopics(topics: Topic[]): string {
  return renderTable(
    [
      { header: 'ID', min: 2 },
      { header: 'Level', min: 8 },
      { header: 'Collected', width: 10, right: true },
    ],
    topics.map((t) => [t.id, t.level, String(t.collected)]),
  );
}

/** Matches names against any of the Go globs. */
function globAny(patterns: string[]): (name: string) => boolean {
  const matchers = patterns.map((p) => {
    try {
      return globMatcher(p);
    } catch (err) {
      throw new CondenserError('usage', (err as Error).message, 2);
    }
  });
  return (name) => matchers.some((m) => m(name));
}
