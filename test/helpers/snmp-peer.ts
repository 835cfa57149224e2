// A real SNMP trap receiver on 127.0.0.1 (net-snmp's Receiver) that accepts v2c traps for one
// community and records each trap's PDU type, community and varbinds with their type names.
// `stop()` / `start()` take it away and bring it back on the same UDP port.

import dgram from 'node:dgram';
import snmp from 'net-snmp';

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

const running = new Set<() => Promise<void>>();

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

export async function startSNMPPeer(community: string, port?: number): Promise<SNMPPeer> {
  const traps: ReceivedTrap[] = [];
  const errors: string[] = [];
  const waiters: { count: number; list: unknown[]; resolve: () => void }[] = [];
  const settle = (): void => {
    for (const w of waiters.filter((w) => w.list.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  let stopCurrent: (() => Promise<void>) | undefined;
  const peer: SNMPPeer = {
    port: port ?? (await freeUDPPort()),
    addr: '',
    traps,
    errors,
    waitFor: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, list: traps, resolve });
        settle();
      }),
    waitForErrors: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, list: errors, resolve });
        settle();
      }),
    stop: async () => {
      const stop = stopCurrent;
      stopCurrent = undefined;
      if (stop === undefined) return;
      running.delete(stop);
      await stop();
    },
    start: async () => {
      const receiver = snmp.createReceiver(
        { port: peer.port, address: '127.0.0.1', transport: 'udp4', includeAuthentication: true },
        (error: Error | null, notification: Notification | undefined) => {
          if (error) {
            errors.push(error.message);
          } else if (notification) {
            traps.push({
              pduType: snmp.PduType[notification.pdu.type] ?? String(notification.pdu.type),
              community: notification.pdu.community ?? '',
              varbinds: notification.pdu.varbinds.map((vb) => ({
                oid: vb.oid,
                type: typeName(vb.type),
                value: valueText(vb),
              })),
            });
          }
          settle();
        },
      ) as Receiver;
      receiver.getAuthorizer().addCommunity(community);
      peer.addr = `127.0.0.1:${peer.port}`;
      const stop = (): Promise<void> => new Promise((resolve) => receiver.close(() => resolve()));
      stopCurrent = stop;
      running.add(stop);
      // The socket binds asynchronously: a datagram sent before that would be lost.
      await Promise.all(
        Object.values(receiver.listener.sockets).map(
          (socket) => new Promise((resolve) => socket.once('listening', resolve)),
        ),
      );
    },
  };
  await peer.start();
  return peer;
}

export async function stopSNMPPeers(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((stop) => stop()));
}
