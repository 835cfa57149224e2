// The one tester for every generated handler kind (Apprise-style: each kind's generated test
// is a table, this file runs the same checks for all of them), against a real host and real
// receivers on 127.0.0.1: HTTP and TCP receivers, and for the kinds that keep connections an
// SMTP server, MQTT broker, SNMP trap receiver or the Kafka TEST BROKER (peer-receivers.ts).
// Its strongest check is by mutation: every config field and option the spec says reaches
// what is sent is changed, one at a time, and what a peer received must change.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level, parseLevel } from '../../src/alert/level.js';
import { runCli } from '../../src/cli/index.js';
import { buildConfig } from '../../src/config/load.js';
import type { SectionDef } from '../../src/config/section.js';
import { startHost, tempDir, type Host } from './host.js';
import { stopKafkaTestBrokers } from './kafka-test-broker.js';
import { stopMQTTPeers } from './mqtt-peer.js';
import { startPeerReceivers, type Receivers, type Seen } from './peer-receivers.js';
import { closeAll, startHTTPReceiver, startTCPReceiver } from './receivers.js';
import { stopSMTPPeers } from './smtp-peer.js';
import { stopSNMPPeers } from './snmp-peer.js';

type Effect = { level: string } | { none: string };

export interface KindTable {
  kind: string;
  apiKind: string;
  tick: string | null;
  transport: 'http' | 'tcp' | 'smtp' | 'mqtt' | 'snmptrap' | 'kafka';
  listKey: string | null;
  defaultFlag: string | null;
  secrets: string[];
  required: string[];
  config: Array<{
    name: string;
    type: string;
    example: unknown;
    alternative: unknown;
    effect: Effect;
  }>;
  options: Array<{
    name: string;
    type: string;
    example: unknown;
    alternative: unknown;
    fallback: string | null;
    selects: boolean;
    /** must be given when a handler is created */
    required: boolean;
    /** a bool set in TICKscript with its value (`.retained(TRUE)`), not as a flag */
    tickValueArg: boolean;
    tick: string | null;
    effect: Effect;
  }>;
  tickArgs: string[];
  testOptions: string[];
  /** options a service test needs beyond the defaults to succeed */
  testExample: Record<string, unknown>;
  /** connection setting → the config field it comes from (kinds that keep connections) */
  connection: Record<string, string>;
  /** the status the receiver answers (the kind's success status) */
  success: number;
  /** a TCP kind's expected reply */
  reply: string | null;
  /** what the kind's service test answers when the service is disabled */
  disabledMessage: string;
  /** options and config fields sent in an HTTP header (refused with CR/LF when set) */
  headerOptions: string[];
  headerConfig: string[];
}

async function startReceivers(t: KindTable): Promise<Receivers> {
  if (t.transport !== 'http' && t.transport !== 'tcp') return startPeerReceivers(t);
  if (t.transport === 'tcp') {
    // Two receivers (a config field's value and its alternative), one list in arrival order.
    const seen: Seen[] = [];
    const answer = (name: string) => (data: Buffer) => {
      seen.push({ text: `${name} ${data.toString('utf8')}` });
      return t.reply ?? '';
    };
    const a = await startTCPReceiver(answer('a'));
    const b = await startTCPReceiver(answer('b'));
    return {
      target: (type, _field, alt) =>
        type === 'address' ? (alt ? b.address : a.address) : undefined,
      seen: () => seen,
      waitFor: async (n) => {
        for (let i = 0; i < 2000 && seen.length < n; i++)
          await new Promise((r) => setTimeout(r, 5));
        expect(seen.length).toBeGreaterThanOrEqual(n);
      },
    };
  }
  const r = await startHTTPReceiver(() => ({ status: t.success }));
  const base = r.url.replace(/\/alert$/, '');
  return {
    target: (type, field, alt) =>
      type === 'url' ? `${base}/${field}${alt ? '-alt' : ''}` : undefined,
    seen: () =>
      r.received.map((q) => {
        const headers: string[] = [];
        for (let i = 0; i < q.rawHeaders.length; i += 2) {
          const name = q.rawHeaders[i]!.toLowerCase();
          if (name !== 'host' && name !== 'content-length')
            headers.push(`${name}: ${q.rawHeaders[i + 1]}`);
        }
        return { text: `${q.method} ${q.url}\n${headers.sort().join('\n')}\n\n${q.body}` };
      }),
    waitFor: (n) => r.waitFor(n),
  };
}

const levelOf = (name: string): Level => parseLevel(name) ?? Level.CRITICAL;

/** Types carried as strings (a number is the wrong type for them). */
const stringTypes = new Set([
  'string',
  'url',
  'hostname',
  'email',
  'mqtt-url',
  'mqtt-topic',
  'snmp-oid',
  'kafka-partition-algorithm',
]);
/** Types carried as lists. */
const listTypes = new Set([
  'string-list',
  'email-list',
  'broker-list',
  'object-list',
  'snmp-data-list',
]);

/** A rich event, so that templates and level tables have something to show. */
function event(topic: string, level = 'CRITICAL') {
  return makeEvent({
    topic,
    state: {
      // An ID every kind accepts: sensu refuses anything but [\w.-] (handlers.md §3.17).
      id: 'cpu.serverA',
      message: `cpu.serverA is ${level}`,
      details: 'details',
      time: 31_536_010_000_000_000n,
      duration: 10_000_000_000n,
      level: levelOf(level),
    },
    data: {
      name: 'cpu',
      taskName: 'cpu_alert',
      group: 'host=serverA',
      tags: { host: 'serverA' },
      fields: { value: 97.5 },
      recoverable: true,
      result: {
        series: [
          {
            name: 'cpu',
            tags: { host: 'serverA' },
            columns: ['time', 'value'],
            values: [[null, 97.5]],
          },
        ],
      },
    },
  });
}

export function describeKind(section: SectionDef, t: KindTable): void {
  describe(`${t.kind} handler`, () => {
    let host: Host;
    let receivers: Receivers;
    /** Config field values for the host: examples, url/address fields pointing at receivers. */
    let element: Record<string, unknown>;
    const configPath = () =>
      t.listKey === null
        ? `/kapacitor/v1/config/${t.kind}/`
        : `/kapacitor/v1/config/${t.kind}/${String(element[t.listKey] ?? '')}`;
    const valueOf = (
      f: { name: string; type: string; example: unknown; alternative: unknown },
      alt = false,
    ) => receivers.target(f.type, f.name, alt) ?? (alt ? f.alternative : f.example);
    const exampleOptions = (): Record<string, unknown> =>
      Object.fromEntries(t.options.filter((o) => !o.selects).map((o) => [o.name, valueOf(o)]));
    /** The options a handler must be given (mqtt's topic): their examples. */
    const requiredOptions = (): Record<string, unknown> =>
      Object.fromEntries(t.options.filter((o) => o.required).map((o) => [o.name, valueOf(o)]));
    let delivered = 0;
    /** Fire one event at a topic and return the request it caused. */
    const fire = async (topic: string, level = 'CRITICAL'): Promise<string> => {
      host.server.alert.collect(event(topic, level));
      delivered += 1;
      await receivers.waitFor(delivered);
      return receivers.seen()[delivered - 1]!.text;
    };
    let topics = 0;
    const handler = async (options: Record<string, unknown>): Promise<string> => {
      topics += 1;
      const topic = `t${topics}`;
      const res = await host.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, {
        id: 'h',
        kind: t.apiKind,
        options,
      });
      expect(res.status, res.text).toBe(200);
      return topic;
    };
    const setConfig = async (set: Record<string, unknown>) => {
      const res = await host.api('POST', configPath(), { set });
      expect(res.status, res.text).toBe(204);
    };

    beforeAll(async () => {
      receivers = await startReceivers(t);
      element = { enabled: true };
      for (const f of t.config) element[f.name] = valueOf(f);
      if (t.defaultFlag !== null) element[t.defaultFlag] = true;
      host = await startHost({ [t.kind]: t.listKey === null ? element : [element] });
    }, 60_000);
    afterAll(async () => {
      await host?.stop();
      await closeAll();
      await Promise.all([
        stopSMTPPeers(),
        stopMQTTPeers(),
        stopSNMPPeers(),
        stopKafkaTestBrokers(),
      ]);
    });

    it('has config defaults, and requires its fields when enabled', () => {
      const { config } = buildConfig({}, 'test');
      const value = (config as Record<string, unknown>)[t.kind];
      const first = (t.listKey === null ? value : (value as unknown[])[0]) as Record<
        string,
        unknown
      >;
      expect(first.enabled).toBe(false);
      const parsed = section.schema.parse({}) as Record<string, unknown>;
      for (const f of t.required) {
        // The others set, this one empty (explicitly: it may have a default, as victorops' url).
        const type = t.config.find((c) => c.name === f)?.type ?? 'string';
        const enabled = { ...element, enabled: true, [f]: listTypes.has(type) ? [] : '' };
        expect(() =>
          buildConfig({ [t.kind]: t.listKey === null ? enabled : [enabled] }, 'test'),
        ).toThrow(`${f}: must be set when enabled = true`);
        expect(parsed[f]).toBeDefined();
      }
    });

    it('never shows its secrets', async () => {
      const res = await host.api('GET', `/kapacitor/v1/config/${t.kind}`);
      expect(res.status).toBe(200);
      const [shown] = (res.json as { elements: Array<{ options: Record<string, unknown>; redacted: string[] | null }> }).elements; // prettier-ignore
      for (const s of t.secrets) {
        expect(shown!.options[s]).toBe(true);
        expect(res.text).not.toContain(String(element[s]));
      }
      expect(shown!.redacted).toEqual(t.secrets.length > 0 ? [...t.secrets].sort() : null);
    });

    it('sends a request for every config field and option: change one and the request changes', async () => {
      // Config fields, seen through a handler with only the options it must have (the others
      // fall back to the config).
      const plain = await handler(requiredOptions());
      for (const f of t.config) {
        if ('none' in f.effect) continue;
        // Twice at the level, so that both events compared have the same previous level.
        await fire(plain, f.effect.level);
        const before = await fire(plain, f.effect.level);
        await setConfig({ [f.name]: valueOf(f, true) });
        const after = await fire(plain, f.effect.level);
        await setConfig({ [f.name]: valueOf(f) });
        expect(after, `config ${f.name} does not reach the request`).not.toBe(before);
      }
      // Options, each changed on top of all the others.
      const options = exampleOptions();
      const withOptions = await fire(await handler(options));
      for (const o of t.options) {
        if ('none' in o.effect || o.selects) continue;
        const changed = await fire(
          await handler({ ...options, [o.name]: valueOf(o, true) }),
          o.effect.level,
        );
        const reference =
          o.effect.level === 'CRITICAL'
            ? withOptions
            : await fire(await handler(options), o.effect.level);
        expect(changed, `option ${o.name} does not reach the request`).not.toBe(reference);
      }
    });

    it('works as a topic handler from a YAML handler file', async () => {
      const options = exampleOptions();
      const reference = await fire(await handler(options));
      const file = join(tempDir(), 'handler.yaml');
      const lines = Object.entries(options).map(
        ([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
      );
      writeFileSync(
        file,
        `topic: from-file\nid: h\nkind: ${t.apiKind}\n${lines.length > 0 ? `options:\n${lines.join('\n')}\n` : ''}`,
      );
      const errors: string[] = [];
      const code = await runCli(['-url', host.url, 'define-topic-handler', file], {
        out: () => {},
        err: (s) => void errors.push(s),
      });
      expect(errors).toEqual([]);
      expect(code).toBe(0);
      expect(await fire('from-file')).toBe(reference);
    });

    if (t.tick !== null) {
      it(`works in a TICKscript as .${t.tick}() with its chained methods, through /write`, async () => {
        const options = exampleOptions();
        const tickValue = (v: unknown, type = 'string'): string =>
          typeof v === 'string'
            ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
            : Array.isArray(v)
              ? v.map((x) => tickValue(x)).join(', ')
              : type === 'duration'
                ? `${Number(v) / 1e9}s`
                : String(v);
        const args = t.tickArgs.map((a) => tickValue(options[a])).join(', ');
        const chain = t.options
          .filter((o) => o.tick !== null && !o.selects && !t.tickArgs.includes(o.name))
          .map((o) => {
            const v = options[o.name];
            if (o.type === 'bool' && o.tickValueArg)
              return `.${o.tick}(${v === true ? 'TRUE' : 'FALSE'})`;
            if (o.type === 'bool') return v === true ? `.${o.tick}()` : '';
            if (o.type === 'duration') return `.${o.tick}(${Number(v) / 1e6}ms)`;
            if (Array.isArray(v)) {
              if (o.type === 'object-list' || o.type === 'snmp-data-list') {
                return (v as Array<Record<string, string>>).map((x) => `.${o.tick}(${Object.values(x).map((y) => tickValue(y)).join(', ')})`).join(''); // prettier-ignore
              }
              return `.${o.tick}(${v.map((y) => tickValue(y)).join(', ')})`;
            }
            if (v !== null && typeof v === 'object') {
              return Object.entries(v).map(([k, x]) => `.${o.tick}(${tickValue(k)}, ${tickValue(x)})`).join(''); // prettier-ignore
            }
            return `.${o.tick}(${tickValue(v, o.type)})`;
          })
          .join('');
        // The same event reaches the TICKscript's handler and a topic handler with the same
        // options: their requests must be the same.
        const topic = await handler(options);
        const script = [
          'dbrp "telegraf"."autogen"',
          "stream|from().measurement('cpu').groupBy('host')",
          '|alert().id(\'cpu.{{ index .Tags "host" }}\').crit(lambda: "value" > 90)',
          `.topic('${topic}').${t.tick}(${args})${chain}`,
        ].join('\n');
        const task = await host.api('POST', '/kapacitor/v1/tasks', {
          id: `${t.kind}_task`,
          script,
          status: 'enabled',
        });
        expect(task.status, task.text).toBe(200);
        const write = await host.api('POST', '/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s', 'cpu,host=serverA value=97.5 31536010'); // prettier-ignore
        expect(write.status, write.text).toBe(204);
        delivered += 2;
        await receivers.waitFor(delivered);
        const [a, b] = receivers.seen().slice(-2);
        expect(a!.text).toBe(b!.text);
        await host.api('DELETE', `/kapacitor/v1/tasks/${t.kind}_task`);
      });
    }

    it("answers its service test with Kapacitor's options", async () => {
      const listed = await host.api('GET', `/kapacitor/v1/service-tests/${t.kind}`);
      expect(listed.status).toBe(200);
      expect(Object.keys((listed.json as { options: Record<string, unknown> }).options)).toEqual(
        t.testOptions,
      );
      const ran = await host.api('POST', `/kapacitor/v1/service-tests/${t.kind}`, t.testExample);
      expect(ran.json).toEqual({ success: true, message: '' });
      delivered += 1;
      await receivers.waitFor(delivered);

      await setConfig({ enabled: false });
      const disabled = await host.api(
        'POST',
        `/kapacitor/v1/service-tests/${t.kind}`,
        t.testExample,
      );
      await setConfig({ enabled: true });
      expect(disabled.json).toEqual({ success: false, message: t.disabledMessage });
    });

    if (t.headerOptions.length + t.headerConfig.length > 0) {
      it('refuses CR/LF in what it sends in a header, when it is set', async () => {
        for (const name of t.headerOptions) {
          const res = await host.api('POST', '/kapacitor/v1/alerts/topics/crlf/handlers', {
            id: 'crlf',
            kind: t.apiKind,
            options: { [name]: 'a\r\nX-Injected: 1' },
          });
          expect(res.status, name).toBe(400);
          expect((res.json as { error: string }).error).toContain(`option "${name}"`);
          expect(res.text).toContain('CR or LF');
        }
        for (const name of t.headerConfig) {
          const res = await host.api('POST', configPath(), {
            set: { [name]: 'a\r\nX-Injected: 1' },
          });
          expect(res.status, name).toBe(400);
          expect(res.text).toContain(name);
          expect(res.text).not.toContain('X-Injected');
        }
      });
    }

    it('refuses unknown and mistyped options with a 400 naming the option', async () => {
      const create = (options: Record<string, unknown>) =>
        host.api('POST', '/kapacitor/v1/alerts/topics/bad/handlers', {
          id: 'bad',
          kind: t.apiKind,
          options,
        });
      const unknown = await create({ 'no-such-option': 1 });
      expect(unknown.status).toBe(400);
      expect((unknown.json as { error: string }).error).toContain(
        'option "no-such-option": unknown option',
      );
      const typed = t.options.find((o) => !o.selects);
      if (typed) {
        const wrong = typed.type === 'bool' ? 'yes' : stringTypes.has(typed.type) ? 5 : 'five';
        const mistyped = await create({ [typed.name]: wrong });
        expect(mistyped.status).toBe(400);
        expect((mistyped.json as { error: string }).error).toContain(`option "${typed.name}"`);
      }
    });
  });
}
