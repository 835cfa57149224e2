// `service-tests [NAME...] [-options JSON | -options-file FILE]` runs services' tests with
// their default options merged with the given ones and prints Service/Success/Message; for
// each failure, the options it ran with (secrets redacted) and the error (exit 1 if any
// failed). `ping` checks the host answers.

import type { Command } from 'commander';
import { CondenserError } from '../common/errors.js';
import { readFileSync } from 'node:fs';
import { parseJSON } from '../common/json-syntax.js';
import { REDACTED } from '../config/redact.js';
import {
  listServiceTests,
  runServiceTest,
  secretTestOptions,
  serviceTestOptions,
  type ServiceTestResult,
} from './api.js';
import { ServerError, type KapacitorClient } from './client.js';
import { EXIT_OK, EXIT_REFUSED } from './exit-codes.js';
import type { CliIO } from './index.js';
import type { RemoteRunner } from './remote.js';
import { renderTable } from './table.js';

export function registerServiceCommands(program: Command, run: RemoteRunner, io: CliIO): void {
  program
    .command('service-tests')
    .description(
      "Run services' tests (all services if none named) with their default options, or with -options",
    )
    .argument('[services...]', 'service names or glob patterns (see `list service-tests`)')
    .option(
      '--options <json>',
      'test options as a JSON object, also -options (e.g. \'{"url":"http://..."}\')',
    )
    .option('--options-file <file>', 'test options from a JSON file, also -options-file')
    .addHelpText('after', serviceTestsHelp)
    .action((names: string[], opts: { options?: string; optionsFile?: string }, cmd: Command) =>
      run(cmd, async (client) => {
        const options = readTestOptions(opts);
        const results: Array<[string, TestRun]> = [];
        for (const name of await resolveServices(client, names)) {
          results.push([name, await runOne(client, name, options)]);
        }
        io.out(renderResults(results.map(([name, r]) => [name, r.result])));
        // On failure, show what the test ran with (the defaults merged with -options) and why.
        for (const [name, { result, refused }] of results) {
          if (result.success) continue;
          const used = await optionsUsed(client, name, options);
          io.out(
            refused
              ? `\n${name} did not run: the host refused options ${used}: ${result.message}\n`
              : `\n${name} ran with options ${used}\n${name} failed: ${result.message}\n`,
          );
        }
        return results.every(([, r]) => r.result.success) ? EXIT_OK : EXIT_REFUSED;
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

const serviceTestsHelp = `
A test sends a test event with the service's default options (see GET
/kapacitor/v1/service-tests/<name>) merged with the ones given. httppost's default url is
http://localhost:3000/ (Kapacitor's), so without -options it fails unless something listens
there. For each failed test the options it ran with (secrets redacted) and the error follow
the table; options the host refuses (an unknown name, a wrong type) are a failed test too.

Examples:
  condenser service-tests                                   every service
  condenser service-tests httppost -options '{"url":"http://127.0.0.1:8080/alerts"}'
  condenser service-tests influxdb -options '{"cluster":"localhost"}'
  condenser service-tests httppost -options-file test-options.json`;

/** -options / -options-file: a JSON object (not both). */
export function readTestOptions(opts: {
  options?: string;
  optionsFile?: string;
}): Record<string, unknown> {
  if (opts.options !== undefined && opts.optionsFile !== undefined) {
    throw new CondenserError('usage', 'give -options or -options-file, not both', 2);
  }
  let text: string;
  let where: string;
  if (opts.options !== undefined) {
    text = opts.options;
    where = '-options';
  } else if (opts.optionsFile !== undefined) {
    where = opts.optionsFile;
    try {
      text = readFileSync(opts.optionsFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CondenserError(
        'usage',
        `${where}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`}`,
        2,
      );
    }
  } else {
    return {};
  }
  let value: unknown;
  try {
    value = parseJSON(text);
  } catch (err) {
    throw new CondenserError('usage', `${where}: invalid JSON: ${(err as Error).message}`, 2);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CondenserError('usage', `${where}: expected a JSON object of test options`, 2);
  }
  return value as Record<string, unknown>;
}

interface TestRun {
  result: ServiceTestResult;
  /** The host refused the options (the test did not run). */
  refused: boolean;
}

/** A refused run (e.g. options the server cannot decode) is a failed test, not the end. */
async function runOne(
  client: KapacitorClient,
  name: string,
  options: Record<string, unknown>,
): Promise<TestRun> {
  try {
    return { result: await runServiceTest(client, name, options), refused: false };
  } catch (err) {
    if (err instanceof ServerError)
      return { result: { success: false, message: err.message }, refused: true };
    throw err;
  }
}

/**
 * The options a test ran with as JSON: the defaults the host shows (secrets already redacted)
 * with the given ones over them (option names match in any case, as the host decodes them),
 * given secrets redacted too: the output may end up in a CI log.
 */
async function optionsUsed(
  client: KapacitorClient,
  name: string,
  given: Record<string, unknown>,
): Promise<string> {
  const [defaults, secrets] = await Promise.all([
    serviceTestOptions(client, name),
    secretTestOptions(client, name),
  ]);
  const used: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    const known = Object.keys(used).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
    used[known] = secrets.has(known) && value !== '' && value !== null ? REDACTED : value;
  }
  return JSON.stringify(used);
}

export function renderResults(results: Array<[string, ServiceTestResult]>): string {
  return renderTable(
    [{ header: 'Service' }, { header: 'Success', width: 8 }, { header: 'Message' }],
    results.map(([name, r]) => [name, String(r.success), r.message.replace(/\s*\n\s*/g, ' ')]),
  );
}
