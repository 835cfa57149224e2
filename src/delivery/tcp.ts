// TCP delivery as Kapacitor's tcp handler does it: dial per event, write, close.
// Optionally half-close and read the peer's reply to EOF (for protocols that answer).

import net from 'node:net';
import { DeliveryError, abortError, classifyError } from './errors.js';

export interface SendTCPOptions {
  /** "host:port" or "[v6addr]:port", as Go's net.Dial takes it. */
  address: string;
  data: string | Uint8Array;
  signal?: AbortSignal;
  /** After writing, half-close and read until the peer closes; resolve with what it sent. */
  readReply?: boolean;
}

export interface TCPAddress {
  host: string;
  port: number;
}

/** Split "host:port" / "[::1]:port" like net.SplitHostPort. */
export function parseTCPAddress(address: string): TCPAddress {
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(address);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) {
    throw new DeliveryError('protocol', `invalid address "${address}": want host:port`, {
      retryable: false,
    });
  }
  // An empty host means the local system, as in Go.
  return { host: m[1] ?? (m[2] || 'localhost'), port };
}

/**
 * Dial, write `data`, and close. With `readReply`, resolve with the reply bytes; otherwise
 * resolve with an empty buffer once the data is handed to the kernel.
 */
export function sendTCP(opts: SendTCPOptions): Promise<Buffer> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  let addr: TCPAddress;
  try {
    addr = parseTCPAddress(opts.address);
  } catch (err) {
    return Promise.reject(err);
  }

  return new Promise<Buffer>((resolve, reject) => {
    const socket = net.connect({ host: addr.host, port: addr.port, allowHalfOpen: true });
    const reply: Buffer[] = [];
    let settled = false;

    const finish = (err: unknown, value?: Buffer): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err === undefined) resolve(value ?? Buffer.alloc(0));
      else reject(signal?.aborted ? abortError(signal, err) : classifyError(err));
    };
    const onAbort = (): void => finish(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('error', (err) => finish(err));
    if (opts.readReply) {
      socket.on('data', (chunk: Buffer) => reply.push(chunk));
      socket.on('end', () => finish(undefined, Buffer.concat(reply)));
    } else {
      // Go closes without reading; discard anything the peer sends.
      socket.resume();
    }
    socket.on('connect', () => {
      socket.write(opts.data, (err) => {
        if (err) finish(err);
        else if (!opts.readReply) finish(undefined);
      });
      // Half-close (FIN) so a peer that reads to EOF before answering sees the end.
      socket.end();
    });
  });
}
