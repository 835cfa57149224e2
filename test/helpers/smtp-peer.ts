// A real SMTP server on 127.0.0.1 for the transport tests (smtp-server): STARTTLS with the
// committed self-signed certificate, AUTH PLAIN/LOGIN when credentials are given, replies
// chosen by the test, and every accepted mail kept as received (envelope + raw bytes).
// `stop()` and `start()` take it away and bring it back on the same port.

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url)));

export const testCert = fixture('localhost.crt');
export const testKey = fixture('localhost.key');

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  /** The session was encrypted (STARTTLS or implicit TLS). */
  secure: boolean;
  /** The authenticated user, if any. */
  user: string | undefined;
}

export interface SMTPPeerOptions {
  /** Offer STARTTLS (default true). */
  starttls?: boolean;
  /** Require AUTH with these credentials. */
  auth?: { username: string; password: string };
  /** A reply for a mail instead of 250: `{ code, message }` (e.g. 550). */
  reject?: (mail: { from: string; to: string[] }) => { code: number; message: string } | undefined;
}

export interface SMTPPeer {
  host: string;
  port: number;
  mails: ReceivedMail[];
  /** TCP connections accepted so far (to check reuse). */
  connections: number;
  /** Connections closed so far (to check the idle timeout). */
  closed: number;
  waitFor(count: number): Promise<void>;
  /** Close the listener and every connection (the server goes away). */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
}

const running = new Set<SMTPServer>();

export async function startSMTPPeer(options: SMTPPeerOptions = {}, port = 0): Promise<SMTPPeer> {
  const mails: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let server: SMTPServer | undefined;
  const peer: SMTPPeer = {
    host: '127.0.0.1',
    port,
    mails,
    connections: 0,
    closed: 0,
    waitFor: (count) =>
      mails.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      running.delete(s);
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start: async () => {
      const serverOptions: SMTPServerOptions = {
        key: testKey,
        cert: testCert,
        hideSTARTTLS: options.starttls === false,
        disabledCommands: options.starttls === false ? ['STARTTLS'] : [],
        authMethods: ['PLAIN', 'LOGIN'],
        authOptional: options.auth === undefined,
        allowInsecureAuth: true,
        closeTimeout: 100,
        logger: false,
        onConnect(_session, callback) {
          peer.connections++;
          callback();
        },
        onClose() {
          peer.closed++;
        },
        onAuth(auth, _session, callback) {
          const want = options.auth;
          if (want && auth.username === want.username && auth.password === want.password) {
            callback(null, { user: auth.username });
          } else {
            callback(new Error('Invalid username or password'));
          }
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const envelope = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            };
            const refusal = options.reject?.(envelope);
            if (refusal) {
              const err = new Error(refusal.message) as Error & { responseCode: number };
              err.responseCode = refusal.code;
              callback(err);
              return;
            }
            mails.push({
              ...envelope,
              raw: Buffer.concat(chunks),
              secure: session.secure,
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            for (const w of waiters.filter((w) => mails.length >= w.count)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
            callback(null, 'Ok: queued');
          });
        },
      };
      const s = new SMTPServer(serverOptions);
      s.on('error', () => {});
      await new Promise<void>((resolve, reject) => {
        s.server.once('error', reject);
        s.listen(peer.port, '127.0.0.1', () => resolve());
      });
      peer.port = (s.server.address() as AddressInfo).port;
      server = s;
      running.add(s);
    },
  };
  await peer.start();
  return peer;
}

/** Stop every server the tests started (afterEach). */
export async function stopSMTPPeers(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
}

/** The raw mail split into its header block (unfolded, by name) and body. */
export function splitMail(raw: Buffer): { headers: Map<string, string>; body: string } {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = text.slice(0, end).replace(/\r\n[ \t]/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return { headers, body: text.slice(end + 4) };
}
