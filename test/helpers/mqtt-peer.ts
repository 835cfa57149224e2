// A real MQTT broker on 127.0.0.1 for the transport tests: aedes in process over a TCP (or
// TLS) listener. It records every PUBLISH a client sends (topic, QoS, retain flag, payload
// bytes), can refuse CONNECT as not authorised, and `stop()` / `start()` take it away and
// bring it back on the same port (a new broker, as after a restart).

import { Aedes, type AuthenticateError } from 'aedes';
import type { MQTTBrokerSettings } from '../../src/delivery/mqtt.js';
import { arrivals, listenSockets, RunningPeers } from './peer-lifecycle.js';

export interface ReceivedPublish {
  clientId: string;
  topic: string;
  qos: number;
  retain: boolean;
  payload: Buffer;
}

export interface MQTTPeerOptions {
  /** Called with each PUBLISH, as it arrives. */
  onPublish?: (publish: ReceivedPublish) => void;
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
  /** The user name and password each client id connected with ('' when none). */
  credentials: Map<string, { username: string; password: string }>;
  waitFor(count: number): Promise<void>;
  /** While true, PUBLISHes are held unanswered (no PUBACK) until `release()`. */
  hold: boolean;
  /** Publishes held so far (to wait for one to arrive). */
  held: number;
  release(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const running = new RunningPeers();

export async function startMQTTPeer(options: MQTTPeerOptions = {}, port = 0): Promise<MQTTPeer> {
  const received: ReceivedPublish[] = [];
  const arrived = arrivals(received);
  const heldCallbacks: (() => void)[] = [];
  const life = running.lifecycle(async () => {
    const broker = await Aedes.createBroker({
      authenticate(client, username, password, done) {
        peer.credentials.set(client.id, {
          username: username ?? '',
          password: password?.toString() ?? '',
        });
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
      const publish: ReceivedPublish = {
        clientId: client.id,
        topic: packet.topic,
        qos: packet.qos,
        retain: packet.retain,
        payload: Buffer.from(packet.payload),
      };
      received.push(publish);
      options.onPublish?.(publish);
      arrived.arrived();
    });
    const listener = await listenSockets(peer.port, options.tls ?? false, (socket) =>
      broker.handle(socket),
    );
    peer.port = listener.port;
    peer.url = `${options.tls ? 'ssl' : 'tcp'}://127.0.0.1:${peer.port}`;
    return async () => {
      await listener.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    };
  });
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
    credentials: new Map(),
    waitFor: arrived.waitFor,
    stop: life.stop,
    start: life.start,
  };
  await peer.start();
  return peer;
}

export function stopMQTTPeers(): Promise<void> {
  return running.stopAll();
}

/** `[[mqtt]]` element settings for the tests: nothing set but what is given. */
export function mqttSettings(
  settings: Partial<MQTTBrokerSettings> & { url: string },
): MQTTBrokerSettings {
  return {
    name: 'test',
    sslCA: '',
    sslCert: '',
    sslKey: '',
    insecureSkipVerify: false,
    clientID: '',
    username: '',
    password: '',
    ...settings,
  };
}
