// What the kind spec language knows of the transports that keep connections (SMTP, MQTT, SNMP
// traps, Kafka): the settings a spec's `connection:` must give (src/delivery/peers.ts
// PeerSettings: the transport modules' settings interfaces) and the members of its request's
// `message:` (PeerRequest). A spec gives each as an expression; load.ts checks the names here,
// tsc checks the types of the generated code.

import type { PeerTransportName } from './schema.js';

export interface PeerTransportSpec {
  /** What the connection is, for the docs: "one SMTP connection (pooled) per [smtp]". */
  connection: string;
  /** Setting → what it is. */
  settings: Readonly<Record<string, string>>;
  /** Message member → what it is. */
  message: Readonly<Record<string, string>>;
  /** How the docs describe what is sent. */
  describe(message: Readonly<Record<string, string>>): string;
}

const tlsSettings = {
  sslCA: 'PEM file of the CA to trust instead of the system roots',
  sslCert: 'PEM client certificate',
  sslKey: 'PEM key of sslCert',
  insecureSkipVerify: 'skip certificate verification',
};

export const peerTransportSpecs: Readonly<Record<PeerTransportName, PeerTransportSpec>> = {
  smtp: {
    connection: 'one pooled SMTP connection, closed after idleTimeoutMs without a mail',
    settings: {
      host: 'the mail server',
      port: 'its port (465: implicit TLS; otherwise STARTTLS when offered)',
      username: "AUTH user ('' = no AUTH)",
      password: 'AUTH password',
      noVerify: 'skip certificate verification',
      idleTimeoutMs: 'close the connection after this long without a mail',
    },
    message: {
      from: 'From (and MAIL FROM)',
      to: 'To (and RCPT TO), a list',
      subject: 'Subject',
      html: 'the text/html body, sent quoted-printable',
    },
    describe: (m) =>
      `SMTP: one mail from \`${m.from}\` to \`${m.to}\`, Subject \`${m.subject}\`, text/html body \`${m.html}\` (quoted-printable, as gomail writes it)`,
  },
  mqtt: {
    connection: 'one MQTT 3.1.1 client, reconnecting in the background',
    settings: {
      name: 'the broker name (logs, stats; the default client id)',
      url: 'tcp://, ssl://, ws://, wss://, mqtt:// or mqtts:// URL',
      ...tlsSettings,
      clientID: "client id ('' = name)",
      username: 'CONNECT user name',
      password: 'CONNECT password',
    },
    message: {
      topic: 'the topic (no wildcards)',
      payload: 'the payload text (sent as UTF-8 bytes)',
      qos: 'QoS 0, 1 or 2',
      retained: 'the retain flag',
    },
    describe: (m) =>
      `MQTT: PUBLISH to \`${m.topic}\`, payload \`${m.payload}\`, QoS \`${m.qos}\`, retain \`${m.retained}\``,
  },
  snmptrap: {
    connection: 'one SNMP v2c session (UDP)',
    settings: {
      addr: 'host:port of the trap receiver',
      community: 'the community string',
      retries: 'retries of acknowledged requests (traps are not acknowledged)',
    },
    message: {
      trapOID: 'snmpTrapOID.0',
      data: 'the varbinds after sysUpTime.0 and snmpTrapOID.0: { oid, type, value } items',
    },
    describe: (m) =>
      `SNMP v2c trap: sysUpTime.0 = TimeTicks 1000, snmpTrapOID.0 = \`${m.trapOID}\`, then \`${m.data}\` (types c, i, n, s, t)`,
  },
  kafka: {
    connection: 'one Kafka producer, batching records',
    settings: {
      id: 'the cluster id (the client id; logs and stats)',
      brokers: 'bootstrap brokers, host:port',
      timeoutMs: 'network timeout (0 = 10 s)',
      batchSize: 'records per Produce request at most (0 = 100)',
      batchTimeoutMs: 'longest wait of a record while a request is on its way (0 = 1 s)',
      useSSL: 'connect with TLS',
      ...tlsSettings,
      saslUsername: 'SASL user',
      saslPassword: 'SASL password',
      saslMechanism: "'' (= PLAIN with a user), PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512",
    },
    message: {
      topic: 'the topic',
      key: 'the record key (as UTF-8 bytes)',
      value: 'the record value (as UTF-8 bytes)',
      partitioning: 'crc32, murmur2, murmur3, fnv-1a (hash of the key) or none (round robin)',
    },
    describe: (m) =>
      `Kafka: one record to topic \`${m.topic}\`, key \`${m.key}\`, value \`${m.value}\`, partition by \`${m.partitioning}\``,
  },
};
