// Credentials for [auth]: passwords are kept as scrypt hashes and bearer tokens as SHA-256
// digests, so a config file or a `condenser config` listing never holds a usable secret.
// Checking a password never blocks the event loop (scrypt runs on libuv's thread pool), and
// an unknown user costs the same scrypt as a known one, so timing does not tell them apart.

import {
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  scryptSync,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;

/** `scrypt$N$r$p$<salt b64>$<hash b64>` (synchronous: the CLI's hash-password). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyLength, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function scryptAsync(
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

interface ParsedHash {
  options: ScryptOptions;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, rr, pp, salt, hash] = parts as [string, string, string, string, string, string];
  return {
    options: { N: Number(n), r: Number(rr), p: Number(pp) },
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

/** Compare a password with a stored hash, off the event loop. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  try {
    const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.options);
    return timingSafeEqual(actual, parsed.hash);
  } catch {
    return false; // parameters scrypt refuses: the hash cannot match anything
  }
}

/** `sha256:<hex>` of a bearer token. */
export function hashToken(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('hex')}`;
}

export function verifyToken(token: string, stored: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface Credentials {
  users: ReadonlyArray<{ username: string; password: string }>;
  tokens: ReadonlyArray<{ name: string; hash: string }>;
}

/** What a request presents: a bearer token, or a username and password (basic or `u`/`p`). */
export type Presented =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'password'; username: string; password: string }
  | { kind: 'malformed' };

/** Read the Authorization header (scheme names are case-insensitive, RFC 7235) or `u`/`p`. */
export function presentedCredentials(
  header: string | undefined,
  query: { u?: unknown; p?: unknown },
): Presented {
  if (header !== undefined && header !== '') {
    const m = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:[ \t]+(.*))?$/s.exec(header);
    if (!m) return { kind: 'malformed' };
    const scheme = m[1]!.toLowerCase();
    const rest = (m[2] ?? '').trim();
    if (scheme === 'bearer')
      return rest === '' ? { kind: 'malformed' } : { kind: 'bearer', token: rest };
    if (scheme === 'basic') {
      const decoded = Buffer.from(rest, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return { kind: 'malformed' };
      return { kind: 'password', username: decoded.slice(0, i), password: decoded.slice(i + 1) };
    }
    return { kind: 'malformed' };
  }
  if (typeof query.u === 'string') {
    return {
      kind: 'password',
      username: query.u,
      password: typeof query.p === 'string' ? query.p : '',
    };
  }
  return { kind: 'none' };
}

/** A hash no password matches, with the same cost as the users' hashes. */
function dummyHash(creds: Credentials): string {
  const params = creds.users[0] ? parseHash(creds.users[0].password)?.options : undefined;
  const salt = Buffer.alloc(16, 0x5a).toString('base64');
  const hash = Buffer.alloc(keyLength).toString('base64');
  return `scrypt$${params?.N ?? N}$${params?.r ?? r}$${params?.p ?? p}$${salt}$${hash}`;
}

/**
 * Checks credentials against [auth]. Verified passwords are remembered (keyed by an HMAC with
 * a per-process key, so the cache holds no password) for a few minutes, so a client that
 * authenticates every request pays scrypt once, not per request.
 */
export class Authenticator {
  private readonly dummy: string;
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Map<string, { username: string; until: number }>();

  private readonly verify: (password: string, stored: string) => Promise<boolean>;
  private readonly cacheTtlMs: number;
  private readonly cacheSize: number;

  constructor(
    private readonly creds: Credentials,
    options: {
      verify?: (password: string, stored: string) => Promise<boolean>;
      cacheTtlMs?: number;
      cacheSize?: number;
    } = {},
  ) {
    this.dummy = dummyHash(creds);
    this.verify = options.verify ?? verifyPassword;
    this.cacheTtlMs = options.cacheTtlMs ?? 5 * 60_000;
    this.cacheSize = options.cacheSize ?? 1024;
  }

  /** Who the request is, or undefined when its credentials are missing or wrong. */
  async authenticate(presented: Presented, now = Date.now()): Promise<string | undefined> {
    switch (presented.kind) {
      case 'none':
      case 'malformed':
        return undefined;
      case 'bearer': {
        const t = this.creds.tokens.find((x) => verifyToken(presented.token, x.hash));
        return t ? t.name || 'token' : undefined;
      }
      case 'password':
        return this.password(presented.username, presented.password, now);
    }
  }

  private async password(username: string, password: string, now: number) {
    const key = createHmac('sha256', this.cacheKey)
      .update(username)
      .update('\u0000')
      .update(password)
      .digest('base64');
    const hit = this.verified.get(key);
    if (hit && hit.until > now) return hit.username;
    this.verified.delete(key);
    const user = this.creds.users.find((u) => u.username === username);
    // An unknown user costs one scrypt too, so response times do not reveal user names.
    const ok = await this.verify(password, user?.password ?? this.dummy);
    if (!user || !ok) return undefined;
    if (this.verified.size >= this.cacheSize) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(key, { username, until: now + this.cacheTtlMs });
    return username;
  }
}

/**
 * Failed authentications per client address in a fixed window: past the limit a client gets
 * 429 with Retry-After until its window ends, without another password check. Bounded: the
 * oldest addresses are forgotten first.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxClients = 10_000,
  ) {}

  /** Milliseconds until `client` may try again, or 0 when it may try now. */
  retryAfterMs(client: string, now = Date.now()): number {
    const w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) return 0;
    return w.failures >= this.maxFailures ? w.start + this.windowMs - now : 0;
  }

  fail(client: string, now = Date.now()): void {
    let w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.delete(client);
      if (this.windows.size >= this.maxClients) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      w = { start: now, failures: 0 };
      this.windows.set(client, w);
    }
    w.failures++;
  }
}
