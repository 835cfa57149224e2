// Loopback peers for benches, all on 127.0.0.1: an HTTP sink that answers 200 at once, a
// black hole (accepts, never answers) and a refused port. Each returns a close function.

import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Peer {
  url: string;
  close(): Promise<void>;
}

export interface HTTPSink extends Peer {
  /** Requests fully received so far. */
  count(): number;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () => {
    for (const s of sockets) s.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
}

export async function startHTTPSink(): Promise<HTTPSink> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'Content-Length': '0' });
      res.end();
    });
  });
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/alert`, count: () => received, close };
}

export async function startBlackHole(): Promise<Peer> {
  const server = net.createServer((socket) => socket.pause());
  const close = closer(server, new Set());
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/alert`, close };
}

export async function refusedURL(): Promise<Peer> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}/alert`, close: async () => {} };
}
