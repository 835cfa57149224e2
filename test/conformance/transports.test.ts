// Kapacitor's smtp, mqtt, snmptrap and kafka vectors at the transport level: each case's event
// goes through the transport module the handler kinds call, to a real peer on 127.0.0.1 (an
// SMTP server, an MQTT broker, an SNMP trap receiver) or, for Kafka, to the protocol-level
// TEST BROKER (no Kafka broker can run on these machines; see test/helpers/kafka-test-broker.ts).
// What the peer received is compared with what the vector says Kapacitor sends: mail headers
// and body, MQTT topic/QoS/retain/payload, trap varbinds with their types, Kafka topic, key,
// value bytes and partition. Options come from each case (topic-handler options, or the
// chained methods of its TICKscript).

import { afterEach, describe, expect, it } from 'vitest';
import {
  KafkaCluster,
  kafkaValueTemplate,
  kapacitorKafkaRecord,
  partitioningOf,
} from '../../src/delivery/kafka.js';
import { kapacitorMail, mailRecipients } from '../../src/delivery/mail-format.js';
import {
  kapacitorMQTTMessage,
  MQTTBroker,
  mqttTopicTemplate,
  parseQoS,
} from '../../src/delivery/mqtt.js';
import { recipientTemplates, SMTPMailer } from '../../src/delivery/smtp.js';
import {
  SNMPTrapSender,
  trapDataTemplates,
  type SNMPVarbindType,
} from '../../src/delivery/snmptrap.js';
import type { KafkaPartitionAlgorithm } from '../../src/config/validators.js';
import {
  kafkaSettings,
  startKafkaTestBroker,
  stopKafkaTestBrokers,
} from '../helpers/kafka-test-broker.js';
import { mqttSettings, startMQTTPeer, stopMQTTPeers } from '../helpers/mqtt-peer.js';
import { startSMTPPeer, stopSMTPPeers } from '../helpers/smtp-peer.js';
import { startSNMPPeer, stopSNMPPeers } from '../helpers/snmp-peer.js';
import {
  checkMails,
  checkPublishes,
  checkRecords,
  checkTraps,
  type Expectation,
} from './peer-vectors.js';
import { handlerVectors, substitute, vectorEvent, type VectorEvent } from './vectors.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await Promise.all([stopSMTPPeers(), stopMQTTPeers(), stopSNMPPeers(), stopKafkaTestBrokers()]);
});

/** The string arguments of every `.name('a', 'b', ...)` call in a TICKscript, in order. */
function calls(script: string, name: string): string[][] {
  const out: string[][] = [];
  const call = new RegExp(`\\.${name}\\(((?:\\s*'(?:[^'\\\\]|\\\\.)*'\\s*,?)*)\\)`, 'g');
  for (const m of script.matchAll(call)) {
    out.push([...m[1]!.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((a) => a[1]!.replace(/\\'/g, "'")));
  }
  return out;
}

describe('smtp.json', () => {
  const vectors = handlerVectors('smtp');

  for (const c of vectors.cases) {
    it(c.name, async () => {
      const peer = await startSMTPPeer();
      const vars = { smtphost: peer.host, smtpport: String(peer.port) };
      const config = substitute(c.config as { smtp: { from: string; to?: string[] } }, vars).smtp;
      const event = vectorEvent(c.event as VectorEvent);
      const mailer = new SMTPMailer({
        host: peer.host,
        port: peer.port,
        username: '',
        password: '',
        noVerify: true,
        idleTimeoutMs: 30_000,
      });
      closers.push(() => mailer.close());

      // One handler per `.email(...)` of the script, or the topic handler's options.
      const handlers: { to: string[]; toField: string[] }[] =
        c.via === 'topic-handler'
          ? [{ to: (c.options as { to: string[] }).to, toField: [] }]
          : (c.tickscript as string)
              .split(/(?=\.email\()/)
              .slice(1)
              .map((part) => ({
                to: [...(calls(part, 'email')[0] ?? []), ...calls(part, 'to').flat()],
                toField: calls(part, 'toTemplates').flat(),
              }));
      for (const h of handlers) {
        const to = mailRecipients(
          h.to,
          recipientTemplates(h.toField).render(event),
          config.to ?? [],
        );
        await mailer.send(
          kapacitorMail({
            from: config.from,
            to,
            subject: event.state.message,
            html: event.state.details,
          }),
        );
      }

      checkMails(peer, c.expect as Expectation[]);
    });
  }
});

describe('mqtt.json', () => {
  const vectors = handlerVectors('mqtt');

  for (const c of vectors.cases) {
    it(c.name, async () => {
      const peer = await startMQTTPeer();
      const [element] = (c.config as { mqtt: { name: string }[] }).mqtt;
      // The vector's broker address is replaced by the test broker's.
      const broker = new MQTTBroker(mqttSettings({ name: element!.name, url: peer.url }));
      closers.push(() => broker.close());
      const options = c.options as { topic: string; qos: unknown; retained: boolean };
      const message = kapacitorMQTTMessage(vectorEvent(c.event as VectorEvent), {
        topic: mqttTopicTemplate(options.topic),
        qos: parseQoS(options.qos),
        retained: options.retained,
      });
      await broker.publish(message);
      const expected = c.expect as Expectation[];
      await peer.waitFor(expected.length);
      checkPublishes(peer, expected);
      expect(peer.received[0]!.clientId).toBe(element!.name);
    });
  }
});

describe('snmptrap.json', () => {
  const vectors = handlerVectors('snmptrap');

  for (const c of vectors.cases) {
    it(c.name, async () => {
      const community = 'kapacitor-test-community';
      const peer = await startSNMPPeer(community);
      const config = substitute(c.config as { snmptrap: { retries: number } }, {
        udpaddr: peer.addr,
        community,
      }).snmptrap as { addr: string; community: string; retries: number };
      const sender = new SNMPTrapSender(config);
      closers.push(() => sender.close());
      const event = vectorEvent(c.event as VectorEvent);

      type Item = { oid: string; type: SNMPVarbindType; value: string };
      const traps: { trapOID: string; data: Item[] }[] =
        c.via === 'topic-handler'
          ? [
              {
                trapOID: (c.options as { 'trap-oid': string })['trap-oid'],
                data: (c.options as { 'data-list': Item[] })['data-list'],
              },
            ]
          : (c.tickscript as string)
              .split(/(?=\.snmpTrap\()/)
              .slice(1)
              .map((part) => ({
                trapOID: calls(part, 'snmpTrap')[0]![0]!,
                data: calls(part, 'data').map(([oid, type, value]) => ({
                  oid: oid!,
                  type: type as SNMPVarbindType,
                  value: value!,
                })),
              }));
      for (const t of traps) await sender.send(t.trapOID, trapDataTemplates(t.data).render(event));

      const expected = c.expect as Expectation[];
      await peer.waitFor(expected.length);
      checkTraps(peer, community, expected);
    });
  }
});

describe('kafka.json (against the Kafka TEST BROKER)', () => {
  const vectors = handlerVectors('kafka');

  for (const c of vectors.cases) {
    it(c.name, async () => {
      const broker = await startKafkaTestBroker(); // partitions 1, 2, 3 like Kapacitor's
      const [element] = substitute(c.config as { kafka: Record<string, unknown>[] }, {
        broker: broker.address,
      }).kafka as { id: string; brokers: string[]; 'batch-size'?: number }[];
      const cluster = new KafkaCluster(
        kafkaSettings({
          id: element!.id,
          brokers: element!.brokers,
          batchSize: element!['batch-size'] ?? 0,
        }),
      );
      closers.push(() => cluster.close(0));

      const script = (c.tickscript as string | undefined) ?? '';
      const options =
        c.via === 'topic-handler'
          ? (c.options as {
              topic: string;
              template?: string;
              partitionAlgorithm?: KafkaPartitionAlgorithm;
              disablePartitionById?: boolean;
            })
          : {
              topic: calls(script, 'kafkaTopic')[0]![0]!,
              template: calls(script, 'template')[0]?.[0],
            };
      const record = kapacitorKafkaRecord(vectorEvent(c.event as VectorEvent), {
        topic: options.topic,
        value: kafkaValueTemplate(options.template ?? ''),
        partitioning: partitioningOf(
          'partitionAlgorithm' in options ? (options.partitionAlgorithm ?? '') : '',
          'disablePartitionById' in options ? (options.disablePartitionById ?? false) : false,
        ),
      });
      await cluster.produce(record);

      const expected = c.expect as Expectation[];
      await broker.waitFor(expected.length);
      checkRecords(broker, expected);
      expect(broker.records.every((r) => r.clientId === element!.id)).toBe(true);
    });
  }
});
