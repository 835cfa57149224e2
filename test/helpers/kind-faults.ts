// Faults of a peer kind (smtp, mqtt, snmptrap, kafka) through the running host, as a user meets
// them: the kind's config points at a real peer on 127.0.0.1 (an SMTP server, an MQTT broker,
// an SNMP trap receiver) or at the Kafka TEST BROKER (a protocol-level test double: no Kafka
// broker can run on these machines), a topic handler of the kind sits beside a `post` handler
// on the same topic, and the peer is down when the host starts, goes away and comes back, or
// answers with an error. Whatever the peer does, the post handler gets every event at once;
// failures are counted by reason in GET /kapacitor/v1/debug/vars (the handler's and the
// peer's counters) and logged naming the handler and the reason, with no secret in the log.
// test/delivery/transport-faults.test.ts checks the same behind a bare delivery queue; each
// kind's cases are its own file (test/services/<kind>.faults.test.ts), so that
// `npm run remove-handler <kind>` takes them with the kind.

import { afterEach, expect } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import type { LogRecord } from '../../src/common/logger.js';
import type { RawTable } from '../../src/config/env.js';
import { startHost, type Host } from './host.js';
import { stopKafkaTestBrokers } from './kafka-test-broker.js';
import { stopMQTTPeers } from './mqtt-peer.js';
import { closeAll, startHTTPReceiver, type HTTPReceiver } from './receivers.js';
import { stopSMTPPeers } from './smtp-peer.js';
import { stopSNMPPeers } from './snmp-peer.js';

/** A secret every case puts in the config: it must never reach the log. */
const secret = 'S3cret-Value-42';
const topic = '/kapacitor/v1/alerts/topics/cpu/handlers';

type Vars = Record<string, { values: Record<string, number> }>;

export interface KindFaults {
  /** The host with `config`, the kind's handler `h` and a post handler `other` on topic cpu. */
  hostWith(
    config: Record<string, unknown>,
    kind: string,
    options: Record<string, unknown>,
  ): Promise<{ host: Host; other: HTTPReceiver }>;
  secret: typeof secret;
  fire: typeof fire;
  vars: typeof vars;
  settled: typeof settled;
  failureLog: typeof failureLog;
  noSecretLogged: typeof noSecretLogged;
}

/** The cases' helpers; hosts, receivers and peers of each test are stopped after it. */
export function kindFaults(): KindFaults {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
    await closeAll();
    await Promise.all([stopSMTPPeers(), stopMQTTPeers(), stopSNMPPeers(), stopKafkaTestBrokers()]);
  });
  return {
    secret,
    fire,
    vars,
    settled,
    failureLog,
    noSecretLogged,
    async hostWith(config, kind, options) {
      const other = await startHTTPReceiver();
      host = await startHost({
        alert: {
          'delivery-attempts': 3,
          'retry-backoff': '10ms',
          'retry-max-backoff': '20ms',
          'delivery-timeout': '20s',
        },
        ...config,
      } as RawTable);
      const created = await host.api('POST', topic, { id: 'h', kind, options });
      expect(created.status, created.text).toBe(200);
      const post = await host.api('POST', topic, { id: 'other', kind: 'post', options: { url: other.url } }); // prettier-ignore
      expect(post.status, post.text).toBe(200);
      return { host, other };
    },
  };
}

function fire(h: Host, id: string, message = `${id} is CRITICAL`): void {
  h.server.alert.collect(
    makeEvent({ topic: 'cpu', state: { id, message, details: 'd', level: Level.CRITICAL } }),
  );
}

async function vars(h: Host): Promise<Vars> {
  const res = await h.api('GET', '/kapacitor/v1/debug/vars');
  expect(res.status).toBe(200);
  return (res.json as { kapacitor: Vars }).kapacitor;
}

/** Wait until the handler has finished with `n` events (sent or failed). */
async function settled(h: Host, n: number): Promise<Record<string, number>> {
  for (;;) {
    const v = (await vars(h))['delivery:cpu/h']?.values;
    if (v && (v.sent ?? 0) + (v.failed ?? 0) >= n) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function failureLog(h: Host, reason: string): LogRecord {
  const rec = h.logs.find(
    (r) => r.handler === 'cpu/h' && r.reason === reason && r.msg.startsWith('failed to deliver'),
  );
  expect(rec, `a log line for cpu/h with reason ${reason}`).toBeDefined();
  expect(rec!.level).toBe('error');
  return rec!;
}

function noSecretLogged(h: Host): void {
  expect(JSON.stringify(h.logs)).not.toContain(secret);
}
