// SNMP v2c traps with net-snmp, as Kapacitor's snmptrap handler sends them: one session per
// `[snmptrap]` settings (addr, community), varbinds sysUpTime.0 = TimeTicks 1000,
// snmpTrapOID.0 = the trap OID, then the handler's data in order, typed c (Counter64),
// i (Integer32), n (Null), s (OctetString) or t (TimeTicks); a, d, o, u and x are refused.
// Numbers are parsed as Kapacitor parses them (strconv.ParseInt, then the Go conversion:
// Integer32 and TimeTicks wrap to 32 bits, Counter64 to 64).
//
// A v2c trap is a single unacknowledged UDP datagram: the send resolves when the datagram is
// handed to the kernel. A receiver that is down is not noticed (as in Kapacitor); `retries`
// applies to acknowledged requests only and is kept for the session.

import snmp from 'net-snmp';
import type { AlertEvent } from '../alert/event.js';
import { eventTemplateData } from '../alert/template-data.js';
import { compileHandlerTemplate, type HandlerTemplate } from '../alert/templates.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import {
  parseGoInt64,
  snmpOIDProblem,
  snmpVarbindTypeProblem,
  type SNMPVarbindType,
} from '../config/validators.js';
import { DeliveryError, abortError, classifyError, withoutSecrets } from './errors.js';
import { peerMetrics, type DeliveryMetricsRegistry, type PeerMetrics } from './metrics.js';
import { parseTCPAddress } from './tcp.js';

export type { SNMPVarbindType } from '../config/validators.js';

/** What the `[snmptrap]` section gives the transport. */
export interface SNMPTrapSettings {
  /** `host:port` of the trap receiver (Kapacitor's default `localhost:162`). */
  addr: string;
  community: string;
  retries: number;
}

/** One data item after its value template was rendered. */
export interface TrapData {
  oid: string;
  type: SNMPVarbindType;
  value: string;
}

/** sysUpTime.0 and snmpTrapOID.0: the two varbinds every v2c trap starts with. */
export const sysUpTimeOID = '1.3.6.1.2.1.1.3.0';
export const snmpTrapOID = '1.3.6.1.6.3.1.1.4.1.0';
/** Kapacitor always sends sysUpTime = TimeTicks(1000). */
export const kapacitorUpTime = 1000;

const stripDot = (oid: string): string => (oid.startsWith('.') ? oid.slice(1) : oid);

function invalid(message: string): DeliveryError {
  return new DeliveryError('invalid-message', message, { retryable: false });
}

/** Counter64 as BER wants it: the shortest big-endian unsigned integer. */
function counter64Bytes(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

function integerValue(item: TrapData): bigint {
  const n = parseGoInt64(item.value);
  if (typeof n === 'string') throw invalid(`data ${item.oid} (${item.type}): ${n}`);
  return n;
}

/**
 * The varbinds after sysUpTime and snmpTrapOID for Kapacitor's data list. Throws
 * DeliveryError('invalid-message') for a bad OID, type or number (Kapacitor's messages).
 */
export function trapVarbinds(data: readonly TrapData[]): snmp.Varbind[] {
  return data.map((item) => {
    const oidProblem = snmpOIDProblem(item.oid);
    if (oidProblem !== undefined)
      throw invalid(`invalid data Oid ${JSON.stringify(item.oid)}: ${oidProblem}`);
    const oid = stripDot(item.oid);
    switch (item.type) {
      case 'c':
        return {
          oid,
          type: snmp.ObjectType.Counter64,
          value: counter64Bytes(BigInt.asUintN(64, integerValue(item))),
        };
      case 'i':
        return {
          oid,
          type: snmp.ObjectType.Integer,
          value: Number(BigInt.asIntN(32, integerValue(item))),
        };
      case 'n':
        return { oid, type: snmp.ObjectType.Null, value: null };
      case 's':
        return { oid, type: snmp.ObjectType.OctetString, value: item.value };
      case 't':
        return {
          oid,
          type: snmp.ObjectType.TimeTicks,
          value: Number(BigInt.asUintN(32, integerValue(item))),
        };
      default: {
        const problem = snmpVarbindTypeProblem(String(item.type));
        throw invalid(`data ${item.oid}: type ${problem ?? 'unknown'}`);
      }
    }
  });
}

/** A handler's data list with its value templates compiled once. */
export interface TrapDataTemplates {
  render(event: AlertEvent): TrapData[];
}

/** Compile the data list at handler creation (throws TemplateParseError on bad syntax). */
export function trapDataTemplates(
  items: readonly { oid: string; type: SNMPVarbindType; value: string }[],
): TrapDataTemplates {
  const compiled = items.map((item, i) => ({
    oid: item.oid,
    type: item.type,
    value: item.value.includes('{{')
      ? compileHandlerTemplate(`data-list[${i}].value`, item.value)
      : item.value,
  }));
  const templated = compiled.some((c) => typeof c.value !== 'string');
  return {
    render(event) {
      // TemplateData (tags and fields as maps) is built only when some value needs it.
      const data = templated ? eventTemplateData(event) : undefined;
      return compiled.map((c) => ({
        oid: c.oid,
        type: c.type,
        value: typeof c.value === 'string' ? c.value : (c.value as HandlerTemplate).render(data),
      }));
    },
  };
}

export interface SNMPTrapSenderOptions {
  logger?: Logger;
  /** Where the peer counters (`snmptrap:<addr>`) are shown; standalone counters if absent. */
  metrics?: DeliveryMetricsRegistry;
}

export class SNMPTrapSender {
  readonly settings: Readonly<SNMPTrapSettings>;
  readonly metrics: PeerMetrics;
  private readonly logger: Logger;
  private readonly registry: DeliveryMetricsRegistry | undefined;
  private session: snmp.Session | undefined;
  private closed = false;

  /** Throws DeliveryError('invalid-message') when `addr` is not host:port. */
  constructor(settings: SNMPTrapSettings, options: SNMPTrapSenderOptions = {}) {
    this.settings = { ...settings };
    this.logger = options.logger ?? silentLogger;
    this.registry = options.metrics;
    const tags = { addr: settings.addr };
    this.metrics = peerMetrics(this.registry, 'snmptrap', tags);
  }

  private open(): snmp.Session {
    if (this.session !== undefined) return this.session;
    let host: string;
    let port: number;
    try {
      ({ host, port } = parseTCPAddress(this.settings.addr));
    } catch {
      throw invalid(`addr ${JSON.stringify(this.settings.addr)} is not host:port`);
    }
    this.session = snmp.createSession(host, this.settings.community, {
      version: snmp.Version2c,
      transport: host.includes(':') ? 'udp6' : 'udp4',
      trapPort: port,
      retries: this.settings.retries,
    });
    this.session.on('error', (err: unknown) => {
      this.logger.warn({ addr: this.settings.addr, err: this.describe(err) }, 'snmp session error');
    });
    return this.session;
  }

  private describe(err: unknown): string {
    return withoutSecrets(classifyError(err).message, [this.settings.community]);
  }

  /**
   * Send one v2c trap: sysUpTime.0 = TimeTicks 1000, snmpTrapOID.0 = `trapOID`, then `data`.
   * Resolves when the datagram is sent; rejects with 'invalid-message' for a bad OID or value,
   * 'connection' when the address cannot be resolved or the datagram cannot be sent.
   */
  send(trapOID: string, data: readonly TrapData[], signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    let varbinds: snmp.Varbind[];
    try {
      if (this.closed)
        throw new DeliveryError('aborted', 'the snmp session is closed', { retryable: false });
      const problem = snmpOIDProblem(trapOID);
      if (problem !== undefined)
        throw invalid(`invalid trap Oid ${JSON.stringify(trapOID)}: ${problem}`);
      varbinds = trapVarbinds(data);
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : classifyError(err);
      this.metrics.failed(failure.reason);
      return Promise.reject(failure);
    }
    return new Promise<void>((resolve, reject) => {
      const done = (err: unknown): void => {
        if (err === null || err === undefined) {
          this.metrics.add('sent');
          resolve();
          return;
        }
        const c = classifyError(err);
        const failure = new DeliveryError(
          c.reason === 'unknown' ? 'connection' : c.reason,
          `failed to send SNMP trap: ${this.describe(err)}`,
          { retryable: c.reason === 'unknown' ? true : c.retryable, cause: err },
        );
        this.metrics.failed(failure.reason);
        reject(failure);
      };
      try {
        this.open().trap(stripDot(trapOID), varbinds, { upTime: kapacitorUpTime }, done);
      } catch (err) {
        done(err);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = undefined;
    if (session !== undefined) {
      await new Promise<void>((resolve) => {
        session.on('close', () => resolve());
        try {
          session.close();
        } catch {
          resolve();
        }
      });
    }
    this.registry?.removePeer(this.metrics);
  }
}
