// A real SMTP server on 127.0.0.1 for the transport tests (smtp-server): STARTTLS with the
// committed self-signed certificate, AUTH PLAIN/LOGIN when credentials are given, replies
// chosen by the test, and every accepted mail kept as received (envelope + raw bytes).
// `stop()` and `start()` take it away and bring it back on the same port.

import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { arrivals, RunningPeers, testCert, testKey } from './peer-lifecycle.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  /** The session was encrypted (STARTTLS or implicit TLS). */
  secure: boolean;
  /** The authenticated user, if any. */
  user: string | undefined;
  /** The password it authenticated with (recorded to show what a client sent). */
  password: string | undefined;
}

export interface SMTPPeerOptions {
  /** Offer STARTTLS (default true). */
  starttls?: boolean;
  /** Require AUTH with these credentials; `'any'`: offer AUTH, accept any credentials, record them. */
  auth?: { username: string; password: string } | 'any';
  /** Listen on this loopback address (default 127.0.0.1). */
  host?: string;
  /** Called with each accepted mail, as it arrives. */
  onMail?: (mail: ReceivedMail) => void;
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

const running = new RunningPeers();

export async function startSMTPPeer(options: SMTPPeerOptions = {}, port = 0): Promise<SMTPPeer> {
  const mails: ReceivedMail[] = [];
  const arrived = arrivals(mails);
  const passwords = new Map<string, string>();
  const host = options.host ?? '127.0.0.1';
  const life = running.lifecycle(async () => {
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
      onAuth(auth, session, callback) {
        const want = options.auth;
        if (
          want === 'any' ||
          (want && auth.username === want.username && auth.password === want.password)
        ) {
          passwords.set(session.id, auth.password ?? '');
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
          const mail: ReceivedMail = {
            ...envelope,
            raw: Buffer.concat(chunks),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
            password: passwords.get(session.id),
          };
          mails.push(mail);
          options.onMail?.(mail);
          arrived.arrived();
          callback(null, 'Ok: queued');
        });
      },
    };
    const s = new SMTPServer(serverOptions);
    s.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(peer.port, host, () => resolve());
    });
    peer.port = (s.server.address() as AddressInfo).port;
    return () => new Promise<void>((resolve) => s.close(() => resolve()));
  });
  const peer: SMTPPeer = {
    host,
    port,
    mails,
    connections: 0,
    closed: 0,
    waitFor: arrived.waitFor,
    stop: life.stop,
    start: life.start,
  };
  await peer.start();
  return peer;
}

/** Stop every server the tests started (afterEach). */
export function stopSMTPPeers(): Promise<void> {
  return running.stopAll();
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
