// A real MQTT broker on 127.0.0.1 for the transport tests: aedes in process over a TCP (or
// TLS) listener. It records every PUBLISH a client sends (topic, QoS, retain flag, payload
// bytes), can refuse CONNECT as not authorised, and `stop()` / `start()` take it away and
// bring it back on the same port (a new broker, as after a restart).

import net from 'node:net';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { Aedes, type AuthenticateError } from 'aedes';
import { testCert, testKey } from './smtp-peer.js';

export interface ReceivedPublish {
  clientId: string;
  topic: string;
  qos: number;
  retain: boolean;
  payload: Buffer;
}

export interface MQTTPeerOptions {
  /** Accept only these credentials (CONNACK "not authorized" otherwise). */
  auth?: { username: string; password: string };
  /** Listen with TLS (the committed self-signed certificate). */
  tls?: boolean;
}

export interface MQTTPeer {
  port: number;
  url: string;
  received: ReceivedPublish[];
  /** Client ids of the CONNECTs the broker accepted. */
  clients: string[];
  waitFor(count: number): Promise<void>;
  /** While true, PUBLISHes are held unanswered (no PUBACK) until `release()`. */
  hold: boolean;
  /** Publishes held so far (to wait for one to arrive). */
  held: number;
  release(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const running = new Set<() => Promise<void>>();

export async function startMQTTPeer(options: MQTTPeerOptions = {}, port = 0): Promise<MQTTPeer> {
  const received: ReceivedPublish[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let stopCurrent: (() => Promise<void>) | undefined;
  const heldCallbacks: (() => void)[] = [];
  const peer: MQTTPeer = {
    hold: false,
    held: 0,
    release: () => {
      for (const done of heldCallbacks.splice(0)) done();
    },
    port,
    url: '',
    received,
    clients: [],
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      const stop = stopCurrent;
      stopCurrent = undefined;
      if (stop === undefined) return;
      running.delete(stop);
      await stop();
    },
    start: async () => {
      const broker = await Aedes.createBroker({
        authenticate(client, username, password, done) {
          const want = options.auth;
          if (
            want === undefined ||
            (username === want.username && password?.toString() === want.password)
          ) {
            done(null, true);
            return;
          }
          const err = new Error('not authorized') as AuthenticateError;
          err.returnCode = 5;
          done(err, false);
        },
      });
      broker.authorizePublish = (_client, _packet, done) => {
        if (!peer.hold) {
          done(null);
          return;
        }
        peer.held++;
        heldCallbacks.push(() => done(null));
      };
      broker.on('client', (client) => peer.clients.push(client.id));
      broker.on('publish', (packet, client) => {
        if (client === null) return; // the broker's own $SYS messages
        received.push({
          clientId: client.id,
          topic: packet.topic,
          qos: packet.qos,
          retain: packet.retain,
          payload: Buffer.from(packet.payload),
        });
        for (const w of waiters.filter((w) => received.length >= w.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      });
      const sockets = new Set<net.Socket>();
      const onSocket = (socket: net.Socket): void => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        broker.handle(socket);
      };
      const server = options.tls
        ? tls.createServer({ key: testKey, cert: testCert }, onSocket)
        : net.createServer(onSocket);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(peer.port, '127.0.0.1', () => resolve());
      });
      peer.port = (server.address() as AddressInfo).port;
      peer.url = `${options.tls ? 'ssl' : 'tcp'}://127.0.0.1:${peer.port}`;
      const stop = async (): Promise<void> => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await new Promise<void>((resolve) => broker.close(() => resolve()));
      };
      stopCurrent = stop;
      running.add(stop);
    },
  };
  await peer.start();
  return peer;
}

export async function stopMQTTPeers(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((stop) => stop()));
}
