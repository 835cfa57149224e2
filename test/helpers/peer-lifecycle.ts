// What the test peers (SMTP server, MQTT broker, trap receiver, Kafka test broker) share:
// the test certificate, listeners that drop their connections when closed, waiting until
// something has arrived, and stop/start on the same port, tracked so that afterEach can stop
// every peer a test left running.

import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url)));

/** The committed self-signed certificate for localhost / 127.0.0.1 (see its README). */
export const testCert = fixture('localhost.crt');
export const testKey = fixture('localhost.key');

/**
 * Listen on 127.0.0.1:`port` (0 = any), over TLS with the test certificate when `useTLS`.
 * `close()` also destroys every open connection, as a peer that goes away does.
 */
export async function listenSockets(
  port: number,
  useTLS: boolean,
  onSocket: (socket: net.Socket) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const accept = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  };
  const server = useTLS
    ? tls.createServer({ key: testKey, cert: testCert }, accept)
    : net.createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `waitFor(n)` resolves once `list` holds n items; call `arrived()` after each push. */
export function arrivals(list: readonly unknown[]): {
  waitFor(count: number): Promise<void>;
  arrived(): void;
} {
  const waiters: { count: number; resolve: () => void }[] = [];
  const arrived = (): void => {
    for (const w of waiters.filter((w) => list.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  return {
    waitFor: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        arrived();
      }),
    arrived,
  };
}

/** The running peers of one kind, for their helper's stop-all. */
export class RunningPeers {
  private readonly stops = new Set<() => Promise<void>>();

  /**
   * `start()` runs `listen` (which starts the peer and returns how to stop it); `stop()`
   * stops it. Both can be called again: the peer comes back as after a restart.
   */
  lifecycle(listen: () => Promise<() => Promise<void>>): {
    start(): Promise<void>;
    stop(): Promise<void>;
  } {
    let current: (() => Promise<void>) | undefined;
    return {
      start: async () => {
        current = await listen();
        this.stops.add(current);
      },
      stop: async () => {
        const stop = current;
        current = undefined;
        if (stop === undefined) return;
        this.stops.delete(stop);
        await stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const all = [...this.stops];
    this.stops.clear();
    await Promise.all(all.map((stop) => stop()));
  }
}
