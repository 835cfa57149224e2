// A real host and a real HTTP receiver on 127.0.0.1 for hand-written wire-format tests of one
// handler kind: create a topic handler, fire an event at it, and read the request byte for
// byte (or the delivery failure the host logged), or run the kind's service test.

import { makeEvent, type AlertEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import type { RawTable } from '../../src/config/env.js';
import { startHost, type Host } from './host.js';
import { startHTTPReceiver, type ReceivedRequest, type Reply } from './receivers.js';

export interface EventInit {
  /** The topic (the handler is created on it); a fresh one by default. */
  topic?: string;
  id?: string;
  message?: string;
  details?: string;
  level?: Level;
  /** nanoseconds since the epoch */
  time?: bigint;
  name?: string;
  taskName?: string;
  tags?: Record<string, string>;
  fields?: Record<string, number>;
}

export interface WirePeer {
  host: Host;
  /** The receiver's base URL (`http://127.0.0.1:<port>`): configure it as the kind's URL. */
  base: string;
  /** Requests the receiver got, in order. */
  received: ReceivedRequest[];
  /** The receiver's answer to the next requests (default 200). */
  answer(reply: Reply): void;
  /** A topic handler with these options, one event fired at it: the request it caused. */
  send(options: Record<string, unknown>, init?: EventInit): Promise<ReceivedRequest>;
  /** The same, for an event the kind cannot send: the error the host logged for it. */
  failure(options: Record<string, unknown>, init?: EventInit): Promise<string>;
  /** Try to create a topic handler with these options: the status and error the API answers. */
  create(options: Record<string, unknown>): Promise<{ status: number; error: string }>;
  /** POST /service-tests/<kind>; the request it caused, if any, comes into `received`. */
  serviceTest(options: Record<string, unknown>): Promise<{ success: boolean; message: string }>;
  stop(): Promise<void>;
}

/** One request header (the first with that name, any case). */
export function headerOf(req: ReceivedRequest, name: string): string | undefined {
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) return req.rawHeaders[i + 1];
  return undefined;
}

function eventOf(topic: string, init: EventInit): AlertEvent {
  return makeEvent({
    topic,
    state: {
      id: init.id ?? 'cpu.serverA',
      message: init.message ?? 'cpu.serverA is CRITICAL',
      details: init.details ?? '',
      time: init.time ?? 31_536_010_000_000_000n,
      duration: 0n,
      level: init.level ?? Level.CRITICAL,
    },
    data: {
      name: init.name ?? 'cpu',
      taskName: init.taskName ?? 'cpu_alert',
      group: 'host=serverA',
      tags: init.tags ?? { host: 'serverA' },
      fields: init.fields ?? { value: 97.5 },
      recoverable: true,
    },
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 4000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Start a receiver and a host whose `[kind]` section `config(base)` gives. */
export async function startWirePeer(
  kind: string,
  config: (base: string) => Record<string, unknown>,
): Promise<WirePeer> {
  let reply: Reply = { status: 200 };
  const receiver = await startHTTPReceiver(() => reply);
  const base = receiver.url.replace(/\/alert$/, '');
  const host = await startHost({ [kind]: config(base) } as RawTable);
  let topics = 0;
  const handler = async (options: Record<string, unknown>, name?: string): Promise<string> => {
    topics += 1;
    const topic = name ?? `wire${topics}`;
    const res = await host.api('POST', `/kapacitor/v1/alerts/topics/${topic}/handlers`, {
      id: 'h',
      kind,
      options,
    });
    if (res.status !== 200) throw new Error(`handler refused: ${res.text}`);
    return topic;
  };
  return {
    host,
    base,
    received: receiver.received,
    answer: (r) => void (reply = r),
    async send(options, init = {}) {
      const before = receiver.received.length;
      host.server.alert.collect(eventOf(await handler(options, init.topic), init));
      await receiver.waitFor(before + 1);
      return receiver.received[before]!;
    },
    async failure(options, init = {}) {
      const topic = await handler(options, init.topic);
      const failed = () =>
        host.logs.find((r) => r.level === 'error' && String(r.handler).startsWith(`${topic}/`));
      host.server.alert.collect(eventOf(topic, init));
      await until(() => failed() !== undefined, `a delivery failure on ${topic}`);
      return String(failed()!.err);
    },
    async create(options) {
      const res = await host.api('POST', '/kapacitor/v1/alerts/topics/refused/handlers', {
        id: 'refused',
        kind,
        options,
      });
      return { status: res.status, error: (res.json as { error?: string }).error ?? '' };
    },
    async serviceTest(options) {
      const res = await host.api('POST', `/kapacitor/v1/service-tests/${kind}`, options);
      if (res.status !== 200) throw new Error(`service test refused: ${res.text}`);
      return res.json as { success: boolean; message: string };
    },
    stop: () => host.stop(),
  };
}
