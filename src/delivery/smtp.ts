// SMTP delivery with nodemailer: one pooled connection per mail server settings, reused
// between mails and closed after `idle-timeout` without one, as Kapacitor's mailer does.
// The connection is secured the way Go's net/smtp + gomail do it: STARTTLS whenever the
// server offers it (certificates verified unless `no-verify`), implicit TLS on port 465, and
// AUTH (PLAIN or LOGIN, whichever the server offers) only when a username is set. As with
// Go's PlainAuth, credentials never cross the network unencrypted: with a username and a host
// that is not loopback, a server without STARTTLS is refused ('smtp-auth').
//
// The message is built by mail-format.ts (gomail's bytes); nodemailer only carries it.

import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type { AlertEvent } from '../alert/event.js';
import { eventDataTemplateData } from '../alert/template-data.js';
import { compileHandlerTemplate } from '../alert/templates.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { DeliveryError, abortError, classifyError, withoutSecrets } from './errors.js';
import type { FormattedMail } from './mail-format.js';
import { peerMetrics, type DeliveryMetricsRegistry, type PeerMetrics } from './metrics.js';

/** What the `[smtp]` section gives the transport (durations in milliseconds). */
export interface SMTPSettings {
  host: string;
  port: number;
  /** '' = no AUTH. */
  username: string;
  password: string;
  /** Skip certificate verification for STARTTLS / TLS (Kapacitor's `no-verify`). */
  noVerify: boolean;
  /** Close the connection after this long without a mail; 0 closes it after each mail. */
  idleTimeoutMs: number;
}

export interface SMTPMailerOptions {
  logger?: Logger;
  /** Where the peer counters (`smtp:<host:port>`) are shown; standalone counters if absent. */
  metrics?: DeliveryMetricsRegistry;
  /** Limit for connecting and for each reply; the attempt's signal bounds the whole send. */
  socketTimeoutMs?: number;
  /**
   * AUTH without TLS is allowed to this machine (Go's PlainAuth rule). Default true; false
   * requires STARTTLS before AUTH everywhere.
   */
  trustLoopback?: boolean;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Go's PlainAuth rule: credentials go over an encrypted connection only, unless the server
 * is this machine. True = STARTTLS (or implicit TLS) is required before AUTH.
 */
export function credentialsNeedTLS(host: string, username: string, trustLoopback = true): boolean {
  return username !== '' && !(trustLoopback && isLoopback(host));
}

/** A handler's `to-field` templates (over EventData), compiled once. */
export interface RecipientTemplates {
  /** The rendered addresses, '' where a template rendered nothing. */
  render(event: AlertEvent): string[];
}

/** Compile `to-field` / `.toTemplates(...)` at handler creation (throws on bad syntax). */
export function recipientTemplates(texts: readonly string[]): RecipientTemplates {
  if (texts.length === 0) return { render: () => [] };
  const compiled = texts.map((t, i) => compileHandlerTemplate(`to-field[${i}]`, t));
  return {
    render(event) {
      const data = eventDataTemplateData(event);
      return compiled.map((t) => t.render(data).trim());
    },
  };
}

/** nodemailer's error fields we look at. */
interface MailerError {
  code?: string;
  /** The errno / TLS code behind nodemailer's ESOCKET / ECONNECTION. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

function mailerFields(err: unknown): MailerError {
  return typeof err === 'object' && err !== null ? (err as MailerError) : {};
}

/**
 * What an SMTP failure means for the retrier: 4yz transient, 5yz permanent (503, a command
 * out of sequence, is worth a new connection), AUTH failures and refused plaintext AUTH
 * permanent, TLS and socket failures as the shared classifier says.
 */
export function classifySMTPError(err: unknown, secrets: readonly string[]): DeliveryError {
  const f = mailerFields(err);
  const clean = (text: string): string => withoutSecrets(text, secrets);
  const said = f.response ? `: ${clean(f.response)}` : '';
  if (f.code === 'EAUTH' || f.code === 'ENOAUTH') {
    return new DeliveryError('smtp-auth', `SMTP authentication failed${said}`, {
      retryable: false,
      status: f.responseCode,
      cause: err,
    });
  }
  if (f.code === 'ETLS' && /STARTTLS/i.test(clean(String((err as Error).message)))) {
    // requireTLS (credentials set) and a server without STARTTLS.
    return new DeliveryError(
      'smtp-auth',
      'refusing to send credentials over an unencrypted connection: the server offers no STARTTLS',
      { retryable: false, cause: err },
    );
  }
  const code = f.responseCode;
  if (code !== undefined && code >= 400 && code <= 599) {
    const command = f.command ? ` to ${f.command.split(' ')[0]}` : '';
    const message = `SMTP server answered ${code}${command}${said}`;
    if (code >= 500) {
      return new DeliveryError('smtp-5xx', message, {
        retryable: code === 503,
        status: code,
        cause: err,
      });
    }
    return new DeliveryError('smtp-4xx', message, { status: code, cause: err });
  }
  const classified = classifyError(
    f.originalCode !== undefined && err instanceof Error
      ? Object.assign(new Error(err.message), { code: f.originalCode })
      : err,
  );
  if (classified.reason !== 'unknown') {
    return new DeliveryError(classified.reason, clean(classified.message), {
      retryable: classified.retryable,
      cause: err,
    });
  }
  // nodemailer's own connection codes carry no errno when the server hung up.
  if (f.code === 'ECONNECTION' || f.code === 'ESOCKET' || f.code === 'EDNS') {
    return new DeliveryError('connection', clean(String((err as Error).message)), { cause: err });
  }
  if (f.code === 'ETIMEDOUT')
    return new DeliveryError('timeout', clean(String((err as Error).message)), { cause: err });
  if (f.code === 'ETLS')
    return new DeliveryError('tls', clean(String((err as Error).message)), {
      retryable: false,
      cause: err,
    });
  return new DeliveryError('unknown', clean(classified.message), { retryable: false, cause: err });
}

type Pool = ReturnType<typeof createTransport>;

export class SMTPMailer {
  readonly settings: Readonly<SMTPSettings>;
  readonly metrics: PeerMetrics;
  private readonly logger: Logger;
  private readonly registry: DeliveryMetricsRegistry | undefined;
  private readonly socketTimeoutMs: number;
  private readonly trustLoopback: boolean;
  private pool: Pool | undefined;
  private closed = false;

  constructor(settings: SMTPSettings, options: SMTPMailerOptions = {}) {
    this.settings = { ...settings };
    this.logger = options.logger ?? silentLogger;
    this.registry = options.metrics;
    this.socketTimeoutMs = options.socketTimeoutMs ?? 30_000;
    this.trustLoopback = options.trustLoopback ?? true;
    const tags = { server: `${settings.host}:${settings.port}` };
    this.metrics = peerMetrics(this.registry, 'smtp', tags);
  }

  private get secrets(): string[] {
    return [this.settings.password];
  }

  private transport(): Pool {
    if (this.pool !== undefined) return this.pool;
    const s = this.settings;
    const auth = s.username !== '' ? { user: s.username, pass: s.password } : undefined;
    this.pool = createTransport({
      pool: true,
      maxConnections: 1,
      maxMessages: Infinity,
      // nodemailer reads 0 as "never"; Kapacitor's 0 closes right after the mail.
      idleTimeout: s.idleTimeoutMs > 0 ? s.idleTimeoutMs : 1,
      host: s.host,
      port: s.port,
      secure: s.port === 465,
      requireTLS: credentialsNeedTLS(s.host, s.username, this.trustLoopback),
      auth,
      // SNI takes host names only; an IP address is verified against the certificate's IP SANs.
      tls: {
        rejectUnauthorized: !s.noVerify,
        ...(isIP(s.host) === 0 ? { servername: s.host } : {}),
      },
      connectionTimeout: this.socketTimeoutMs,
      greetingTimeout: this.socketTimeoutMs,
      socketTimeout: this.socketTimeoutMs,
      logger: false,
    });
    this.metrics.add('pools_opened');
    return this.pool;
  }

  /**
   * Send one formatted mail (see `kapacitorMail`). Resolves once the server accepted it
   * (250 after DATA); rejects with a DeliveryError whose message holds no secret. Aborting
   * `signal` takes the mail out of the queue, or closes the connection carrying it.
   */
  async send(mail: FormattedMail, signal?: AbortSignal): Promise<void> {
    if (this.closed) {
      throw new DeliveryError('aborted', 'the mail transport is closed', { retryable: false });
    }
    if (signal?.aborted) throw abortError(signal);
    try {
      await this.transport().sendMail({
        envelope: { from: mail.envelope.from, to: mail.envelope.to },
        raw: mail.raw,
        signal,
      });
      this.metrics.add('sent');
    } catch (err) {
      const failure = signal?.aborted
        ? abortError(signal, err)
        : classifySMTPError(err, this.secrets);
      this.metrics.failed(failure.reason);
      throw failure;
    }
  }

  /** Close the connection (it is opened again by the next mail unless closed for good). */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    pool?.close();
    if (this.registry !== undefined) this.registry.removePeer(this.metrics);
    this.logger.debug({ server: `${this.settings.host}:${this.settings.port}` }, 'smtp closed');
    await Promise.resolve();
  }
}
