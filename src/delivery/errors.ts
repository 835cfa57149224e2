// Delivery errors carry a machine-readable reason and whether another attempt could succeed,
// so one shared retrier (retry.ts) can decide for every handler kind, and the metrics can
// count failures by reason (Alertmanager's notify.ErrorWithReason, plus "retryable").

import { CondenserError } from '../common/errors.js';

/** Why a delivery attempt failed. */
export type DeliveryReason =
  /** the per-attempt deadline passed (AbortSignal.timeout) */
  | 'timeout'
  /** dial or socket failure: refused, reset, unreachable, DNS */
  | 'connection'
  | 'http-5xx'
  | 'http-429'
  /** any other 4xx: the request itself is wrong; retrying will not help */
  | 'http-4xx'
  /** a non-success status outside 4xx/5xx (e.g. 3xx, or 200 where only 202 counts) */
  | 'http-status'
  /** the peer or our request broke the protocol (bad header value, malformed response) */
  | 'protocol'
  /** a child process failed (exec handler) */
  | 'process'
  /** local I/O (files, streams) */
  | 'io'
  /** the caller gave up (shutdown), not the peer */
  | 'aborted'
  /** TLS handshake or certificate verification failed: fix the config, retrying will not help */
  | 'tls'
  /**
   * The event rendered into something the protocol cannot carry (a templated MQTT topic with
   * a wildcard, an SNMP value that is not a number, a mail without recipients)
   */
  | 'invalid-message'
  /** the transport's own bounded buffer was full (its peer away for long): dropped, counted */
  | 'overflow'
  /** SMTP 4yz reply: transient, worth another attempt */
  | 'smtp-4xx'
  /** SMTP 5yz reply: the server refused the mail for good */
  | 'smtp-5xx'
  /** SMTP AUTH failed, or credentials would have crossed the network unencrypted */
  | 'smtp-auth'
  /** the MQTT broker refused the connection: bad user name or password, not authorised */
  | 'mqtt-not-authorized'
  /** the MQTT broker refused the connection for another reason (protocol, client id, ...) */
  | 'mqtt-refused'
  /** Kafka: the partition has no leader right now (election, broker restart) */
  | 'kafka-leader-not-available'
  /** Kafka: SASL authentication failed or the client is not authorised for the topic */
  | 'kafka-auth'
  /** Kafka: any other error code a broker answered with */
  | 'kafka-error'
  /** anything not recognised: treated as not retryable */
  | 'unknown';

export const deliveryReasons: readonly DeliveryReason[] = [
  'timeout',
  'connection',
  'http-5xx',
  'http-429',
  'http-4xx',
  'http-status',
  'protocol',
  'process',
  'io',
  'aborted',
  'tls',
  'invalid-message',
  'overflow',
  'smtp-4xx',
  'smtp-5xx',
  'smtp-auth',
  'mqtt-not-authorized',
  'mqtt-refused',
  'kafka-leader-not-available',
  'kafka-auth',
  'kafka-error',
  'unknown',
];

export interface DeliveryErrorOptions {
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Reasons that are worth another attempt unless the thrower says otherwise. */
const retryableByDefault: ReadonlySet<DeliveryReason> = new Set([
  'timeout',
  'connection',
  'http-5xx',
  'http-429',
  'overflow',
  'smtp-4xx',
  'kafka-leader-not-available',
]);

/**
 * A transport setting that cannot be used (an unreadable ssl-ca file, a SASL mechanism this
 * host lacks), found when the connection is set up; `key` is the config key.
 */
export class SettingsError extends CondenserError {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super('transport_settings_invalid', `${key}: ${problem}`, 400);
    this.name = 'SettingsError';
  }
}

export class DeliveryError extends Error {
  readonly reason: DeliveryReason;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(reason: DeliveryReason, message: string, options: DeliveryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.reason = reason;
    this.retryable = options.retryable ?? retryableByDefault.has(reason);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** errno codes that mean "the peer could not be reached or dropped us": worth a retry. */
const connectionCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENOTCONN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_SOCKET_CLOSED',
]);

const timeoutCodes: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const protocolCodes: ReadonlySet<string> = new Set([
  'HPE_INVALID_CONSTANT',
  'HPE_INVALID_HEADER_TOKEN',
  'HPE_HEADER_OVERFLOW',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_URL',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
  'UND_ERR_INVALID_ARG',
]);

/** Certificate and handshake failures (node:tls and OpenSSL codes). */
const tlsCodes: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

function isTLSCode(code: string): boolean {
  return tlsCodes.has(code) || code.startsWith('ERR_SSL_');
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorName(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const name = (err as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The error to report when `signal` aborted an attempt: a timeout if the signal's reason is a
 * TimeoutError (AbortSignal.timeout), otherwise 'aborted' (shutdown), which is not retried.
 */
export function abortError(signal: AbortSignal, cause?: unknown): DeliveryError {
  const reason: unknown = signal.reason;
  if (errorName(reason) === 'TimeoutError') {
    return new DeliveryError('timeout', 'attempt timed out', { cause: cause ?? reason });
  }
  return new DeliveryError('aborted', `aborted: ${messageOf(reason)}`, {
    retryable: false,
    cause: cause ?? reason,
  });
}

/**
 * Map anything thrown by fetch, node:http, node:net or handler code to a DeliveryError.
 * Looks through `cause` chains (fetch wraps socket errors in "TypeError: fetch failed").
 */
export function classifyError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    const code = errorCode(e);
    const name = errorName(e);
    if (name === 'TimeoutError' || (code !== undefined && timeoutCodes.has(code))) {
      return new DeliveryError('timeout', messageOf(e), { cause: err });
    }
    if (code !== undefined && connectionCodes.has(code)) {
      return new DeliveryError('connection', `${code}: ${messageOf(e)}`, { cause: err });
    }
    if (code !== undefined && isTLSCode(code)) {
      return new DeliveryError('tls', `${code}: ${messageOf(e)}`, { retryable: false, cause: err });
    }
    if (code !== undefined && protocolCodes.has(code)) {
      return new DeliveryError('protocol', messageOf(e), { cause: err });
    }
    if (name === 'AbortError' || code === 'ABORT_ERR') {
      // node:http aborts carry the signal's reason as `cause`; a timeout shows up there.
      const cause = (e as { cause?: unknown }).cause;
      if (errorName(cause) === 'TimeoutError') {
        return new DeliveryError('timeout', messageOf(cause), { cause: err });
      }
      return new DeliveryError('aborted', messageOf(e), { retryable: false, cause: err });
    }
    e = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  }
  return new DeliveryError('unknown', messageOf(err), { retryable: false, cause: err });
}

/**
 * `text` with every non-empty secret replaced by `<redacted>`: for messages built from what a
 * peer or a client library said, which may quote a user name, a password or a URL with both.
 */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('<redacted>');
  }
  return out;
}
