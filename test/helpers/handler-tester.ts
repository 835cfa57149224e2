// The one tester for every generated handler kind (Apprise-style: each kind is a table, this
// file runs the same checks for all of them). A generated test/services/<kind>.test.ts is just
// its table. Everything runs against real servers on 127.0.0.1.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { runCli } from '../../src/cli/index.js';
import { buildConfig } from '../../src/config/load.js';
import type { SectionDef } from '../../src/config/section.js';
import { startHost, tempDir, type Host } from './host.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from './receivers.js';

export interface HandlerKindTable {
  kind: string;
  tickName: string;
  transport: 'http-json' | 'http-form' | 'tcp' | 'custom';
  section: SectionDef;
  /** the config field requests go to */
  target: 'url' | 'address';
  /** the element key of a `[[kind]]` list section */
  listKey: string | undefined;
  secrets: string[];
  /** example values for every config field but `enabled` and the target */
  config: Record<string, unknown>;
  /** example handler options and the payload they produce (without `message`) */
  options: Record<string, unknown>;
  tickChain: string;
  payload: Record<string, unknown>;
  /** the payload with no options (options fall back to the config) */
  defaultPayload: Record<string, unknown>;
  mistyped: { option: string; value: unknown; message: string } | null;
  testMessage: string;
}

interface Receiver {
  target: string;
  payloads(): Array<Record<string, unknown>>;
  contentTypes(): Array<string | undefined>;
  waitFor(n: number): Promise<void>;
}

async function startReceiver(t: HandlerKindTable): Promise<Receiver> {
  if (t.transport === 'tcp') {
    const r = await startTCPReceiver();
    return {
      target: r.address,
      payloads: () =>
        r.messages.map((m) => JSON.parse(m.toString('utf8')) as Record<string, unknown>),
      contentTypes: () => r.messages.map(() => undefined),
      waitFor: (n) => r.waitFor(n),
    };
  }
  const r = await startHTTPReceiver();
  const header = (raw: string[], name: string) =>
    raw[raw.findIndex((h) => h.toLowerCase() === name) + 1];
  return {
    target: r.url,
    payloads: () =>
      r.received.map((req) => {
        if (t.transport !== 'http-form') return JSON.parse(req.body) as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [k, v] of new URLSearchParams(req.body)) {
          out[k] = k in out ? [...([] as unknown[]).concat(out[k]), v] : v;
        }
        return out;
      }),
    contentTypes: () => r.received.map((req) => header(req.rawHeaders, 'content-type')),
    waitFor: (n) => r.waitFor(n),
  };
}

/** What the receiver sees for `payload`: form bodies carry every value as text. */
function onTheWire(t: HandlerKindTable, payload: Record<string, unknown>): Record<string, unknown> {
  if (t.transport !== 'http-form') return payload;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (Array.isArray(v) && v.length === 0) continue; // an empty list sends no key at all
    if (Array.isArray(v)) out[k] = v.length === 1 ? String(v[0]) : v.map(String);
    else out[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  }
  return out;
}

function rawConfig(t: HandlerKindTable, target: string, enabled = true): Record<string, unknown> {
  const element = { enabled, [t.target]: target, ...t.config };
  return { [t.kind]: t.listKey ? [element] : element };
}

export function describeHandlerKind(t: HandlerKindTable): void {
  describe(`${t.kind} handler`, () => {
    let host: Host | undefined;
    afterEach(async () => {
      await host?.stop();
      host = undefined;
      await closeAll();
    });

    const expectedContentType = {
      'http-json': 'application/json',
      custom: 'application/json',
      'http-form': 'application/x-www-form-urlencoded',
      tcp: undefined,
    }[t.transport];

    const fire = (h: Host, topic: string, message: string) =>
      h.server.alert.collect(
        makeEvent({ topic, state: { id: `${t.kind}-event`, message, level: Level.CRITICAL } }),
      );

    it('has config defaults and requires its target when enabled', () => {
      const { config } = buildConfig({}, 'test');
      const section = (config as Record<string, unknown>)[t.kind];
      const element = (t.listKey ? (section as unknown[])[0] : section) as Record<string, unknown>;
      expect(element.enabled).toBe(false);
      expect(element[t.target]).toBe('');
      const path = t.listKey ? `${t.kind}[0].${t.target}` : `${t.kind}.${t.target}`;
      expect(() => buildConfig(rawConfig(t, ''), 'test')).toThrow(
        `test: ${path}: must be set when enabled = true`,
      );
    });

    it('shows its section in /config with secrets redacted', async () => {
      host = await startHost(rawConfig(t, 'http://127.0.0.1:1/unused'));
      const res = await host.api('GET', `/kapacitor/v1/config/${t.kind}`);
      expect(res.status).toBe(200);
      const [element] = (
        res.json as {
          elements: Array<{ options: Record<string, unknown>; redacted: string[] | null }>;
        }
      ).elements;
      for (const s of t.secrets) {
        expect(element!.options[s]).toBe(true);
        expect(res.text).not.toContain(String(t.config[s]));
      }
      expect(element!.redacted).toEqual(t.secrets.length > 0 ? [...t.secrets].sort() : null);
      expect(element!.options.enabled).toBe(true);
    });

    it('sends its request to a real loopback receiver (options, then config fallbacks)', async () => {
      const receiver = await startReceiver(t);
      host = await startHost(rawConfig(t, receiver.target));
      const withOptions = await host.api('POST', '/kapacitor/v1/alerts/topics/ops/handlers', {
        id: 'opts',
        kind: t.kind,
        options: t.options,
      });
      expect(withOptions.status, withOptions.text).toBe(200);
      fire(host, 'ops', 'first');
      await receiver.waitFor(1);
      expect(receiver.payloads()[0]).toEqual(onTheWire(t, { ...t.payload, message: 'first' }));
      expect(receiver.contentTypes()[0]).toBe(expectedContentType);

      await host.api('DELETE', '/kapacitor/v1/alerts/topics/ops/handlers/opts');
      expect(
        (
          await host.api('POST', '/kapacitor/v1/alerts/topics/ops/handlers', {
            id: 'plain',
            kind: t.kind,
          })
        ).status,
      ).toBe(200);
      fire(host, 'ops', 'second');
      await receiver.waitFor(2);
      expect(receiver.payloads()[1]).toEqual(
        onTheWire(t, { ...t.defaultPayload, message: 'second' }),
      );
    });

    it('works as a topic handler from a YAML handler file', async () => {
      const receiver = await startReceiver(t);
      host = await startHost(rawConfig(t, receiver.target));
      const file = join(tempDir(), 'handler.yaml');
      const options = Object.entries(t.options)
        .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
        .join('\n');
      writeFileSync(
        file,
        `topic: files\nid: from-file\nkind: ${t.kind}\n${options ? `options:\n${options}\n` : ''}`,
      );
      const errors: string[] = [];
      expect(
        await runCli(['-url', host.url, 'define-topic-handler', file], {
          out: () => {},
          err: (s) => void errors.push(s),
        }),
      ).toBe(0);
      expect(errors).toEqual([]);
      fire(host, 'files', 'from a file');
      await receiver.waitFor(1);
      expect(receiver.payloads()[0]).toEqual(
        onTheWire(t, { ...t.payload, message: 'from a file' }),
      );
    });

    it(`works in a TICKscript as .${t.tickName}() through /write`, async () => {
      const receiver = await startReceiver(t);
      host = await startHost(rawConfig(t, receiver.target));
      const script = `stream\n    |from()\n        .measurement('cpu')\n    |alert()\n        .crit(lambda: "value" > 90)\n        .message('{{ .ID }} fired')\n        .${t.tickName}()${t.tickChain}\n`;
      const task = await host.api('POST', '/kapacitor/v1/tasks', {
        id: `${t.kind}_task`,
        script,
        dbrps: [{ db: 'telegraf', rp: 'autogen' }],
        status: 'enabled',
      });
      expect(task.status, task.text).toBe(200);
      const write = await host.api(
        'POST',
        '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s',
        'cpu value=95 1',
      );
      expect(write.status, write.text).toBe(204);
      await receiver.waitFor(1);
      expect(receiver.payloads()[0]).toEqual(
        onTheWire(t, { ...t.payload, message: 'cpu:nil fired' }),
      );
    });

    it('answers its service test', async () => {
      const receiver = await startReceiver(t);
      host = await startHost(rawConfig(t, receiver.target));
      const listed = await host.api('GET', `/kapacitor/v1/service-tests/${t.kind}`);
      expect(listed.status).toBe(200);
      expect((listed.json as { options: { message: string } }).options.message).toBe(t.testMessage);
      const ran = await host.api('POST', `/kapacitor/v1/service-tests/${t.kind}`, {
        message: 'hello',
      });
      expect(ran.json).toEqual({ success: true, message: '' });
      await receiver.waitFor(1);
      expect(receiver.payloads()[0]).toMatchObject(onTheWire(t, { message: 'hello' }));

      await host.stop();
      host = await startHost(rawConfig(t, receiver.target, false));
      const disabled = await host.api('POST', `/kapacitor/v1/service-tests/${t.kind}`, {});
      expect(disabled.json).toEqual({ success: false, message: 'service is not enabled' });
    });

    it('rejects unknown and mistyped options with a 400 naming the key', async () => {
      host = await startHost();
      const handlers = '/kapacitor/v1/alerts/topics/ops/handlers';
      const unknown = await host.api('POST', handlers, {
        id: 'bad',
        kind: t.kind,
        options: { 'no-such-option': 1 },
      });
      expect(unknown.status).toBe(400);
      expect((unknown.json as { error: string }).error).toContain(
        `invalid options for kind "${t.kind}": option "no-such-option": unknown option`,
      );
      if (t.mistyped) {
        const mistyped = await host.api('POST', handlers, {
          id: 'bad',
          kind: t.kind,
          options: { [t.mistyped.option]: t.mistyped.value },
        });
        expect(mistyped.status).toBe(400);
        expect((mistyped.json as { error: string }).error).toBe(
          `failed to create handler: invalid options for kind "${t.kind}": option "${t.mistyped.option}": ${t.mistyped.message}`,
        );
      }
    });
  });
}
