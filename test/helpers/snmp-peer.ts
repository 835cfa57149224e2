// A real SNMP trap receiver on 127.0.0.1 (net-snmp's Receiver) that accepts v2c traps for one
// community and records each trap's PDU type, community and varbinds with their type names.
// `stop()` / `start()` take it away and bring it back on the same UDP port.

import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { arrivals, RunningPeers } from './peer-lifecycle.js';

export interface ReceivedVarbind {
  oid: string;
  /** net-snmp's ObjectType name: TimeTicks, OID, Counter64, Integer, Null, OctetString, ... */
  type: string;
  /** The value as Kapacitor's vectors write it (decimal text, OID text, the string). */
  value: string;
}

export interface ReceivedTrap {
  pduType: string;
  community: string;
  varbinds: ReceivedVarbind[];
}

export interface SNMPPeer {
  port: number;
  addr: string;
  traps: ReceivedTrap[];
  /** Errors the receiver reported (e.g. a trap with the wrong community). */
  errors: string[];
  waitFor(count: number): Promise<void>;
  waitForErrors(count: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

interface Notification {
  pdu: { type: number; community?: string; varbinds: snmp.Varbind[] };
}

interface Receiver {
  getAuthorizer(): { addCommunity(c: string): void };
  close(cb?: () => void): void;
  listener: { sockets: Record<string, dgram.Socket> };
}

const running = new RunningPeers();

/** A UDP port nothing listens on right now (net-snmp's receiver cannot bind port 0). */
export async function freeUDPPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function typeName(type: number | undefined): string {
  return type === undefined ? 'none' : (snmp.ObjectType[type] ?? String(type));
}

function valueText(vb: snmp.Varbind): string {
  const v: unknown = vb.value;
  if (vb.type === snmp.ObjectType.Counter64 && Buffer.isBuffer(v)) {
    return v.length === 0 ? '0' : BigInt(`0x${v.toString('hex')}`).toString();
  }
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v as string | number | bigint);
}

export interface SNMPPeerOptions {
  /** Called with each trap, as it arrives. */
  onTrap?: (trap: ReceivedTrap) => void;
  /** Listen on this loopback address (default 127.0.0.1). */
  host?: string;
}

/** A receiver for `community` (or each of several communities). */
export async function startSNMPPeer(
  community: string | readonly string[],
  port?: number,
  options: SNMPPeerOptions = {},
): Promise<SNMPPeer> {
  const host = options.host ?? '127.0.0.1';
  const traps: ReceivedTrap[] = [];
  const errors: string[] = [];
  const trapArrivals = arrivals(traps);
  const errorArrivals = arrivals(errors);
  const udpPort = port ?? (await freeUDPPort());
  const life = running.lifecycle(async () => {
    const receiver = snmp.createReceiver(
      { port: peer.port, address: host, transport: 'udp4', includeAuthentication: true },
      (error: Error | null, notification: Notification | undefined) => {
        if (error) {
          errors.push(error.message);
        } else if (notification) {
          const trap: ReceivedTrap = {
            pduType: snmp.PduType[notification.pdu.type] ?? String(notification.pdu.type),
            community: notification.pdu.community ?? '',
            varbinds: notification.pdu.varbinds.map((vb) => ({
              oid: vb.oid,
              type: typeName(vb.type),
              value: valueText(vb),
            })),
          };
          traps.push(trap);
          options.onTrap?.(trap);
        }
        trapArrivals.arrived();
        errorArrivals.arrived();
      },
    ) as Receiver;
    for (const c of typeof community === 'string' ? [community] : community) {
      receiver.getAuthorizer().addCommunity(c);
    }
    // The socket binds asynchronously: a datagram sent before that would be lost.
    await Promise.all(
      Object.values(receiver.listener.sockets).map(
        (socket) => new Promise((resolve) => socket.once('listening', resolve)),
      ),
    );
    return () => new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
  const peer: SNMPPeer = {
    port: udpPort,
    addr: `${host}:${udpPort}`,
    traps,
    errors,
    waitFor: trapArrivals.waitFor,
    waitForErrors: errorArrivals.waitFor,
    stop: life.stop,
    start: life.start,
  };
  await peer.start();
  return peer;
}

export function stopSNMPPeers(): Promise<void> {
  return running.stopAll();
}
