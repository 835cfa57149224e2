// Task verbs: define (create or update from a TICKscript), enable, disable, reload, show.
// `list tasks` lives in list-command.ts and `delete tasks` in delete-command.ts.

import { Option, type Command } from 'commander';
import { CondenserError } from '../common/errors.js';
import { ServerError, type KapacitorClient } from './client.js';
import { collectDBRP } from './dbrp-flag.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { getTask, listTasks, setTaskStatus, type DBRP, type TaskStatus } from './task-api.js';
import { defineTask } from './task-define.js';
import { renderTask } from './task-format.js';

const defineHelp = `
A new task is created disabled (run \`condenser enable NAME\`). Defining an existing task
changes only what is given and keeps its status; an enabled task is then reloaded.

Examples:
  condenser define cpu_alert -tick cpu_alert.tick -dbrp telegraf.autogen
  condenser define cpu_alert -tick cpu_alert.tick       new script, same dbrps
  condenser define cpu_alert -dbrp telegraf.autogen -dbrp other.weekly
  condenser define cpu_alert -vars vars.json

-dbrp is "db"."rp", the quotes optional; unquoted, the database ends at the first dot.
The script may name its dbrps instead (dbrp "telegraf"."autogen"), but not both.

A vars file is JSON: {"crit": {"type": "float", "value": 90}, "period": {"type": "duration",
"value": "5m"}}; types: bool int float string regex duration lambda list star.`;

const patternHelp = (verb: string) => `
NAME is a task ID or a glob pattern (*, ?, [a-z]); each must match at least one task.

Examples:
  condenser ${verb} cpu_alert
  condenser ${verb} 'cpu_*' mem_alert`;

export function registerTaskCommands(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('define')
    .description('Create or update a task from a TICKscript')
    .argument('<name>', 'task ID')
    .option('--tick <file>', 'TICKscript file, also -tick')
    .addOption(
      new Option('--type <type>', 'task type, also -type (default: from the script)').choices([
        'stream',
        'batch',
      ]),
    )
    .option('--dbrp <db.rp>', 'database and retention policy, repeatable, also -dbrp', collectDBRP)
    .option('--vars <file>', 'JSON file of task vars, also -vars')
    .option('--no-reload', 'do not reload the task even if it is enabled, also -no-reload')
    .addHelpText('after', defineHelp)
    .action((id: string, opts: DefineFlags, cmd: Command) =>
      run(cmd, async (client) => {
        await defineTask(client, id, opts);
      }),
    );

  registerStatusCommand(program, run, 'enable', 'Enable tasks: start them on live data', [
    'enabled',
  ]);
  registerStatusCommand(program, run, 'disable', 'Disable tasks: stop them', ['disabled']);
  registerStatusCommand(
    program,
    run,
    'reload',
    'Reload tasks: disable, then enable (a disabled task ends up enabled, as in Kapacitor)',
    ['disabled', 'enabled'],
  );

  program
    .command('show')
    .description("Show a task's status, dbrps, vars, TICKscript and DOT graph with node stats")
    .argument('<name>', 'task ID')
    .action((id: string, _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        try {
          io.out(renderTask(await getTask(client, id)));
        } catch (err) {
          if (err instanceof ServerError && err.status === 404) throw unknownTask(id);
          throw err;
        }
      }),
    );
}

interface DefineFlags {
  tick?: string;
  type?: 'stream' | 'batch';
  dbrp?: DBRP[];
  vars?: string;
  reload: boolean;
}

/** enable, disable and reload: set each matching task's status to each of `steps` in turn. */
function registerStatusCommand(
  program: Command,
  run: RemoteRunner,
  verb: string,
  description: string,
  steps: TaskStatus[],
): void {
  program
    .command(verb)
    .description(description)
    .argument('<names...>', 'task IDs or glob patterns')
    .addHelpText('after', patternHelp(verb))
    .action((names: string[], _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const ids = await resolveTasks(client, names);
        for (const status of steps) {
          for (const id of ids) {
            try {
              await setTaskStatus(client, id, status);
            } catch (err) {
              if (!(err instanceof ServerError)) throw err;
              const doing = status === 'enabled' ? 'enabling' : 'disabling';
              throw new ServerError(err.status, `${doing} task ${id}: ${err.message}`);
            }
          }
        }
      }),
    );
}

const isGlob = (s: string) => /[*?[\\]/.test(s);

/**
 * The IDs of the tasks the names and patterns match, each once. Kapacitor silently skips a
 * name that matches nothing; here that is an error, reported before any task changes.
 */
export async function resolveTasks(client: KapacitorClient, names: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const name of names) {
    const found = await listTasks(client, name);
    if (found.length === 0) {
      if (!isGlob(name)) throw unknownTask(name);
      throw new CondenserError(
        'not_found',
        `no task matches ${JSON.stringify(name)} (see \`condenser list tasks\`)`,
        404,
      );
    }
    for (const t of found) ids.add(t.id);
  }
  return [...ids];
}

function unknownTask(id: string): CondenserError {
  return new CondenserError(
    'not_found',
    `unknown task ${JSON.stringify(id)} (see \`condenser list tasks\`)`,
    404,
  );
}
