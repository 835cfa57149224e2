// Kapacitor has 27 handler kinds (spec/handlers.md §1). Every one this host installs can be
// created as a topic handler through the API, with the options it must have, and is listed
// back with its kind; one Kapacitor has that this host does not install is refused with a
// message that lists the installed kinds. The list of installed kinds comes from the host
// (handlerKinds), never from this file: a kind removed with `npm run remove-handler` is simply
// not checked here. The options of a generated kind are its spec's examples of the options
// it requires (generators/catalogue/<kind>.yaml); the host's built-ins get theirs below.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKindSpec } from '../../generators/kind/load.js';
import { exampleValue } from '../../generators/kind/view.js';
import { kapacitorKinds } from '../../generators/spec.js';
import { handlerKinds } from '../../src/alert/service.js';
import { startHost, tempDir, type Host } from '../helpers/host.js';

const root = path.join(import.meta.dirname, '..', '..');

/** Options of the host's own kinds (not generated from a spec). */
const builtInOptions: Record<string, Record<string, unknown>> = {
  post: { url: 'http://127.0.0.1:9/alert' },
  tcp: { address: '127.0.0.1:9' },
  log: { path: path.join(tempDir(), 'alerts.log') },
  exec: { prog: '/bin/true' },
  publish: { topics: ['elsewhere'] },
  aggregate: { id: 'agg', interval: 10_000_000_000, topic: 'elsewhere' },
};

/** API kind → folder, for every installed kind. */
const installed = new Map(Object.entries(handlerKinds).map(([folder, def]) => [def.kind, folder]));

/** The options a kind must be given, from its spec (examples), or the built-ins' above. */
function requiredOptions(kind: string): Record<string, unknown> {
  const own = builtInOptions[kind];
  if (own !== undefined) return own;
  const file = `generators/catalogue/${installed.get(kind)}.yaml`;
  if (!existsSync(path.join(root, file))) return {};
  const spec = parseKindSpec(readFileSync(path.join(root, file), 'utf8'), file);
  return Object.fromEntries(
    spec.options
      .filter((o) => o.required)
      .map((o) => {
        const v = exampleValue(o);
        return [o.name, o.type === 'duration' && typeof v === 'string' ? 10_000_000_000 : v];
      }),
  );
}

let host: Host;
beforeAll(async () => {
  host = await startHost();
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

describe("Kapacitor's handler kinds", () => {
  const kinds = kapacitorKinds.filter((k) => installed.has(k));

  it.each(kinds)('a topic handler of kind %s can be created and is listed back', async (kind) => {
    const created = await host.api('POST', '/kapacitor/v1/alerts/topics/every-kind/handlers', {
      id: `h-${kind}`,
      kind,
      options: requiredOptions(kind),
    });
    expect(created.status, created.text).toBe(200);
    const shown = await host.api(
      'GET',
      `/kapacitor/v1/alerts/topics/every-kind/handlers/h-${kind}`,
    );
    expect(shown.status).toBe(200);
    expect((shown.json as { kind: string }).kind).toBe(kind);
  });

  it('lists every kind created, one handler each', async () => {
    const res = await host.api('GET', '/kapacitor/v1/alerts/topics/every-kind/handlers');
    const handlers = (res.json as { handlers: Array<{ kind: string }> }).handlers;
    expect(handlers.map((h) => h.kind).sort()).toEqual([...kinds].sort());
  });

  const missing = kapacitorKinds.filter((k) => !installed.has(k));
  it.each(missing.length > 0 ? missing : ['(every kind is installed)'])(
    'a kind this host does not install (%s) is refused, naming the installed ones',
    async (kind) => {
      if (!kapacitorKinds.includes(kind as never)) {
        expect(kinds).toHaveLength(kapacitorKinds.length);
        return;
      }
      const res = await host.api('POST', '/kapacitor/v1/alerts/topics/every-kind/handlers', {
        id: `h-${kind}`,
        kind,
        options: {},
      });
      expect(res.status).toBe(400);
      expect((res.json as { error: string }).error).toContain(`unsupported action kind "${kind}"`);
    },
  );
});
