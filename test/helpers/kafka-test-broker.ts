// A protocol-level Kafka TEST BROKER, because no Kafka broker can run on these machines.
// It is a stand-in for a real broker, written for the transport tests: it speaks just enough
// of the Kafka wire protocol over a real TCP (or TLS) socket on 127.0.0.1 for a producer —
// ApiVersions (v0-v2), Metadata (v0-v1), Produce (v3, record batches v2 with their CRC-32C
// checked), SaslHandshake (v0-v1) + SaslAuthenticate (v0) for SASL PLAIN — and records every
// record it is sent (topic, partition, key and value bytes). The producer under test is the
// production code, unchanged, talking to it through kafkajs.
//
// Like Kapacitor's own kafkatest server it is the only broker (node 1) and gives every topic
// three partitions with ids 1, 2, 3, so partition choices compare with Kapacitor's vectors.
// Faults: `leaderNotAvailable` answers Produce with LEADER_NOT_AVAILABLE (5); SASL with the
// wrong credentials fails with SASL_AUTHENTICATION_FAILED (58); `stop()` / `start()` take the
// broker away and bring it back on the same port.

import type net from 'node:net';
import type { KafkaClusterSettings } from '../../src/delivery/kafka.js';
import { arrivals, listenSockets, RunningPeers } from './peer-lifecycle.js';

export interface ProducedRecord {
  clientId: string;
  topic: string;
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  acks: number;
  /** The SASL PLAIN user and password of the connection ('' when it did not authenticate). */
  saslUser: string;
  saslPassword: string;
}

export interface KafkaTestBrokerOptions {
  /** Partition ids of every topic (Kapacitor's test server: 1, 2, 3). */
  partitions?: number[];
  /**
   * Require SASL PLAIN with these credentials; `'any'`: offer SASL PLAIN, accept any
   * credentials (or none) and record them with the records.
   */
  sasl?: { username: string; password: string } | 'any';
  /** Called with each record, as it arrives. */
  onRecord?: (record: ProducedRecord) => void;
  tls?: boolean;
}

export interface KafkaTestBroker {
  port: number;
  address: string;
  records: ProducedRecord[];
  /** Produce requests received (a batch of records is one request). */
  produceRequests: number;
  /** Protocol errors the broker saw (a bad CRC, an unknown API): a test expects none. */
  errors: string[];
  /** Records per Produce request, in arrival order. */
  batches: number[];
  /** While true, Produce is answered with LEADER_NOT_AVAILABLE for every partition. */
  leaderNotAvailable: boolean;
  /** While true, Produce requests are recorded but their responses held until `release()`. */
  hold: boolean;
  release(): void;
  waitFor(count: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

// ---- CRC-32C (Castagnoli), the checksum of record batches ----
const crc32cTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32c(data: Buffer): number {
  let crc = 0xffffffff;
  for (const b of data) crc = crc32cTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---- reading ----
class Reader {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
  ) {}
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error(`truncated at ${this.pos} (+${n})`);
  }
  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  nullableString(): string | null {
    const n = this.int16();
    return n < 0 ? null : this.bytes(n).toString('utf8');
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new Error('null string');
    return s;
  }
  nullableBytes(): Buffer | null {
    const n = this.int32();
    return n < 0 ? null : this.bytes(n);
  }
  array<T>(item: (r: Reader) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }
  /** Zigzag varint (records use signed varints). */
  varint(): number {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new Error('varint too long');
    }
    return Number((result >> 1n) ^ -(result & 1n));
  }
  get remaining(): number {
    return this.buf.length - this.pos;
  }
}

// ---- writing ----
class Writer {
  private readonly parts: Buffer[] = [];
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }
  int64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    this.parts.push(b);
    return this;
  }
  bool(v: boolean): this {
    this.parts.push(Buffer.from([v ? 1 : 0]));
    return this;
  }
  string(s: string | null): this {
    if (s === null) return this.int16(-1);
    const b = Buffer.from(s, 'utf8');
    this.int16(b.length);
    this.parts.push(b);
    return this;
  }
  bytes(b: Buffer): this {
    this.int32(b.length);
    this.parts.push(b);
    return this;
  }
  array<T>(items: readonly T[], write: (w: Writer, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const API = {
  produce: 0,
  metadata: 3,
  saslHandshake: 17,
  apiVersions: 18,
  saslAuthenticate: 36,
} as const;

const ERR = {
  none: 0,
  leaderNotAvailable: 5,
  unsupportedSaslMechanism: 33,
  unsupportedVersion: 35,
  saslAuthenticationFailed: 58,
} as const;

function parseRecordBatches(
  data: Buffer,
  errors: string[],
): { key: Buffer | null; value: Buffer | null }[] {
  const out: { key: Buffer | null; value: Buffer | null }[] = [];
  const r = new Reader(data);
  while (r.remaining > 0) {
    r.int64(); // base offset
    const batchLength = r.int32();
    const batchStart = r.pos;
    r.int32(); // partition leader epoch
    const magic = r.int8();
    if (magic !== 2) throw new Error(`record batch magic ${magic}, want 2`);
    const crc = r.uint32();
    const checked = data.subarray(r.pos, batchStart + batchLength);
    if (crc32c(checked) !== crc) errors.push('record batch CRC-32C mismatch');
    const attributes = r.int16();
    if ((attributes & 0x07) !== 0)
      errors.push(`compressed record batch (attributes ${attributes})`);
    r.int32(); // last offset delta
    r.int64(); // base timestamp
    r.int64(); // max timestamp
    r.int64(); // producer id
    r.int16(); // producer epoch
    r.int32(); // base sequence
    const count = r.int32();
    for (let i = 0; i < count; i++) {
      const length = r.varint();
      const end = r.pos + length;
      r.int8(); // attributes
      r.varint(); // timestamp delta
      r.varint(); // offset delta
      const keyLength = r.varint();
      const key = keyLength < 0 ? null : Buffer.from(r.bytes(keyLength));
      const valueLength = r.varint();
      const value = valueLength < 0 ? null : Buffer.from(r.bytes(valueLength));
      const headers = r.varint();
      for (let h = 0; h < headers; h++) {
        r.bytes(r.varint());
        const hv = r.varint();
        if (hv >= 0) r.bytes(hv);
      }
      if (r.pos !== end) throw new Error('record length does not match its fields');
      out.push({ key, value });
    }
    if (r.pos !== batchStart + batchLength)
      throw new Error('batch length does not match its records');
  }
  return out;
}

const running = new RunningPeers();

export async function startKafkaTestBroker(
  options: KafkaTestBrokerOptions = {},
  port = 0,
): Promise<KafkaTestBroker> {
  const partitions = options.partitions ?? [1, 2, 3];
  const records: ProducedRecord[] = [];
  const arrived = arrivals(records);
  let offset = 0n;
  const held: (() => void)[] = [];
  const life = running.lifecycle(async () => {
    const listener = await listenSockets(broker.port, options.tls ?? false, serve);
    broker.port = listener.port;
    broker.address = `127.0.0.1:${broker.port}`;
    return listener.close;
  });

  const broker: KafkaTestBroker = {
    port,
    address: '',
    records,
    produceRequests: 0,
    errors: [],
    batches: [],
    leaderNotAvailable: false,
    hold: false,
    release: () => {
      for (const send of held.splice(0)) send();
    },
    waitFor: arrived.waitFor,
    stop: life.stop,
    start: life.start,
  };

  function serve(socket: net.Socket): void {
    let pending = Buffer.alloc(0);
    let authenticated = options.sasl === undefined || options.sasl === 'any';
    let saslUser = '';
    let saslPassword = '';
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) return;
        const frame = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        try {
          const reply = handle(frame);
          if (reply === undefined) continue;
          if (broker.hold && frame.readInt16BE(0) === API.produce) {
            held.push(() => {
              if (!socket.destroyed) socket.write(reply);
            });
          } else {
            socket.write(reply);
          }
        } catch (err) {
          broker.errors.push(err instanceof Error ? err.message : String(err));
          socket.destroy();
          return;
        }
      }
    });

    function respond(correlationId: number, body: Buffer): Buffer {
      const head = Buffer.alloc(8);
      head.writeInt32BE(body.length + 4, 0);
      head.writeInt32BE(correlationId, 4);
      return Buffer.concat([head, body]);
    }

    function handle(frame: Buffer): Buffer | undefined {
      const r = new Reader(frame);
      const apiKey = r.int16();
      const version = r.int16();
      const correlationId = r.int32();
      const clientId = r.nullableString() ?? '';
      if (
        !authenticated &&
        apiKey !== API.apiVersions &&
        apiKey !== API.saslHandshake &&
        apiKey !== API.saslAuthenticate
      ) {
        throw new Error(`api ${apiKey} before SASL authentication`);
      }
      switch (apiKey) {
        case API.apiVersions: {
          const w = new Writer();
          if (version > 2) {
            w.int16(ERR.unsupportedVersion).array([], () => {});
            return respond(correlationId, w.toBuffer());
          }
          const apis: [number, number, number][] = [
            [API.produce, 3, 3],
            [API.metadata, 0, 1],
            [API.apiVersions, 0, 2],
          ];
          if (options.sasl) apis.push([API.saslHandshake, 0, 1], [API.saslAuthenticate, 0, 0]);
          w.int16(ERR.none).array(apis, (w2, [k, min, max]) => w2.int16(k).int16(min).int16(max));
          if (version >= 1) w.int32(0);
          return respond(correlationId, w.toBuffer());
        }
        case API.metadata: {
          const topics = r.array((x) => x.string()) ?? [];
          const w = new Writer();
          w.array([1], (w2) => {
            w2.int32(1).string('127.0.0.1').int32(broker.port);
            if (version >= 1) w2.string(null);
          });
          if (version >= 1) w.int32(1);
          w.array(topics, (w2, topic) => {
            w2.int16(ERR.none).string(topic);
            if (version >= 1) w2.bool(false);
            w2.array(partitions, (w3, id) =>
              w3
                .int16(ERR.none)
                .int32(id)
                .int32(1)
                .array([1], (w4, n) => w4.int32(n))
                .array([1], (w4, n) => w4.int32(n)),
            );
          });
          return respond(correlationId, w.toBuffer());
        }
        case API.produce: {
          if (version !== 3) throw new Error(`produce v${version}, want v3`);
          r.nullableString(); // transactional id
          const acks = r.int16();
          r.int32(); // timeout
          broker.produceRequests++;
          const topicData =
            r.array((x) => ({
              topic: x.string(),
              parts: x.array((y) => ({ partition: y.int32(), data: y.nullableBytes() })) ?? [],
            })) ?? [];
          const fail = broker.leaderNotAvailable;
          let count = 0;
          const w = new Writer();
          w.array(topicData, (w2, t) => {
            w2.string(t.topic).array(t.parts, (w3, p) => {
              const parsed = p.data === null ? [] : parseRecordBatches(p.data, broker.errors);
              if (!partitions.includes(p.partition))
                broker.errors.push(`unknown partition ${p.partition}`);
              count += parsed.length;
              if (!fail) {
                for (const rec of parsed) {
                  const record = { clientId, topic: t.topic, partition: p.partition, acks, ...rec, saslUser, saslPassword }; // prettier-ignore
                  records.push(record);
                  options.onRecord?.(record);
                }
              }
              w3.int32(p.partition)
                .int16(fail ? ERR.leaderNotAvailable : ERR.none)
                .int64(fail ? -1n : offset)
                .int64(-1n);
              if (!fail) offset += BigInt(parsed.length);
            });
          });
          w.int32(0);
          broker.batches.push(count);
          arrived.arrived();
          return acks === 0 ? undefined : respond(correlationId, w.toBuffer());
        }
        case API.saslHandshake: {
          const mechanism = r.string();
          const w = new Writer();
          w.int16(mechanism === 'PLAIN' ? ERR.none : ERR.unsupportedSaslMechanism).array(
            ['PLAIN'],
            (w2, m) => w2.string(m),
          );
          return respond(correlationId, w.toBuffer());
        }
        case API.saslAuthenticate: {
          const token = r.nullableBytes() ?? Buffer.alloc(0);
          const [, user, pass] = token.toString('utf8').split('\u0000');
          const ok =
            options.sasl === 'any' ||
            (options.sasl !== undefined &&
              user === options.sasl.username &&
              pass === options.sasl.password);
          authenticated = ok;
          if (ok) {
            saslUser = user ?? '';
            saslPassword = pass ?? '';
          }
          const w = new Writer();
          w.int16(ok ? ERR.none : ERR.saslAuthenticationFailed)
            .string(ok ? null : 'Authentication failed: Invalid username or password')
            .bytes(Buffer.alloc(0));
          return respond(correlationId, w.toBuffer());
        }
        default:
          throw new Error(`unsupported api key ${apiKey} v${version}`);
      }
    }
  }

  await broker.start();
  return broker;
}

export function stopKafkaTestBrokers(): Promise<void> {
  return running.stopAll();
}

/** `[[kafka]]` element settings for the tests: Kapacitor's zero values but what is given. */
export function kafkaSettings(
  settings: Partial<KafkaClusterSettings> & { brokers: string[] },
): KafkaClusterSettings {
  return {
    id: 'default',
    timeoutMs: 0,
    batchSize: 0,
    batchTimeoutMs: 0,
    useSSL: false,
    sslCA: '',
    sslCert: '',
    sslKey: '',
    insecureSkipVerify: false,
    saslUsername: '',
    saslPassword: '',
    saslMechanism: '',
    ...settings,
  };
}
