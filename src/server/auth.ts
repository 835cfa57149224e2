// Credentials for [auth]: passwords are kept as scrypt hashes and bearer tokens as SHA-256
// digests, so a config file or a `condenser config` listing never holds a usable secret.

import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const r = 8;
const p = 1;
const keyLength = 32;

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyLength, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, rr, pp, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
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

/** Who the request is, or undefined when its credentials are missing or wrong. */
export function authenticate(
  header: string | undefined,
  query: { u?: string; p?: string },
  creds: Credentials,
): string | undefined {
  let username: string | undefined;
  let password: string | undefined;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    const t = creds.tokens.find((x) => verifyToken(token, x.hash));
    return t ? t.name || 'token' : undefined;
  }
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    username = decoded.slice(0, i);
    password = decoded.slice(i + 1);
  } else if (query.u !== undefined) {
    username = query.u;
    password = query.p ?? '';
  }
  if (username === undefined || password === undefined) return undefined;
  const user = creds.users.find((u) => u.username === username);
  return user && verifyPassword(password, user.password) ? username : undefined;
}
