// The validating field builders of the smtp, mqtt, snmptrap and kafka kinds: each refuses bad
// input with a 400 (handler options) or a config error (sections) that names the key, and
// gives type, default and docs in one schema.

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { decodeHandlerOptions, OptionsError } from '../../src/alert/options.js';
import {
  brokerList,
  email,
  emailList,
  infoOf,
  kafkaPartitionAlgorithm,
  mqttQoS,
  mqttTopic,
  mqttURL,
  snmpDataList,
  snmpOID,
  snmpVarbindType,
} from '../../src/config/fields.js';
import { defineListSection, defineSection, parseSection } from '../../src/config/section.js';
import { parseMailbox } from '../../src/common/mailbox.js';

/** The OptionsError for `raw`, or undefined when it decodes. */
function refusal(schema: z.ZodObject, raw: unknown): OptionsError | undefined {
  try {
    decodeHandlerOptions('kind', schema, raw);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    expect((err as OptionsError).status).toBe(400);
    return err as OptionsError;
  }
}

describe('email, emailList', () => {
  const schema = z.strictObject({
    from: email('', 'Sender', { required: true }),
    cc: email('', 'Optional'),
    to: emailList([], 'Recipients'),
  });

  it.each([
    'oncall@example.com',
    'first.last+tag@sub.example.co',
    'On call <oncall@example.com>',
    '"Ops, team" <ops@example.com>',
    'root@localhost',
    'x@[192.0.2.1]',
  ])('accepts %s', (address) => {
    expect(refusal(schema, { from: address, to: [address] })).toBeUndefined();
  });

  it.each([
    ['not-an-email', /must be an address like user@example.com/],
    ['a@@example.com', /invalid part before @/],
    ['two words@example.com', /invalid part before @/],
    ['a@exa mple.com', /invalid domain/],
    ['a@-bad.com', /invalid domain/],
    ['jörg@example.com', /must be ASCII/],
    ['a@example.com\r\nBcc: x@example.com', /line breaks or control characters/],
    ['Name <a@example.com', /must be an address or "Name <address>"/],
  ])('refuses %j naming the key', (address, message) => {
    const err = refusal(schema, { from: address });
    expect(err?.key).toBe('from');
    expect(err?.message).toMatch(message);
  });

  it('refuses a missing required address; an optional one may be empty', () => {
    expect(refusal(schema, {})?.message).toMatch(/option "from": must not be empty/);
    expect(refusal(schema, { from: 'a@example.com', cc: '' })).toBeUndefined();
  });

  it('names the bad element of a list by its index', () => {
    const err = refusal(schema, { from: 'a@example.com', to: ['ok@example.com', 'bad'] });
    expect(err?.key).toBe('to.1');
  });

  it('parses mailboxes for the envelope', () => {
    expect(parseMailbox('"Ops, team" <ops@example.com>')).toEqual({
      name: 'Ops, team',
      address: 'ops@example.com',
    });
    expect(parseMailbox(' a@example.com ')).toEqual({ name: '', address: 'a@example.com' });
  });
});

describe('mqttTopic', () => {
  const schema = z.strictObject({
    topic: mqttTopic('', 'Topic', { template: true }),
    plain: mqttTopic('alerts', 'Plain topic'),
    optional: mqttTopic('', 'Service test topic', { required: false }),
  });

  it('accepts topics and templates', () => {
    expect(
      refusal(schema, { topic: 'alerts/{{ .TaskName }}/{{ index .Tags "host" }}' }),
    ).toBeUndefined();
    expect(decodeHandlerOptions('kind', schema, { topic: 'a/b' })).toEqual({
      topic: 'a/b',
      plain: 'alerts',
      optional: '',
    });
  });

  it.each([
    [{ topic: 'a/+/b' }, 'topic', /wildcards/],
    [{ topic: 'a/#' }, 'topic', /wildcards/],
    [{ topic: 'alerts/{{ .TaskName }}/#' }, 'topic', /wildcards/],
    [{ topic: 'a\u0000b' }, 'topic', /NUL/],
    [{ topic: '' }, 'topic', /must not be empty/],
    [{}, 'topic', /must not be empty/],
    [{ topic: 'ok', plain: '{{.TaskName}}#' }, 'plain', /wildcards/],
    [{ topic: 'ok', plain: 'x'.repeat(65536) }, 'plain', /65535 bytes/],
  ])('refuses %j naming the key', (raw, key, message) => {
    const err = refusal(schema, raw);
    expect(err?.key).toBe(key);
    expect(err?.message).toMatch(message);
  });
});

describe('mqttQoS', () => {
  const schema = z.strictObject({ qos: mqttQoS(0, 'QoS') });

  it("takes 0, 1, 2 and Kapacitor's names; the value is the number", () => {
    expect(decodeHandlerOptions('kind', schema, {}).qos).toBe(0);
    for (const [raw, want] of [
      [1, 1],
      [2, 2],
      ['at-most-once', 0],
      ['at-least-once', 1],
      ['exactly-one', 2],
    ] as const) {
      expect(decodeHandlerOptions('kind', schema, { qos: raw }).qos).toBe(want);
    }
  });

  it.each([
    [3, /must be 0, 1, 2, "at-most-once", "at-least-once" or "exactly-one", got 3/],
    [-1, /got -1/],
    [1.5, /got 1.5/],
    ['2', /got "2"/],
    [true, /got true/],
    ['exactly-once', /spelled "exactly-one"/],
  ])('refuses %j naming the key', (qos, message) => {
    const err = refusal(schema, { qos });
    expect(err?.key).toBe('qos');
    expect(err?.message).toMatch(message);
  });
});

describe('mqttURL', () => {
  const schema = z.strictObject({ url: mqttURL('', 'Broker') });

  it.each([
    'tcp://h:1883',
    'ssl://h:8883',
    'mqtt://h',
    'mqtts://h',
    'ws://h:80/mqtt',
    'wss://h/mqtt',
    '',
  ])('accepts %j', (url) => expect(refusal(schema, { url })).toBeUndefined());

  it.each([
    ['http://h:1883', /must be a tcp:\/\/, ssl:\/\//],
    ['h:1883', /must be a tcp:\/\//],
    ['tcp://', /not a valid URL|must name a host/],
    ['tcp://h :1883', /spaces or control characters/],
  ])('refuses %j naming the key', (url, message) => {
    const err = refusal(schema, { url });
    expect(err?.key).toBe('url');
    expect(err?.message).toMatch(message);
  });

  it('never quotes a password back and marks the field as a redacted destination', () => {
    const err = refusal(schema, { url: 'http://user:hunter2@h:1883' });
    expect(err?.message).not.toContain('hunter2');
    expect(infoOf(schema.shape.url)).toMatchObject({ redaction: 'url', destination: true });
  });
});

describe('snmpOID, snmpVarbindType, snmpDataList', () => {
  const schema = z.strictObject({
    'trap-oid': snmpOID('', 'Trap OID', { required: true }),
    type: snmpVarbindType('s', 'Type'),
    'data-list': snmpDataList('Data'),
  });

  it("accepts Kapacitor's data", () => {
    expect(
      decodeHandlerOptions('kind', schema, {
        'trap-oid': '1.1.2',
        'data-list': [
          { oid: '1.1.2.1', type: 's', value: '{{.Message}}' },
          { oid: '.1.3.6.1.4.1.1', type: 'i', value: '-10' },
          { oid: '1.1.2.3', type: 'i', value: '{{ index .Fields "v" }}' },
          { oid: '1.1.2.4', type: 'n' },
        ],
      })['data-list'],
    ).toEqual([
      { oid: '1.1.2.1', type: 's', value: '{{.Message}}' },
      { oid: '.1.3.6.1.4.1.1', type: 'i', value: '-10' },
      { oid: '1.1.2.3', type: 'i', value: '{{ index .Fields "v" }}' },
      { oid: '1.1.2.4', type: 'n', value: '' },
    ]);
  });

  it.each([
    [{}, 'trap-oid', /must not be empty/],
    [{ 'trap-oid': '1' }, 'trap-oid', /dotted numeric OID/],
    [{ 'trap-oid': '1.x.2' }, 'trap-oid', /dotted numeric OID/],
    [{ 'trap-oid': '3.1' }, 'trap-oid', /start with 0, 1 or 2/],
    [{ 'trap-oid': '1.40' }, 'trap-oid', /second arc/],
    [{ 'trap-oid': '1.2.4294967296' }, 'trap-oid', /4294967295/],
    [{ 'trap-oid': '1.1', type: 'a' }, 'type', /"a" \(IP address\) is not supported/],
    [{ 'trap-oid': '1.1', type: 'x' }, 'type', /"x" \(Hexadecimal string\) is not supported/],
    [{ 'trap-oid': '1.1', type: 'q' }, 'type', /must be one of c \(Counter64\)/],
    [{ 'trap-oid': '1.1', 'data-list': [{ oid: 'bad', type: 's' }] }, 'data-list.0.oid', /dotted/],
    [
      { 'trap-oid': '1.1', 'data-list': [{ oid: '1.1', type: 'u' }] },
      'data-list.0.type',
      /Unsigned/,
    ],
    [
      { 'trap-oid': '1.1', 'data-list': [{ oid: '1.1', type: 'i', value: 'ten' }] },
      'data-list.0.value',
      /invalid syntax/,
    ],
    [
      { 'trap-oid': '1.1', 'data-list': [{ oid: '1.1', type: 's', extra: 1 }] },
      'data-list.0.extra',
      /unknown key/,
    ],
  ])('refuses %j naming the key', (raw, key, message) => {
    const err = refusal(schema, raw);
    expect(err?.key).toBe(key);
    expect(err?.message).toMatch(message);
  });
});

describe('brokerList, kafkaPartitionAlgorithm', () => {
  const schema = z.strictObject({
    brokers: brokerList([], 'Brokers'),
    partitionAlgorithm: kafkaPartitionAlgorithm('', 'Hash'),
  });

  it('accepts host:port brokers and the four algorithms', () => {
    for (const alg of ['', 'crc32', 'murmur2', 'murmur3', 'fnv-1a']) {
      expect(
        refusal(schema, { brokers: ['k1:9092', '[::1]:9093'], partitionAlgorithm: alg }),
      ).toBeUndefined();
    }
  });

  it.each([
    [{}, 'brokers', /at least one broker/],
    [{ brokers: [] }, 'brokers', /at least one broker/],
    [{ brokers: ['k1:9092', 'k2'] }, 'brokers.1', /must be host:port/],
    [{ brokers: [''] }, 'brokers.0', /must not be empty/],
    [{ brokers: ['k:99999'] }, 'brokers.0', /port must be between 1 and 65535/],
    [
      { brokers: ['k:9092'], partitionAlgorithm: 'md5' },
      'partitionAlgorithm',
      /crc32, murmur2, murmur3 or fnv-1a/,
    ],
  ])('refuses %j naming the key', (raw, key, message) => {
    const err = refusal(schema, raw);
    expect(err?.key).toBe(key);
    expect(err?.message).toMatch(message);
  });

  it('in a config section, a disabled element may have no brokers; the error names the element', () => {
    const kafka = defineListSection({
      name: 'kafka',
      description: 'test',
      key: 'id',
      defaults: [{ id: 'default' }],
      schema: z.strictObject({
        enabled: z.boolean().default(false),
        id: z.string().default('default'),
        brokers: brokerList([], 'Brokers', { allowEmpty: true }),
      }),
      validate: (c) =>
        c.enabled && c.brokers.length === 0
          ? { key: 'brokers', message: 'must name at least one broker (host:port)' }
          : undefined,
    });
    expect(parseSection(kafka, [{ id: 'a' }])).toEqual([{ enabled: false, id: 'a', brokers: [] }]);
    expect(() => parseSection(kafka, [{ id: 'a' }, { id: 'b', enabled: true }])).toThrow(
      /^kafka\[1\]\.brokers: must name at least one broker/,
    );
    expect(() => parseSection(kafka, [{ id: 'a', brokers: ['nope'] }])).toThrow(
      /^kafka\[0\]\.brokers\.0: must be host:port/,
    );
  });

  it('a single section names its key too', () => {
    const smtp = defineSection({
      name: 'smtp',
      description: 'test',
      schema: z.strictObject({ from: email('', 'Sender'), to: emailList([], 'Recipients') }),
    });
    expect(() => parseSection(smtp, { to: ['ok@example.com', 'nope'] })).toThrow(/^smtp\.to\.1: /);
  });

  it('gives docs and defaults with each field', () => {
    expect(infoOf(schema.shape.brokers)).toMatchObject({
      kind: 'stringList',
      description: 'Brokers',
      defaultText: '[]',
    });
    expect(infoOf(mqttQoS(1, 'QoS'))).toMatchObject({ kind: 'int', defaultText: '1' });
  });
});
