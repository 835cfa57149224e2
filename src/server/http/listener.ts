// The API's node:http server with limits a slow or greedy client cannot outlast: the whole
// request (headers and body) must arrive within `[http] read-timeout` (Go's ReadTimeout), idle
// keep-alive connections close after `idle-timeout`, and one client address may hold at most
// `max-connections-per-client` connections (more are answered 503 and closed).

import http from 'node:http';
import type { Socket } from 'node:net';

export interface ListenerLimits {
  readTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnectionsPerClient: number;
}

const refusal = (max: number): string => {
  const body = JSON.stringify(
    {
      error: `too many connections from this address (limit ${max}, [http] max-connections-per-client)`,
      message: `too many connections from this address (limit ${max}, [http] max-connections-per-client)`,
    },
    null,
    4,
  );
  return [
    'HTTP/1.1 503 Service Unavailable',
    'Content-Type: application/json; charset=utf-8',
    'Retry-After: 1',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
};

/** Count connections per remote address; refuse those over the limit before Node parses them. */
function capConnectionsPerClient(server: http.Server, max: number): void {
  const open = new Map<string, number>();
  const message = refusal(max);
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > max) {
      socket.on('error', () => {});
      socket.end(message, () => socket.destroy());
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** A fastify serverFactory with the limits applied. */
export function limitedServerFactory(limits: ListenerLimits) {
  return (handler: http.RequestListener): http.Server => {
    const server = http.createServer(
      {
        // Node checks these deadlines on an interval; keep it short so they bite on time.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.readTimeoutMs / 4)),
        headersTimeout: limits.readTimeoutMs,
        requestTimeout: limits.readTimeoutMs,
        keepAliveTimeout: limits.idleTimeoutMs,
      },
      handler,
    );
    capConnectionsPerClient(server, limits.maxConnectionsPerClient);
    return server;
  };
}
