// `service-tests [NAME...]` runs services' tests with their default options and prints
// Service/Success/Message (exit 1 if any failed); `ping` checks the host answers.

import type { Command } from 'commander';
import { CondenserError } from '../common/errors.js';
import { listServiceTests, runServiceTest, type ServiceTestResult } from './api.js';
import { ServerError, type KapacitorClient } from './client.js';
import { EXIT_OK, EXIT_REFUSED } from './exit-codes.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { renderTable } from './table.js';

export function registerServiceCommands(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('service-tests')
    .description("Run services' tests with their default options (all services if none named)")
    .argument('[services...]', 'service names or glob patterns (see `list service-tests`)')
    .action((names: string[], _opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const results: Array<[string, ServiceTestResult]> = [];
        for (const name of await resolveServices(client, names)) {
          results.push([name, await runOne(client, name)]);
        }
        io.out(renderResults(results));
        return results.every(([, r]) => r.success) ? EXIT_OK : EXIT_REFUSED;
      }),
    );

  program
    .command('ping')
    .description('Check that the host answers')
    .action((_opts: object, cmd: Command) =>
      run(cmd, async (client) => {
        const version = await client.ping();
        io.out(`OK ${client.url}${version ? ` (version ${version})` : ''}\n`);
      }),
    );
}

const isGlob = (s: string) => /[*?[\\]/.test(s);

/** Every name, in order, once; a name or pattern that matches nothing fails before any test runs. */
async function resolveServices(client: KapacitorClient, args: string[]): Promise<string[]> {
  if (args.length === 0) return listServiceTests(client);
  const names = new Set<string>();
  for (const arg of args) {
    const found = await listServiceTests(client, arg);
    if (found.length === 0) {
      const what = isGlob(arg)
        ? `no service test matches ${JSON.stringify(arg)}`
        : `unknown service ${JSON.stringify(arg)}`;
      throw new CondenserError('not_found', `${what} (see \`condenser list service-tests\`)`, 404);
    }
    for (const n of found) names.add(n);
  }
  return [...names];
}

/** A refused run (e.g. options the server cannot decode) is a failed test, not the end. */
async function runOne(client: KapacitorClient, name: string): Promise<ServiceTestResult> {
  try {
    return await runServiceTest(client, name);
  } catch (err) {
    if (err instanceof ServerError) return { success: false, message: err.message };
    throw err;
  }
}

export function renderResults(results: Array<[string, ServiceTestResult]>): string {
  return renderTable(
    [{ header: 'Service' }, { header: 'Success', width: 8 }, { header: 'Message' }],
    results.map(([name, r]) => [name, String(r.success), r.message.replace(/\s*\n\s*/g, ' ')]),
  );
}
