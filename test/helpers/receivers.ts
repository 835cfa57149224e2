// Real peers on 127.0.0.1 for the delivery tests: an HTTP receiver that records what it got
// and answers from a script, a black hole (accepts, never answers), a refused port, and TCP
// receivers. Every server is tracked so `closeAll` can tear them down after each test.

import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ReceivedRequest {
  /** performance.now() when the request's body was complete. */
  at: number;
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Decides the reply to the n-th request (0-based); `'hang'` never answers. */
export type Script = (n: number, req: ReceivedRequest) => Reply | 'hang';

export interface HTTPReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Connections accepted so far (to check keep-alive reuse). */
  connections: number;
  /** Resolves once `count` requests have been received. */
  waitFor(count: number): Promise<void>;
}

const openServers = new Set<net.Server>();
const openSockets = new Set<net.Socket>();

function track(server: net.Server): void {
  openServers.add(server);
  server.on('connection', (socket: net.Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startHTTPReceiver(
  script: Script = () => ({ status: 200 }),
): Promise<HTTPReceiver> {
  const received: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record: ReceivedRequest = {
        at: performance.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const n = received.length;
      received.push(record);
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const reply = script(n, record);
      if (reply === 'hang') return;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  track(server);
  const receiver: HTTPReceiver = {
    url: '',
    port: 0,
    received,
    connections: 0,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
  };
  server.on('connection', () => receiver.connections++);
  receiver.port = await listen(server);
  receiver.url = `http://127.0.0.1:${receiver.port}/alert`;
  return receiver;
}

/** Accepts TCP connections and never reads or answers: the worst kind of dead endpoint. */
export async function startBlackHole(): Promise<{
  url: string;
  address: string;
  accepted: () => number;
}> {
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    socket.pause();
  });
  track(server);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/alert`,
    address: `127.0.0.1:${port}`,
    accepted: () => accepted,
  };
}

/** A port nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP receiver: collects each connection's bytes; `reply` (if given) answers at EOF. */
export async function startTCPReceiver(
  reply?: (data: Buffer) => Buffer | string,
): Promise<{ address: string; messages: Buffer[]; waitFor(count: number): Promise<void> }> {
  const messages: Buffer[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      const data = Buffer.concat(chunks);
      messages.push(data);
      for (const w of waiters.filter((w) => messages.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (reply) socket.end(reply(data));
      else socket.end();
    });
    socket.on('error', () => {});
  });
  track(server);
  const port = await listen(server);
  return {
    address: `127.0.0.1:${port}`,
    messages,
    waitFor: (count) =>
      messages.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}

export async function closeAll(): Promise<void> {
  for (const socket of openSockets) socket.destroy();
  openSockets.clear();
  await Promise.all(
    [...openServers].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
  openServers.clear();
}
