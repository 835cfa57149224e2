// The parts of the kind spec language that smtp, mqtt, snmptrap and kafka brought: requests
// over a transport that keeps a connection (`transport: smtp|mqtt|snmptrap|kafka` with a
// `message:`), the kind's `connection:` settings (read from `config` only), the value types
// their field builders check (hostname, port, email, mqtt-topic, snmp-oid, broker-list, ...),
// options that must be given, and the service test's `example`. Each refusal names the spec
// file, the line and the key path; what is accepted is checked in what it generates.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKindSpec } from '../../generators/kind/load.js';
import { renderKind } from '../../generators/kind/render.js';
import { exampleValue } from '../../generators/kind/view.js';
import { hostName, port } from '../../src/config/fields.js';

const root = path.join(import.meta.dirname, '..', '..');

/** A small valid MQTT spec; `replace` edits its text. */
const mqttSpec = `kind: probe
summary: a probe
config:
  list: { key: name }
  fields:
    - { name: enabled, type: bool, description: on }
    - { name: name, type: string, description: the key }
    - { name: url, type: mqtt-url, required: when-enabled, description: broker }
options:
  - { name: topic, type: mqtt-topic, required: true, template: true, description: t }
  - { name: qos, type: mqtt-qos, default: 1, description: q }
connection:
  name: config.name
  url: config.url
  sslCA: "''"
  sslCert: "''"
  sslKey: "''"
  insecureSkipVerify: 'false'
  clientID: "''"
  username: "''"
  password: "''"
requests:
  - transport: mqtt
    message:
      topic: options.topic
      payload: event.message
      qos: options.qos
      retained: 'false'
service-test:
  options:
    - { name: topic, type: string, default: "''" }
  event: {}
  handler-options: { topic: test.topic }
  example: { topic: alerts }
`;

const parse = (text: string) => parseKindSpec(text, 'probe.yaml');

describe('requests over smtp, mqtt, snmptrap and kafka', () => {
  it('generate the connection settings, the message and a service that keeps the connections', () => {
    const files = renderKind(parse(mqttSpec));
    const handler = files.find((f) => f.path.endsWith('/handler.ts'))!.content;
    expect(handler).toContain("export function probeSettings(config: ProbeConfig): PeerSettings<'mqtt'>"); // prettier-ignore
    expect(handler).toContain(
      "return { transport: 'mqtt', topic: options.topic, payload: event.message, qos: options.qos, retained: false };",
    );
    expect(handler).toContain('service.peers.send(config.name, probeRequest(');
    expect(handler).not.toContain('deliver(');
    const service = files.find((f) => f.path.endsWith('/service.ts'))!.content;
    expect(service).toContain("this.peers = new PeerSet('mqtt'");
    expect(service).toContain('c.enabled ? [{ key: c.name, settings: probeSettings(c), path: `probe[${i}]` }] : []'); // prettier-ignore
    const options = files.find((f) => f.path.endsWith('/options.ts'))!.content;
    expect(options).toContain('topic: templated(mqttTopic("", "t", { required: true, template: true }))'); // prettier-ignore
    expect(options).toContain('qos: mqttQoS(1, "q")');
  });

  it('refuse a message member the transport does not have, and name one that is missing', () => {
    expect(() => parse(mqttSpec.replace('      retained: ', '      colour: '))).toThrow(
      /probe\.yaml:\d+:\d+: requests\[0\]\.message\.colour: not an mqtt message member \(topic, payload, qos, retained\)/,
    );
    expect(() => parse(mqttSpec.replace("      retained: 'false'\n", ''))).toThrow(
      /requests\[0\]\.message: message retained is missing \(the retain flag\)/,
    );
  });

  it('refuse a connection without its settings, or with settings that read more than config', () => {
    expect(() => parse(mqttSpec.replace('  clientID: "\'\'"\n', ''))).toThrow(
      /probe\.yaml:\d+:\d+: connection: connection clientID is missing/,
    );
    expect(() => parse(mqttSpec.replace('  url: config.url', '  url: options.topic'))).toThrow(
      /connection\.url: options\.topic: only config can be read here/,
    );
    expect(() => parse(mqttSpec.replace(/connection:\n( {2}.*\n)+/, ''))).toThrow(
      /connection: an mqtt kind needs its connection: name, url, sslCA/,
    );
  });

  it('refuse HTTP parts, a second request and a `when` on such a request', () => {
    expect(() =>
      parse(
        mqttSpec.replace('  - transport: mqtt\n', '  - transport: mqtt\n    url: "\'http://x\'"\n'),
      ),
    ).toThrow(
      // prettier-ignore
      /requests\[0\]\.url: an mqtt request has no url: it has a message/,
    );
    expect(() =>
      parse(mqttSpec.replace('  - transport: mqtt\n', "  - transport: mqtt\n    when: 'true'\n")),
    ).toThrow(
      // prettier-ignore
      /requests\[0\]\.when: the one mqtt request is always sent/,
    );
    const two = mqttSpec.replace('requests:\n', "requests:\n  - { url: \"'http://x'\", when: 'true' }\n"); // prettier-ignore
    expect(() => parse(two)).toThrow(/requests\[0\]: a kind that sends over mqtt has exactly one request/); // prettier-ignore
  });

  it('refuse a connection or a message on an HTTP kind', () => {
    const http = mqttSpec
      .replace(
        /requests:\n[\s\S]*?service-test:/,
        'requests:\n  - url: "\'http://x\'"\nservice-test:',
      ) // prettier-ignore
      .replace(/connection:\n( {2}.*\n)+/, 'connection: { host: config.url }\n');
    expect(() => parse(http)).toThrow(/connection: only an smtp, mqtt, snmptrap or kafka request has a connection/); // prettier-ignore
  });
});

describe('values of the new types', () => {
  it('check defaults against their type', () => {
    expect(() =>
      parse(mqttSpec.replace('default: 1, description: q', 'default: 3, description: q')),
    ).toThrow(
      // prettier-ignore
      /options\[1\]\.default: 3 is not a QoS/,
    );
    expect(() =>
      parse(mqttSpec.replace('type: mqtt-url, required', 'type: mqtt-url, default: 5, required')),
    ).toThrow(
      // prettier-ignore
      /config\.fields\[2\]\.default: 5 is not a mqtt-url/,
    );
  });

  it('allow `required` on string options only', () => {
    expect(() =>
      parse(mqttSpec.replace('default: 1, description: q', 'required: true, description: q')),
    ).toThrow(
      // prettier-ignore
      /options\[1\]\.required: only a string option can be required, not a mqtt-qos/,
    );
  });

  it('refuse a service-test example naming no test option', () => {
    expect(() =>
      parse(mqttSpec.replace('example: { topic: alerts }', 'example: { colour: red }')),
    ).toThrow(
      // prettier-ignore
      /service-test\.example\.colour: no such test option/,
    );
  });

  it('have examples the generated tests can send, and distinct alternatives', () => {
    for (const type of [
      'hostname',
      'port',
      'email',
      'email-list',
      'mqtt-url',
      'mqtt-topic',
      'mqtt-qos',
      'snmp-oid',
      'snmp-data-list',
      'broker-list',
      'kafka-partition-algorithm',
    ] as const) {
      // prettier-ignore
      const a = exampleValue({ name: 'f', type });
      expect(a, type).toBeDefined();
      expect(exampleValue({ name: 'f', type }, true), type).not.toEqual(a);
    }
    expect(exampleValue({ name: 'f', type: 'string', example: 'a', alternative: 'z' }, true)).toBe('z'); // prettier-ignore
  });

  it('are validated by their builders: a host name without scheme or port, a port 1 to 65535', () => {
    const host = hostName('localhost', 'h');
    expect(host.parse('mail.example.com')).toBe('mail.example.com');
    expect(host.parse('::1')).toBe('::1');
    expect(host.safeParse('smtp://mail.example.com').success).toBe(false);
    expect(host.safeParse('mail.example.com:25').success).toBe(false);
    expect(host.safeParse('mail example').success).toBe(false);
    const p = port(25, 'p');
    expect(p.parse(undefined)).toBe(25);
    expect(p.safeParse(0).success).toBe(false);
    expect(p.safeParse(65536).success).toBe(false);
    expect(p.safeParse(2.5).success).toBe(false);
  });
});

describe('the four catalogue kinds', () => {
  it.each(['smtp', 'mqtt', 'snmptrap', 'kafka'])(
    '%s is a spec with no hand-written module',
    (kind) => {
      const file = `generators/catalogue/${kind}.yaml`;
      const spec = parseKindSpec(readFileSync(path.join(root, file), 'utf8'), file);
      expect(spec.module).toBeUndefined();
      expect(spec.requests[0]!.transport).toBe(kind);
    },
  );
});
