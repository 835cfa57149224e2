// Checks behind the validating field builders (fields.ts): each returns what is wrong with a
// value, or undefined. Messages never quote a secret: URLs are quoted redacted.

import { isIP } from 'node:net';
import { redactURL } from './redact.js';

const show = (v: unknown): string => JSON.stringify(v);

/** Control characters and spaces: WHATWG URL parsing would silently drop some of them. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const urlForbidden = /[\u0000-\u0020\u007f]/;

export function httpURLProblem(value: string, template: boolean): string | undefined {
  if (value === '') return undefined;
  // Template actions may hold spaces ({{ .ID }}); check the URL around them.
  const text = template ? value.replace(/\{\{[\s\S]*?\}\}/g, 'x') : value;
  const shown = show(redactURL(value));
  if (urlForbidden.test(text))
    return `must not contain spaces or control characters (CR, LF, ...), got ${shown}`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return scheme === undefined
      ? `must be an http:// or https:// URL, got ${shown}`
      : `must use http or https, not "${scheme}", got ${shown}`;
  }
  if (!/^https?:\/\//i.test(text)) return `must be an http:// or https:// URL, got ${shown}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is not a valid URL, got ${shown}`;
  }
  if (url.hostname === '') return `must name a host, got ${shown}`;
  return undefined;
}

/** RFC 7230 token: the characters a header name may use. */
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Anything but HTAB below 0x20, DEL, and what Node cannot send in a header (> 0xFF). */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const badValueChar = /[\u0000-\u0008\u000a-\u001f\u007f\u0100-\uffff]/;

/** A value sent inside an HTTP header (a token, an API key); never quoted, it may be a secret. */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'must not contain CR or LF (it is sent in an HTTP header)';
  if (badValueChar.test(value))
    return 'must not contain control or non-Latin-1 characters (it is sent in an HTTP header)';
  return undefined;
}

export function headerNameProblem(name: string): string | undefined {
  return tokenPattern.test(name)
    ? undefined
    : `header name ${show(name)} is not a valid HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`;
}

export function headerMapProblem(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const p = headerNameProblem(name);
    if (p !== undefined) return p;
    if (/[\r\n]/.test(value)) return `header ${show(name)}: value must not contain CR or LF`;
    if (badValueChar.test(value))
      return `header ${show(name)}: value must not contain control or non-Latin-1 characters`;
  }
  return undefined;
}

export interface HostPortRules {
  /** `:0` (pick a free port) is accepted, as for a listening address. */
  allowPortZero?: boolean;
}

const hostNamePattern = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

export function hostPortProblem(value: string, rules: HostPortRules): string | undefined {
  if (value === '') return undefined;
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  if (!m) return `must be host:port (IPv6 as [::1]:port), got ${show(value)}`;
  const [, v6, host, portText] = m;
  if (v6 !== undefined) {
    if (isIP(v6) !== 6) return `"${v6}" is not an IPv6 address, in ${show(value)}`;
  } else if (host === '' || !hostNamePattern.test(host!)) {
    return `must name a host before the port, got ${show(value)}`;
  }
  const port = Number(portText);
  if (port > 65535 || (port === 0 && !rules.allowPortZero))
    return `port must be between 1 and 65535, got ${portText}`;
  return undefined;
}

export function fileModeProblem(mode: number): string | undefined {
  return mode >= 0 && mode <= 0o7777
    ? undefined
    : `must be a file mode between 0 and 07777 (octal; 420 = 0644 in JSON), got ${mode}`;
}

/** The origin of a URL (`https://host[:port]`), or undefined when it is not http(s). */
export function normalizeOrigin(origin: string): string | undefined {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.origin;
}

/** `scheme://host[:port]` with nothing else (a trailing `/` is tolerated). */
export function isOrigin(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    u.username === '' &&
    u.password === '' &&
    u.pathname === '/' &&
    u.search === '' &&
    u.hash === '' &&
    !/\/\/.*\/./.test(text)
  );
}
