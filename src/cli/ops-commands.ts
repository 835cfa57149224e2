// The kapacitor CLI's daily verbs: version, level, stats general|ingress, vars, logs, watch and
// backup. `logs` and `watch` follow the host's log until Ctrl-C (or until the host stops).

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Argument, type Command } from 'commander';
import * as z from './schema.js';
import { CondenserError } from '../common/errors.js';
import { parseLogLevel } from '../common/log-hub.js';
import { version } from '../common/version.js';
import { segment, ServerError, type KapacitorClient, type Query } from './client.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { renderTable } from './table.js';

const usage = (message: string): CondenserError => new CondenserError('usage', message, 2);

const generalVars = z.object({
  cluster_id: z.string(),
  server_id: z.string(),
  host: z.string(),
  num_tasks: z.number(),
  num_enabled_tasks: z.number(),
  num_subscriptions: z.number(),
  version: z.string(),
});

const ingressVars = z.object({
  kapacitor: z.record(
    z.string(),
    z.object({
      name: z.string(),
      tags: z.record(z.string(), z.string()),
      values: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** Kapacitor's `stats general`: `%-30s` labels. */
export function renderGeneralStats(v: z.output<typeof generalVars>): string {
  const row = (label: string, value: string | number) => `${label.padEnd(30)}${value}\n`;
  return (
    row('ClusterID:', v.cluster_id) +
    row('ServerID:', v.server_id) +
    row('Host:', v.host) +
    row('Tasks:', v.num_tasks) +
    row('Enabled Tasks:', v.num_enabled_tasks) +
    row('Subscriptions:', v.num_subscriptions) +
    row('Version:', v.version)
  );
}

export function renderIngressStats(v: z.output<typeof ingressVars>): string {
  const rows = Object.values(v.kapacitor)
    .filter((s) => s.name === 'ingress')
    .map((s) => [
      s.tags.database ?? '',
      s.tags.retention_policy ?? '',
      s.tags.measurement ?? '',
      String(s.values.points_received ?? 0),
    ]);
  return renderTable(
    [
      { header: 'Database' },
      { header: 'Retention Policy' },
      { header: 'Measurement' },
      { header: 'Points Received', width: 16, right: true },
    ],
    rows,
  );
}

/** `key=value` arguments of logs/watch as query parameters (`lvl=error+` included). */
export function logQuery(args: readonly string[]): Query {
  const query: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0)
      throw usage(
        `invalid filter ${JSON.stringify(arg)}: expected key=value (e.g. lvl=error+ or service=http)`,
      );
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (key === 'lvl' && parseLogLevel(value.replace(/\+$/, '')) === undefined) {
      throw usage(
        `invalid lvl ${JSON.stringify(value)}: use debug, info, warn or error, optionally with + (and above)`,
      );
    }
    query[key] = value;
  }
  return query;
}

/**
 * Print the host's log lines matching `query` until `signal` aborts or the host ends the
 * stream. Each line is one JSON object, as Kapacitor's /logs sends them.
 */
export async function followLogs(
  client: KapacitorClient,
  query: Query,
  io: CliIO,
  signal: AbortSignal,
): Promise<void> {
  await client.stream('/logs', query, (line) => io.out(`${line}\n`), signal);
}

/** Until Ctrl-C: the signal a following verb stops on. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  controller.signal.addEventListener('abort', () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  return controller.signal;
}

const logsHelp = `
Filters are key=value pairs matched against each log record; lvl selects a level (lvl=error)
or a level and above (lvl=warn+). Lines are JSON objects: {"ts","lvl","msg",...fields}.

Examples:
  condenser logs                          everything at debug and above
  condenser logs lvl=error+               errors only
  condenser logs service=http             the HTTP API's request log
  condenser logs task=cpu_alert lvl=info+ one task's messages`;

const watchHelp = `
Follows one task's log: its alert events ("alert triggered", with id, alert_level and
message), node errors and influxDBOut/query failures. Extra key=value pairs filter further.

Examples:
  condenser watch cpu_alert
  condenser watch cpu_alert node=alert2`;

export function registerOpsCommands(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('version')
    .description('Print the version of this CLI (the host reports its own in `stats general`)')
    .action(() => {
      io.out(`Condenser ${version} (Kapacitor API v1)\n`);
    });

  program
    .command('level')
    .description("Set the host's log level (debug, info, warn, error) until it restarts")
    .argument('<level>', 'debug, info, warn or error')
    .action((level: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const parsed = parseLogLevel(level);
        if (parsed === undefined)
          throw usage(`invalid level ${JSON.stringify(level)}: use debug, info, warn or error`);
        await client.post('/loglevel', { level: parsed });
      }),
    );

  program
    .command('stats')
    .description(
      'Show general host statistics or points received per database/retention policy/measurement',
    )
    .addArgument(new Argument('<kind>', 'what to show').choices(['general', 'ingress']))
    .action((kind: 'general' | 'ingress', _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        io.out(
          kind === 'general'
            ? renderGeneralStats(await client.get('/debug/vars', generalVars))
            : renderIngressStats(await client.get('/debug/vars', ingressVars)),
        );
      }),
    );

  program
    .command('vars')
    .description("Print the host's /debug/vars (every statistic, as JSON)")
    .action((_opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const text = await client.getText('/debug/vars');
        io.out(text.endsWith('\n') ? text : `${text}\n`);
      }),
    );

  program
    .command('logs')
    .description("Follow the host's log (Ctrl-C to stop), optionally filtered")
    .argument('[filters...]', 'key=value pairs; lvl=<level> or lvl=<level>+')
    .addHelpText('after', logsHelp)
    .action((filters: string[], _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const query = logQuery(filters);
        await followLogs(client, query, io, interruptSignal());
      }),
    );

  program
    .command('watch')
    .description("Follow a task's events and log (Ctrl-C to stop)")
    .argument('<task>', 'task ID')
    .argument('[tags...]', 'more key=value filters')
    .addHelpText('after', watchHelp)
    .action((task: string, tags: string[], _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const query = { lvl: 'debug+', ...logQuery(tags), task };
        try {
          await client.get(`/tasks/${segment(task)}`, z.object({ id: z.string() }));
        } catch (err) {
          if (err instanceof ServerError && err.status === 404) {
            throw new CondenserError(
              'not_found',
              `task ${JSON.stringify(task)} does not exist (see \`condenser list tasks\`)`,
              404,
            );
          }
          throw err;
        }
        await followLogs(client, query, io, interruptSignal());
      }),
    );

  program
    .command('backup')
    .description(
      "Save a consistent copy of the running host's store (SQLite online backup) to <file>",
    )
    .argument('<file>', 'where to write the backup (replaced when it exists)')
    .action((file: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const partial = `${file}.partial`;
        const cannotWrite = (err: unknown) =>
          new CondenserError('io', `cannot write ${file}: ${(err as Error).message}`, 1);
        // Open the file first: a bad path fails before the host makes a backup.
        const out = createWriteStream(partial);
        try {
          await once(out, 'open');
        } catch (err) {
          throw cannotWrite(err);
        }
        try {
          const body = await client.download('/storage/backup');
          await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), out);
          await rename(partial, file);
        } catch (err) {
          out.destroy();
          await rm(partial, { force: true });
          if (err instanceof CondenserError) throw err;
          throw cannotWrite(err);
        }
      }),
    );
}
