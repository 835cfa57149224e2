// Redaction of secrets in what the host shows (API responses, `condenser config`, logs and
// error messages), and their restoration when a client sends a redacted value back unchanged
// (GET, edit one field, PUT): the stored secret is kept, and the placeholder is never stored.
// Which fields are secret comes from the field builders (fields.ts), so every kind built with
// them, generated ones included, gets this without code of its own.

import type { z } from 'zod';
import type { FieldInfo } from './fields.js';

/** What a secret (or the secret part of a value) is shown as. */
export const REDACTED = '<redacted>';

/** Query parameter names that usually carry a credential. */
const credentialParam = /token|key|secret|pass|pwd|auth|sig|credential|session/i;

/**
 * A URL with the password of its userinfo (or a bare `token@` userinfo) and credential-like
 * query parameter values replaced. Text, not a re-serialised URL: the rest stays as written.
 */
export function redactURL(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/.exec(url);
  if (!m) return url;
  const [, scheme, rawAuthority, rest] = m as unknown as [string, string, string, string];
  let authority = rawAuthority;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const shown = colon >= 0 ? `${userinfo.slice(0, colon)}:${REDACTED}` : REDACTED;
    authority = shown + authority.slice(at);
  }
  const tail = rest.replace(
    /([?&])([^=&#]*)=([^&#]*)/g,
    (all, sep: string, name: string, v: string) =>
      v !== '' && credentialParam.test(name) ? `${sep}${name}=${REDACTED}` : all,
  );
  return scheme + authority + tail;
}

/** Header values that never carry a credential and help when reading a config back. */
const harmlessHeaders = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-encoding',
  'content-type',
  'user-agent',
]);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = value === '' || harmlessHeaders.has(name.toLowerCase()) ? value : REDACTED;
  }
  return out;
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isSet);
  return true;
}

/** One value as shown to a client; whole secrets become the placeholder when set. */
export function redactValue(info: FieldInfo | undefined, value: unknown): unknown {
  if (!info) return value;
  if (info.secret) return isSet(value) ? REDACTED : value;
  if (info.redaction === 'url' && typeof value === 'string') return redactURL(value);
  if (info.redaction === 'headers' && value !== null && typeof value === 'object')
    return redactHeaders(value as Record<string, string>);
  return value;
}

export type FieldLookup = (
  key: string,
) => { schema: z.ZodType; info: FieldInfo | undefined } | undefined;

/** Every field of an object shown to a client. Unknown keys are redacted whole. */
export function redactObject(
  lookup: FieldLookup,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = lookup(key);
    out[key] = field ? redactValue(field.info, v) : isSet(v) ? REDACTED : v;
  }
  return out;
}

/** A placeholder the client sent where no stored secret can stand in for it. */
export class RedactedValueError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'RedactedValueError';
  }
}

function holdsPlaceholder(v: unknown): boolean {
  if (typeof v === 'string') return v.includes(REDACTED);
  if (Array.isArray(v)) return v.some(holdsPlaceholder);
  if (v !== null && typeof v === 'object') return Object.values(v).some(holdsPlaceholder);
  return false;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** One field: the stored value where the client sent its redacted form back. */
function restoreValue(
  key: string,
  info: FieldInfo | undefined,
  incoming: unknown,
  stored: unknown,
): { value: unknown; restored: boolean } {
  if (!holdsPlaceholder(incoming)) return { value: incoming, restored: false };
  if (stored !== undefined && sameValue(incoming, redactValue(info, stored))) {
    return { value: stored, restored: true };
  }
  if (
    info?.redaction === 'headers' &&
    incoming !== null &&
    typeof incoming === 'object' &&
    !Array.isArray(incoming)
  ) {
    // Per header: a placeholder keeps that header's stored value (names match case-insensitively).
    const old = (stored ?? {}) as Record<string, string>;
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(incoming as Record<string, unknown>)) {
      if (v !== REDACTED) {
        out[name] = v;
        continue;
      }
      const match = Object.keys(old).find((k) => k.toLowerCase() === name.toLowerCase());
      if (match === undefined)
        throw new RedactedValueError(
          key,
          `header "${name}" holds the placeholder ${REDACTED} but no value is stored for it`,
        );
      out[name] = old[match];
    }
    if (holdsPlaceholder(out))
      throw new RedactedValueError(key, `holds the placeholder ${REDACTED}: send the real value`);
    return { value: out, restored: true };
  }
  throw new RedactedValueError(
    key,
    `holds the placeholder ${REDACTED}: send the real value, or the value exactly as it was read back`,
  );
}

/**
 * Replace redacted values a client sent back by the stored ones. Throws RedactedValueError
 * when a placeholder cannot be restored, and when secrets would be kept while a destination
 * (URL, address) changes: a redacted secret must not follow a request somewhere new.
 */
export function restoreRedacted(
  lookup: FieldLookup,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...incoming };
  const restoredKeys: string[] = [];
  for (const [key, v] of Object.entries(incoming)) {
    const r = restoreValue(key, lookup(key)?.info, v, stored?.[key]);
    out[key] = r.value;
    if (r.restored) restoredKeys.push(key);
  }
  if (restoredKeys.length > 0 && stored !== undefined) {
    for (const key of new Set([...Object.keys(out), ...Object.keys(stored)])) {
      if (!lookup(key)?.info?.destination) continue;
      if (!sameValue(out[key], stored[key])) {
        throw new RedactedValueError(
          restoredKeys[0]!,
          `is redacted and "${key}" changed: send the secret again (a kept secret never goes to a new destination)`,
        );
      }
    }
  }
  return out;
}

/** The userinfo password (or bare `token@`) and credential-like query values of a URL. */
function urlSecrets(url: string): string[] {
  const out: string[] = [];
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([\s\S]*)$/.exec(url);
  if (!m) return out;
  const [, authority, rest] = m as unknown as [string, string, string];
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0) out.push(userinfo, decoded(userinfo));
    else {
      const user = decoded(userinfo.slice(0, colon));
      const password = userinfo.slice(colon + 1);
      out.push(password, decoded(password), basicCredentials(user, decoded(password)));
    }
  }
  for (const [, name, v] of rest.matchAll(/[?&]([^=&#]*)=([^&#]*)/g)) {
    if (v !== '' && credentialParam.test(name!)) out.push(v!);
  }
  return out;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What an `Authorization: Basic` header carries for these credentials (a peer may echo it). */
function basicCredentials(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}

/** Every string inside a value (a secret object's fields, a list's items). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === 'object')
    return Object.values(value).flatMap(stringLeaves);
  return [];
}

/**
 * The secret strings of an object, found the way redactObject finds them: whole secrets, the
 * values of non-harmless headers, the secret parts of URLs. For scrubbing text that may
 * quote them (an error a peer answered with).
 */
export function secretStrings(lookup: FieldLookup, value: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const info = lookup(key)?.info;
    if (info?.secret) {
      out.push(...stringLeaves(v));
      const { username, password } = (v ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username === 'string' && typeof password === 'string' && password !== '')
        out.push(basicCredentials(username, password));
    } else if (info?.redaction === 'url' && typeof v === 'string') out.push(...urlSecrets(v));
    else if (info?.redaction === 'headers' && v !== null && typeof v === 'object') {
      for (const [name, h] of Object.entries(v as Record<string, unknown>)) {
        if (typeof h !== 'string' || harmlessHeaders.has(name.toLowerCase())) continue;
        // "Bearer <token>": the token alone may be quoted too.
        out.push(h, ...h.split(/\s+/).filter((word) => word.length >= 8));
      }
    }
  }
  return out.filter((s) => s.length > 0);
}

/**
 * Text shown to a client or written to a log with the given secrets and the secret parts of
 * every URL in it replaced by the placeholder. Longer secrets go first, so a secret that
 * contains another is replaced whole.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out.replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g, (url) => redactURL(url));
}
