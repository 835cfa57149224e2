// Bad input to one of the peer kinds (smtp, mqtt, snmptrap, kafka) is refused where it is
// given, naming what is wrong and where: a 400 at handler creation (the HTTP API, a handler file
// through `condenser define-topic-handler`, a TICKscript task's handler), or a config error at
// start (and a 400 from the config API) naming the key path. Each kind's cases are its own file
// (test/services/<kind>.bad-input.test.ts), so that `npm run remove-handler <kind>` takes them
// with the kind.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { buildConfig } from '../../src/config/load.js';
import { startHost, tempDir, type ApiResponse, type Host } from './host.js';

export interface BadInputHost {
  /** The host's API, as Host.api. */
  api(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Create a topic handler; returns the status and the error text. */
  create(kind: string, options: unknown): Promise<{ status: number; error: string }>;
  /** Define a task whose alert node ends with `handler` (TICKscript); returns status and error. */
  defineTask(handler: string): Promise<{ status: number; error: string }>;
  /** `condenser define-topic-handler` with a YAML handler file; returns exit code and stderr. */
  defineFromFile(kind: string, optionsYaml: string): Promise<{ code: number; err: string }>;
}

/** A host started before the file's tests and stopped after them. */
export function badInputHost(): BadInputHost {
  let host: Host;
  beforeAll(async () => {
    host = await startHost();
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
  });
  const errorOf = (res: ApiResponse): string =>
    (res.json as { error?: string } | undefined)?.error ?? '';
  return {
    api: (method, path, body) => host.api(method, path, body),
    async create(kind, options) {
      const res = await host.api('POST', '/kapacitor/v1/alerts/topics/bad/handlers', {
        id: 'bad',
        kind,
        options,
      });
      return { status: res.status, error: errorOf(res) };
    },
    async defineTask(handler) {
      const res = await host.api('POST', '/kapacitor/v1/tasks', {
        id: 'bad_task',
        type: 'stream',
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        script: `stream|from().measurement('cpu')|alert().crit(lambda: "value" > 90)${handler}`,
        status: 'enabled',
      });
      if (res.status === 200) await host.api('DELETE', '/kapacitor/v1/tasks/bad_task');
      return { status: res.status, error: errorOf(res) };
    },
    async defineFromFile(kind, optionsYaml) {
      const file = join(tempDir(), 'handler.yaml');
      writeFileSync(file, `topic: bad\nid: from-file\nkind: ${kind}\noptions:\n${optionsYaml}`);
      const err: string[] = [];
      const code = await runCli(['-url', host.url, 'define-topic-handler', file], {
        out: () => {},
        err: (s) => void err.push(s),
      });
      return { code, err: err.join('\n') };
    },
  };
}

/** The config error buildConfig throws for `raw`, as text. */
export function configError(raw: Record<string, unknown>): string {
  try {
    buildConfig(raw, 'kapacitor.conf');
  } catch (err) {
    return (err as Error).message;
  }
  return '(no error)';
}

/**
 * An unreadable ssl-ca in the `section` element is a config error at start naming the key,
 * and a 400 from the config API that stores nothing.
 */
export async function expectUnreadableSslCaRefused(
  b: BadInputHost,
  section: string,
  element: Record<string, unknown>,
): Promise<void> {
  const missing = element['ssl-ca'] as string;
  await expect(startHost({ [section]: [element] }), section).rejects.toThrow(
    `${section}[0].ssl-ca: cannot read ${JSON.stringify(missing)}`,
  );
  const res = await b.api('POST', `/kapacitor/v1/config/${section}/default`, {
    set: { ...element, name: undefined, id: undefined },
  });
  expect(res.status, section).toBe(400);
  expect(res.text).toContain('ssl-ca: cannot read');
  // Nothing was stored: the element is as it was.
  const shown = await b.api('GET', `/kapacitor/v1/config/${section}/default`);
  expect(JSON.stringify(shown.json)).not.toContain(missing);
}
